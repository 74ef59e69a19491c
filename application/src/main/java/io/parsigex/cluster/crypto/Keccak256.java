package io.parsigex.cluster.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum's keccak256 (the original Keccak padding, not NIST SHA3-256). */
public final class Keccak256 {

  /** Digest length in bytes. */
  public static final int LENGTH = 32;

  private static final int BITS = 256;

  private Keccak256() {}

  /**
   * Hashes the concatenation of the given byte arrays.
   *
   * @param parts the input, in order
   * @return the 32-byte digest
   */
  public static byte[] hash(byte[]... parts) {
    KeccakDigest digest = new KeccakDigest(BITS);
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }
}
