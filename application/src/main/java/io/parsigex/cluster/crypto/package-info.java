/**
 * The primitives cluster locks are signed with that libp2p does not need: keccak256, Ethereum
 * addresses, recoverable 65-byte secp256k1 signatures (EIP-712 and node signatures) and BLS12-381
 * (blst). secp256k1 keys, the curve, compact 64-byte signatures (ENRs), key files and peer ids are
 * {@link io.parsigex.libp2p.crypto}'s and {@link io.parsigex.libp2p.peer}'s.
 */
package io.parsigex.cluster.crypto;
