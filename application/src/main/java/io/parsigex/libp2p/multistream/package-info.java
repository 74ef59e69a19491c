/**
 * multistream-select 1.0: a sans-IO negotiator ({@link io.parsigex.libp2p.multistream.Negotiator})
 * for dialers and listeners, and a Netty adapter
 * ({@link io.parsigex.libp2p.multistream.MultistreamHandler}) for channels. Bytes pipelined behind
 * a proposal are returned as leftover, never lost.
 */
package io.parsigex.libp2p.multistream;
