package io.parsigex.node.demo;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.crypto.Bls;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A BLS12-381 validator key split into Shamir shares the way Charon's DKG splits it: share index
 * {@code i} (1-based) holds {@code f(i)} of a random polynomial {@code f} of degree
 * {@code threshold - 1} with {@code f(0)} the validator's secret key, so any {@code threshold}
 * partial signatures combine (Lagrange at 0) into the validator's signature. The BLS operations
 * are {@link Bls}'s. Immutable.
 */
public final class ThresholdKeys {

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
        c = new BigInteger(Bls.FIELD_ORDER.bitLength(), random);
      } while (c.signum() == 0 || c.compareTo(Bls.FIELD_ORDER) >= 0);
      coeffs.add(c);
    }
    PubKey group = PubKey.fromBytes(Bls.publicKeyOf(coeffs.get(0)));
    List<byte[]> secrets = new ArrayList<>();
    List<PubKey> pubs = new ArrayList<>();
    for (int x = 1; x <= shares; x++) {
      BigInteger y = BigInteger.ZERO;
      BigInteger xi = BigInteger.valueOf(x);
      for (int k = coeffs.size() - 1; k >= 0; k--) {
        y = y.multiply(xi).add(coeffs.get(k)).mod(Bls.FIELD_ORDER);
      }
      secrets.add(toBytes32(y));
      pubs.add(PubKey.fromBytes(Bls.publicKeyOf(y)));
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
    return Bls.sign(new BigInteger(1, shareSecrets.get(shareIndex - 1)), signingRoot);
  }

  private static byte[] toBytes32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
