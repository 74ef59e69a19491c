/**
 * Relay configuration as Charon reads it: relays given as multiaddrs or as http(s) URLs whose
 * answer (an ENR, or a JSON list of multiaddrs) names the relay, re-resolved periodically.
 * Entry points: {@link io.parsigex.core.relay.RelaySources#parse} and
 * {@link io.parsigex.core.relay.RelayResolver}.
 */
package io.parsigex.core.relay;
