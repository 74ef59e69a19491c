package io.parsigex.testsupport;

import java.util.Random;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * Real BLS12-381 keys and signatures for tests (jblst, eth2 ciphersuite), from a seeded generator,
 * plus points that are on the curve but outside the prime-order subgroup.
 */
public final class BlsTestKeys {

  /** The eth2 signature ciphersuite. */
  public static final String DST = io.parsigex.cluster.crypto.Bls.DST;

  private static final int MAX_TRIES = 10_000;

  private BlsTestKeys() {}

  /** A secret key and its compressed public key. */
  public record Key(SecretKey secret, byte[] secretBytes, byte[] publicKey) {
    /**
     * Signs a message.
     *
     * @param message the bytes (a signing root)
     * @return the compressed 96-byte signature
     */
    public byte[] sign(byte[] message) {
      return new P2().hash_to(message, DST).sign_with(secret).compress();
    }
  }

  /**
   * A key from a seeded generator.
   *
   * @param random the generator
   * @return the key
   */
  public static Key key(Random random) {
    byte[] ikm = new byte[32];
    random.nextBytes(ikm);
    SecretKey sk = new SecretKey();
    sk.keygen(ikm);
    return new Key(sk, sk.to_bendian(), new P1(sk).compress());
  }

  /**
   * A compressed G1 point on the curve but not in the subgroup.
   *
   * @param random the generator
   * @return 48 bytes
   */
  public static byte[] g1OutsideSubgroup(Random random) {
    for (int i = 0; i < MAX_TRIES; i++) {
      byte[] b = new byte[48];
      random.nextBytes(b);
      b[0] = (byte) ((b[0] & 0x0f) | 0x80);
      try {
        P1_Affine p = new P1_Affine(b);
        if (!p.in_group() && !p.is_inf()) {
          return b;
        }
      } catch (RuntimeException notOnCurve) {
        // try another x
      }
    }
    throw new AssertionError("no G1 point outside the subgroup found");
  }

  /**
   * A compressed G2 point on the curve but not in the subgroup.
   *
   * @param random the generator
   * @return 96 bytes
   */
  public static byte[] g2OutsideSubgroup(Random random) {
    for (int i = 0; i < MAX_TRIES; i++) {
      byte[] b = new byte[96];
      random.nextBytes(b);
      b[0] = (byte) ((b[0] & 0x0f) | 0x80);
      b[48] = (byte) (b[48] & 0x0f);
      try {
        P2_Affine p = new P2_Affine(b);
        if (!p.in_group() && !p.is_inf()) {
          return b;
        }
      } catch (RuntimeException notOnCurve) {
        // try another x
      }
    }
    throw new AssertionError("no G2 point outside the subgroup found");
  }
}
