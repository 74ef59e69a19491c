/** Peer ids: multihashes of libp2p public keys, in base58btc and CIDv1 text forms. */
package io.parsigex.libp2p.peer;
