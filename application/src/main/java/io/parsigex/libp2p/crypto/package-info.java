/**
 * Identity keys: secp256k1 private keys (sign, DER ECDSA over SHA-256, low-S), remote secp256k1 and
 * Ed25519 public keys (verify), their libp2p protobuf encodings and Charon's key-file format.
 */
package io.parsigex.libp2p.crypto;
