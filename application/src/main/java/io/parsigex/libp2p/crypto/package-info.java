/**
 * Identity keys: secp256k1 private keys (sign: DER ECDSA over SHA-256, or compact {@code r ‖ s}
 * over a ready 32-byte digest; RFC 6979, low-S), remote secp256k1 and Ed25519 public keys (verify;
 * compressed, uncompressed and libp2p protobuf encodings), the secp256k1 curve parameters and
 * Charon's key-file format.
 */
package io.parsigex.libp2p.crypto;
