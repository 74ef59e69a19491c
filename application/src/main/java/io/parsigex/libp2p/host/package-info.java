/**
 * The libp2p host: listens and dials over TCP, secures connections with Noise (chosen by
 * multistream-select), multiplexes them with Yamux, admits only peers its
 * {@link io.parsigex.libp2p.host.ConnectionGater} allows, routes inbound streams to protocol
 * handlers by protocol id, answers identify and ping, and redials the peers it should stay
 * connected to. Entry point: {@link io.parsigex.libp2p.host.Host#start}.
 */
package io.parsigex.libp2p.host;
