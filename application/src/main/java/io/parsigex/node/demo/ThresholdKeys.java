package io.parsigex.node.demo;

import io.parsigex.api.PubKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * A BLS12-381 validator key split into Shamir shares the way Charon's DKG splits it: share index
 * {@code i} (1-based) holds {@code f(i)} of a random polynomial {@code f} of degree
 * {@code threshold - 1} with {@code f(0)} the validator's secret key, so any {@code threshold}
 * partial signatures combine (Lagrange at 0) into the validator's signature. Immutable.
 */
public final class ThresholdKeys {

  /** The order of the BLS12-381 scalar field. */
  public static final BigInteger CURVE_ORDER = new BigInteger(
      "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** Ethereum's proof-of-possession ciphersuite tag. */
  public static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  private final PubKey publicKey;
  private final List<byte[]> shareSecrets;
  private final List<PubKey> publicShares;

  private ThresholdKeys(PubKey publicKey, List<byte[]> shareSecrets, List<PubKey> publicShares) {
    this.publicKey = publicKey;
    this.shareSecrets = shareSecrets;
    this.publicShares = publicShares;
  }

  /**
   * Generates a validator key and its shares.
   *
   * @param shares number of shares (cluster size)
   * @param threshold shares needed to sign
   * @param random randomness
   * @return the key material
   */
  public static ThresholdKeys generate(int shares, int threshold, SecureRandom random) {
    if (threshold < 1 || threshold > shares) {
      throw new IllegalArgumentException("threshold must be in 1.." + shares + ", got " + threshold);
    }
    List<BigInteger> coeffs = new ArrayList<>();
    for (int i = 0; i < threshold; i++) {
      BigInteger c;
      do {
        c = new BigInteger(CURVE_ORDER.bitLength(), random);
      } while (c.signum() == 0 || c.compareTo(CURVE_ORDER) >= 0);
      coeffs.add(c);
    }
    PubKey group = PubKey.fromBytes(new P1(secretKey(coeffs.get(0))).compress());
    List<byte[]> secrets = new ArrayList<>();
    List<PubKey> pubs = new ArrayList<>();
    for (int x = 1; x <= shares; x++) {
      BigInteger y = BigInteger.ZERO;
      BigInteger xi = BigInteger.valueOf(x);
      for (int k = coeffs.size() - 1; k >= 0; k--) {
        y = y.multiply(xi).add(coeffs.get(k)).mod(CURVE_ORDER);
      }
      byte[] sk = toBytes32(y);
      secrets.add(sk);
      pubs.add(PubKey.fromBytes(new P1(secretKey(y)).compress()));
    }
    return new ThresholdKeys(group, List.copyOf(secrets), List.copyOf(pubs));
  }

  /**
   * The validator's group public key.
   *
   * @return the key
   */
  public PubKey publicKey() {
    return publicKey;
  }

  /**
   * Public shares in share-index order.
   *
   * @return one per share
   */
  public List<PubKey> publicShares() {
    return publicShares;
  }

  /**
   * Signs a 32-byte signing root with one share.
   *
   * @param shareIndex 1-based
   * @param signingRoot the message
   * @return the 96-byte compressed partial signature
   */
  public byte[] sign(int shareIndex, byte[] signingRoot) {
    Objects.checkIndex(shareIndex - 1, shareSecrets.size());
    SecretKey sk = new SecretKey();
    sk.from_bendian(shareSecrets.get(shareIndex - 1));
    return new P2().hash_to(signingRoot, DST).sign_with(sk).compress();
  }

  /**
   * Combines partial signatures into the validator's signature (Lagrange interpolation at 0).
   *
   * @param partials partial signatures by share index (at least {@code threshold} of them)
   * @return the compressed group signature
   */
  public static byte[] combine(java.util.Map<Integer, byte[]> partials) {
    P2 acc = new P2();
    boolean first = true;
    for (var e : partials.entrySet()) {
      BigInteger xi = BigInteger.valueOf(e.getKey());
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      for (Integer j : partials.keySet()) {
        if (!j.equals(e.getKey())) {
          BigInteger xj = BigInteger.valueOf(j);
          num = num.multiply(xj).mod(CURVE_ORDER);
          den = den.multiply(xj.subtract(xi)).mod(CURVE_ORDER);
        }
      }
      BigInteger lambda = num.multiply(den.modInverse(CURVE_ORDER)).mod(CURVE_ORDER);
      P2 term = new P2(e.getValue()).mult(lambda);
      acc = first ? term : acc.add(term);
      first = false;
    }
    return acc.compress();
  }

  private static SecretKey secretKey(BigInteger v) {
    SecretKey sk = new SecretKey();
    sk.from_bendian(toBytes32(v));
    return sk;
  }

  private static byte[] toBytes32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
