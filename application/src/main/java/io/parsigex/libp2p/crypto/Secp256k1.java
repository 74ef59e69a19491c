package io.parsigex.libp2p.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The secp256k1 curve: its domain parameters and the sizes of its encodings (all immutable). The
 * key types {@link Secp256k1PrivateKey} and {@link Secp256k1PublicKey} are built on it; other
 * packages use it for operations libp2p itself does not need (public-key recovery).
 */
public final class Secp256k1 {

  private static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
  /** The curve, its generator G, order n and cofactor. */
  public static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE_PARAMS.getCurve(),
      CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  /** The group order n. */
  public static final BigInteger N = CURVE_PARAMS.getN();
  /** n / 2: a signature's S above this is high-S. */
  public static final BigInteger HALF_N = N.shiftRight(1);
  /** Bytes of a private scalar (and of each of a signature's r and s). */
  public static final int PRIVATE_KEY_LENGTH = 32;
  /** Bytes of a compressed point ({@code 02|03 ‖ x}). */
  public static final int COMPRESSED_LENGTH = 33;
  /** Bytes of an uncompressed point ({@code 04 ‖ x ‖ y}). */
  public static final int UNCOMPRESSED_LENGTH = 65;
  /** Bytes of a message digest signed without further hashing. */
  public static final int DIGEST_LENGTH = 32;
  /** Bytes of a compact signature {@code r ‖ s}. */
  public static final int COMPACT_SIGNATURE_LENGTH = 2 * PRIVATE_KEY_LENGTH;

  private Secp256k1() {}

  /**
   * Whether {@code x} is in [1, n): a valid private scalar, signature r or signature s.
   *
   * @param x the value
   * @return true when in range
   */
  public static boolean isScalar(BigInteger x) {
    return x.signum() > 0 && x.compareTo(N) < 0;
  }
}
