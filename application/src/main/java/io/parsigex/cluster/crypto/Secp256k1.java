package io.parsigex.cluster.crypto;

import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.Secp256k1PublicKey;
import io.parsigex.libp2p.peer.PeerId;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 ECDSA as Ethereum and Charon use it: 64-byte {@code r ‖ s} signatures (ENRs), 65-byte
 * recoverable {@code r ‖ s ‖ v} signatures with {@code v} in {0, 1, 27, 28} (EIP-712 and lock node
 * signatures), deterministic RFC 6979 nonces and low-S normalisation when signing.
 */
public final class Secp256k1 {

  /** Length of a signature without recovery id. */
  public static final int SIG64_LENGTH = 64;
  /** Length of a recoverable signature. */
  public static final int SIG65_LENGTH = 65;
  /** Length of a message digest that is signed. */
  public static final int DIGEST_LENGTH = 32;
  /** Length of a private scalar. */
  public static final int SCALAR_LENGTH = 32;
  /** Length of a compressed public key. */
  public static final int COMPRESSED_LENGTH = 33;

  private static final int RECOVERY_OFFSET = 27;
  private static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN = new ECDomainParameters(
      CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  private static final BigInteger N = CURVE_PARAMS.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);

  private Secp256k1() {}

  /**
   * The curve order.
   *
   * @return n
   */
  public static BigInteger order() {
    return N;
  }

  /**
   * Parses a SEC1 public key (compressed or uncompressed).
   *
   * @param encoded 33 or 65 bytes
   * @return the key, or empty when it is not a point on the curve
   */
  public static Optional<PublicKey> parsePublicKey(byte[] encoded) {
    if (encoded.length != COMPRESSED_LENGTH && encoded.length != 2 * SCALAR_LENGTH + 1) {
      return Optional.empty();
    }
    try {
      ECPoint p = DOMAIN.getCurve().decodePoint(encoded);
      if (p.isInfinity() || !p.isValid()) {
        return Optional.empty();
      }
      return Optional.of(new PublicKey(p.getEncoded(true)));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks a 64-byte {@code r ‖ s} signature over a 32-byte digest (high S accepted, as Charon's
   * decred library does).
   *
   * @param key the signer's key
   * @param digest 32 bytes
   * @param signature 64 bytes
   * @return whether it verifies
   */
  public static boolean verify64(PublicKey key, byte[] digest, byte[] signature) {
    if (signature.length != SIG64_LENGTH || digest.length != DIGEST_LENGTH) {
      return false;
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, SCALAR_LENGTH));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, SCALAR_LENGTH, SIG64_LENGTH));
    if (!inRange(r) || !inRange(s)) {
      return false;
    }
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, new ECPublicKeyParameters(key.point(), DOMAIN));
    return signer.verifySignature(digest, r, s);
  }

  /**
   * Recovers the signer of a 65-byte recoverable signature.
   *
   * @param digest 32 bytes
   * @param signature {@code r ‖ s ‖ v}, v in {0, 1, 27, 28}
   * @return the signer's key, or empty when the signature is malformed
   */
  public static Optional<PublicKey> recover(byte[] digest, byte[] signature) {
    if (signature.length != SIG65_LENGTH || digest.length != DIGEST_LENGTH) {
      return Optional.empty();
    }
    int v = signature[SIG64_LENGTH] & 0xFF;
    if (v >= RECOVERY_OFFSET) {
      v -= RECOVERY_OFFSET;
    }
    if (v != 0 && v != 1) {
      return Optional.empty();
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, SCALAR_LENGTH));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, SCALAR_LENGTH, SIG64_LENGTH));
    if (!inRange(r) || !inRange(s)) {
      return Optional.empty();
    }
    return recoverPoint(digest, r, s, v).map(p -> new PublicKey(p.getEncoded(true)));
  }

  private static Optional<ECPoint> recoverPoint(byte[] digest, BigInteger r, BigInteger s, int v) {
    // SEC1 v2 §4.1.6 with j = 0 (x = r; r + n would exceed the field for secp256k1 in practice).
    BigInteger prime = DOMAIN.getCurve().getField().getCharacteristic();
    if (r.compareTo(prime) >= 0) {
      return Optional.empty();
    }
    byte[] x = toFixed(r);
    byte[] compressed = new byte[COMPRESSED_LENGTH];
    compressed[0] = (byte) (v == 1 ? 0x03 : 0x02);
    System.arraycopy(x, 0, compressed, 1, SCALAR_LENGTH);
    ECPoint rPoint;
    try {
      rPoint = DOMAIN.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    BigInteger e = new BigInteger(1, digest);
    BigInteger rInv = r.modInverse(N);
    BigInteger u1 = e.negate().mod(N).multiply(rInv).mod(N);
    BigInteger u2 = s.multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), u1, rPoint, u2).normalize();
    if (q.isInfinity()) {
      return Optional.empty();
    }
    return Optional.of(q);
  }

  private static boolean inRange(BigInteger x) {
    return x.signum() > 0 && x.compareTo(N) < 0;
  }

  private static byte[] toFixed(BigInteger x) {
    byte[] raw = x.toByteArray();
    byte[] out = new byte[SCALAR_LENGTH];
    int copy = Math.min(raw.length, SCALAR_LENGTH);
    System.arraycopy(raw, raw.length - copy, out, SCALAR_LENGTH - copy, copy);
    return out;
  }

  /**
   * A secp256k1 public key, held in its 33-byte compressed form.
   *
   * @param compressed the SEC1 compressed encoding
   */
  public record PublicKey(byte[] compressed) {

    /**
     * Validates the encoding.
     *
     * @param compressed 33 bytes, a point on the curve
     */
    public PublicKey {
      if (compressed.length != COMPRESSED_LENGTH) {
        throw new IllegalArgumentException("a compressed secp256k1 key has 33 bytes, got "
            + compressed.length);
      }
      compressed = compressed.clone();
    }

    @Override
    public byte[] compressed() {
      return compressed.clone();
    }

    ECPoint point() {
      return DOMAIN.getCurve().decodePoint(compressed);
    }

    /**
     * The 65-byte uncompressed encoding ({@code 04 ‖ x ‖ y}).
     *
     * @return the encoding
     */
    public byte[] uncompressed() {
      return point().getEncoded(false);
    }

    /**
     * The libp2p peer id of this key (identity multihash of {@code 08 02 12 21 ‖ key33},
     * {@code 16Uiu2…} in text).
     *
     * @return the peer id
     */
    public PeerId peerId() {
      try {
        return PeerId.fromPublicKey(Secp256k1PublicKey.fromCompressed(compressed));
      } catch (KeyException e) {
        throw new IllegalStateException("a validated secp256k1 key must convert: " + e.getMessage(),
            e);
      }
    }

    /**
     * The Ethereum address: the last 20 bytes of keccak256(x ‖ y).
     *
     * @return 20 bytes
     */
    public byte[] ethereumAddress() {
      byte[] u = uncompressed();
      byte[] h = Keccak256.hash(Arrays.copyOfRange(u, 1, u.length));
      return Arrays.copyOfRange(h, h.length - 20, h.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PublicKey other && Arrays.equals(compressed, other.compressed);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
      return "PublicKey[" + org.bouncycastle.util.encoders.Hex.toHexString(compressed) + "]";
    }
  }

  /**
   * A secp256k1 private key. Its {@link #toString()} never reveals the scalar.
   *
   * @param scalar the secret, in [1, n)
   */
  public record PrivateKey(BigInteger scalar) {

    /**
     * Validates the scalar.
     *
     * @param scalar in [1, n)
     */
    public PrivateKey {
      if (!inRange(scalar)) {
        throw new IllegalArgumentException("a secp256k1 private key must be in [1, n)");
      }
    }

    /**
     * Builds a key from 32 big-endian bytes.
     *
     * @param bytes 32 bytes
     * @return the key, or empty when the bytes are not a valid scalar
     */
    public static Optional<PrivateKey> fromBytes(byte[] bytes) {
      if (bytes.length != SCALAR_LENGTH) {
        return Optional.empty();
      }
      BigInteger d = new BigInteger(1, bytes);
      return inRange(d) ? Optional.of(new PrivateKey(d)) : Optional.empty();
    }

    /**
     * The 32-byte big-endian scalar.
     *
     * @return the secret bytes
     */
    public byte[] toBytes() {
      return toFixed(scalar);
    }

    /**
     * The matching public key.
     *
     * @return the public key
     */
    public PublicKey publicKey() {
      return new PublicKey(DOMAIN.getG().multiply(scalar).normalize().getEncoded(true));
    }

    /**
     * Signs a digest deterministically (RFC 6979), low-S, with recovery id.
     *
     * @param digest 32 bytes
     * @return {@code r ‖ s ‖ v} with v in {0, 1}
     */
    public byte[] sign65(byte[] digest) {
      if (digest.length != DIGEST_LENGTH) {
        throw new IllegalArgumentException("secp256k1 signs 32-byte digests");
      }
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      signer.init(true, new ECPrivateKeyParameters(scalar, DOMAIN));
      BigInteger[] rs = signer.generateSignature(digest);
      BigInteger r = rs[0];
      BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
      byte[] out = new byte[SIG65_LENGTH];
      System.arraycopy(toFixed(r), 0, out, 0, SCALAR_LENGTH);
      System.arraycopy(toFixed(s), 0, out, SCALAR_LENGTH, SCALAR_LENGTH);
      PublicKey mine = publicKey();
      for (int v = 0; v <= 1; v++) {
        Optional<ECPoint> q = recoverPoint(digest, r, s, v);
        if (q.isPresent() && Arrays.equals(q.get().getEncoded(true), mine.compressed)) {
          out[SIG64_LENGTH] = (byte) v;
          return out;
        }
      }
      throw new IllegalStateException("no recovery id reproduces the signing key");
    }

    /**
     * Signs a digest without recovery id (the ENR form).
     *
     * @param digest 32 bytes
     * @return {@code r ‖ s}
     */
    public byte[] sign64(byte[] digest) {
      return Arrays.copyOf(sign65(digest), SIG64_LENGTH);
    }

    @Override
    public String toString() {
      return "PrivateKey[" + publicKey() + "]";
    }
  }
}
