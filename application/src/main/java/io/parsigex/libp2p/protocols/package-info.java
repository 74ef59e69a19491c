/**
 * The libp2p service protocols every host answers: identify ({@code /ipfs/id/1.0.0}) and ping
 * ({@code /ipfs/ping/1.0.0}), written against a plain {@link io.parsigex.libp2p.yamux.YamuxStream}.
 */
package io.parsigex.libp2p.protocols;
