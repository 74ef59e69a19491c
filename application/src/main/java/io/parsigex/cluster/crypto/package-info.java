/**
 * The primitives cluster locks are signed with: keccak256, secp256k1 (64-byte and recoverable
 * 65-byte signatures) and BLS12-381 (blst).
 */
package io.parsigex.cluster.crypto;
