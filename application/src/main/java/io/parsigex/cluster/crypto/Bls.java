package io.parsigex.cluster.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * The BLS12-381 operations a cluster lock needs (Ethereum's proof-of-possession scheme, keys in G1,
 * signatures in G2), on blst: verification, fast-aggregate verification, public key recovery from
 * threshold shares (Lagrange interpolation at 0), and signing (the demo cluster signs with it).
 */
public final class Bls {

  /** Compressed public key length. */
  public static final int PUBLIC_KEY_LENGTH = 48;
  /** Compressed signature length. */
  public static final int SIGNATURE_LENGTH = 96;
  /** The order r of the BLS12-381 scalar field. */
  public static final BigInteger FIELD_ORDER = new BigInteger(
      "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
  /** Bytes of a secret scalar (big-endian). */
  public static final int SCALAR_LENGTH = 32;

  /**
   * Ethereum's proof-of-possession ciphersuite tag (the consensus specs' BLS signature scheme): the
   * one copy in the node. The bls-verifier plugin keeps its own, as plugins see only plugin-api.
   */
  public static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  private Bls() {}

  /**
   * Parses a compressed G1 public key; rejects encodings, off-curve, out-of-group and infinity.
   *
   * @param compressed 48 bytes
   * @return the point, or empty
   */
  static Optional<P1_Affine> publicKey(byte[] compressed) {
    if (compressed.length != PUBLIC_KEY_LENGTH) {
      return Optional.empty();
    }
    try {
      P1_Affine p = new P1_Affine(compressed);
      return p.in_group() && !p.is_inf() ? Optional.of(p) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<P2_Affine> signature(byte[] compressed) {
    if (compressed.length != SIGNATURE_LENGTH) {
      return Optional.empty();
    }
    try {
      P2_Affine p = new P2_Affine(compressed);
      return p.in_group() ? Optional.of(p) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code bytes} is a valid public key.
   *
   * @param bytes 48 bytes
   * @return true when valid
   */
  public static boolean isValidPublicKey(byte[] bytes) {
    return publicKey(bytes).isPresent();
  }

  /**
   * Verifies a signature.
   *
   * @param publicKey 48 bytes
   * @param message the message
   * @param signature 96 bytes
   * @return whether it verifies (false for malformed inputs)
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return fastAggregateVerify(List.of(publicKey), message, signature);
  }

  /**
   * Verifies an aggregate signature of one message by many keys.
   *
   * @param publicKeys 48 bytes each, at least one
   * @param message the message
   * @param signature 96 bytes
   * @return whether it verifies (false for malformed inputs)
   */
  public static boolean fastAggregateVerify(List<byte[]> publicKeys, byte[] message,
      byte[] signature) {
    if (publicKeys.isEmpty()) {
      return false;
    }
    Optional<P2_Affine> sig = signature(signature);
    if (sig.isEmpty()) {
      return false;
    }
    P1 agg = null;
    for (byte[] pk : publicKeys) {
      Optional<P1_Affine> p = publicKey(pk);
      if (p.isEmpty()) {
        return false;
      }
      agg = agg == null ? p.get().to_jacobian() : agg.add(p.get());
    }
    return sig.get().core_verify(agg.to_affine(), true, message, DST) == BLST_ERROR.BLST_SUCCESS;
  }

  /**
   * Interpolates the group public key from threshold shares: sum of λ_i · share_i with Lagrange
   * coefficients at 0 for the given 1-based share indices.
   *
   * @param shares share index → compressed public share
   * @return the compressed group key, or empty when a share is not a valid key
   */
  public static Optional<byte[]> recoverPublicKey(Map<Integer, byte[]> shares) {
    List<Integer> xs = new ArrayList<>(shares.keySet());
    P1 sum = null;
    for (int i : xs) {
      Optional<P1_Affine> p = publicKey(shares.get(i));
      if (p.isEmpty() || i <= 0) {
        return Optional.empty();
      }
      P1 term = p.get().to_jacobian().mult(lagrangeAtZero(i, xs));
      sum = sum == null ? term : sum.add(term);
    }
    return sum == null ? Optional.empty() : Optional.of(sum.compress());
  }

  /**
   * The Lagrange coefficient at 0 of share index {@code i} among the indices {@code xs}:
   * {@code prod(j / (j - i)) mod r} over the other indices, so that {@code sum(λ_i · f(i)) = f(0)}.
   *
   * @param i a 1-based share index, one of {@code xs}
   * @param xs the distinct 1-based share indices taking part
   * @return λ_i in [0, r)
   */
  public static BigInteger lagrangeAtZero(int i, Collection<Integer> xs) {
    BigInteger num = BigInteger.ONE;
    BigInteger den = BigInteger.ONE;
    for (int j : xs) {
      if (j != i) {
        num = num.multiply(BigInteger.valueOf(j)).mod(FIELD_ORDER);
        den = den.multiply(BigInteger.valueOf((long) j - i)).mod(FIELD_ORDER);
      }
    }
    return num.multiply(den.modInverse(FIELD_ORDER)).mod(FIELD_ORDER);
  }

  /**
   * The public key of a secret scalar.
   *
   * @param secret in [1, r)
   * @return 48 bytes
   */
  public static byte[] publicKeyOf(BigInteger secret) {
    return new P1(secretKey(secret)).compress();
  }

  /**
   * Signs a message.
   *
   * @param secret in [1, r)
   * @param message the message
   * @return 96 bytes
   */
  public static byte[] sign(BigInteger secret, byte[] message) {
    return new P2().hash_to(message, DST).sign_with(secretKey(secret)).compress();
  }

  private static SecretKey secretKey(BigInteger secret) {
    if (secret.signum() <= 0 || secret.compareTo(FIELD_ORDER) >= 0) {
      throw new IllegalArgumentException("a BLS secret must be in [1, r)");
    }
    byte[] raw = secret.toByteArray();
    byte[] be = new byte[SCALAR_LENGTH];
    int n = Math.min(raw.length, SCALAR_LENGTH);
    System.arraycopy(raw, raw.length - n, be, SCALAR_LENGTH - n, n);
    SecretKey sk = new SecretKey();
    sk.from_bendian(be);
    Arrays.fill(be, (byte) 0);
    return sk;
  }
}
