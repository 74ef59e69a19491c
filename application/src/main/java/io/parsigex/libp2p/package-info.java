/**
 * A small libp2p stack on Netty: secp256k1 identities and peer ids, multiaddrs, multistream-select,
 * Noise, Yamux, identify, ping and a host with a connection gater. It knows nothing of parsigex,
 * eth2 or Spring.
 */
package io.parsigex.libp2p;
