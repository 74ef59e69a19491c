/**
 * Circuit relay v2 client (libp2p/specs relay/circuit-v2.md): reservations on relays
 * ({@code /libp2p/circuit/relay/0.2.0/hop} RESERVE, refreshed and renewed), relayed dials (hop
 * CONNECT), relayed accepts ({@code /libp2p/circuit/relay/0.2.0/stop}), and the upgrade of a
 * relayed stream into an ordinary secured, multiplexed host connection. Entry point:
 * {@link io.parsigex.libp2p.relay.RelayClient}.
 */
package io.parsigex.libp2p.relay;
