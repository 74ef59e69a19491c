package io.parsigex.cluster.crypto;

import io.parsigex.libp2p.crypto.Secp256k1;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import java.util.Arrays;

/**
 * Signs as Charon's operators do ({@code r ‖ s ‖ v}), for tests that write cluster locks: the node
 * only recovers such signatures ({@link Secp256k1Recovery}), it never makes one.
 */
public final class RecoverableSignatures {

  private RecoverableSignatures() {}

  /**
   * Signs a digest deterministically (RFC 6979), low S, with the recovery id that reproduces the
   * key.
   *
   * @param key the signer
   * @param digest 32 bytes
   * @return {@code r ‖ s ‖ v} with v in {0, 1}
   */
  public static byte[] sign(Secp256k1PrivateKey key, byte[] digest) {
    byte[] out = Arrays.copyOf(key.signDigest(digest), Secp256k1Recovery.SIGNATURE_LENGTH);
    for (int v = 0; v <= 1; v++) {
      out[Secp256k1.COMPACT_SIGNATURE_LENGTH] = (byte) v;
      if (Secp256k1Recovery.recover(digest, out).filter(key.publicKey()::equals).isPresent()) {
        return out;
      }
    }
    throw new IllegalStateException("no recovery id reproduces the signing key");
  }
}
