/**
 * Charon's ping service: every cluster peer pinged over {@code /ipfs/ping/1.0.0} once a second,
 * with an exponential backoff after a failure, each result reported to a {@link
 * io.parsigex.libp2p.ping.PingListener}. The responder is part of the host.
 */
package io.parsigex.libp2p.ping;
