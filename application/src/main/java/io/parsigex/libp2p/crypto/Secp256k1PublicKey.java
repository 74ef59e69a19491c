package io.parsigex.libp2p.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key (a point on the curve, kept as its 33-byte compressed form). It verifies
 * libp2p's DER signatures over SHA-256 of a message ({@link #verify}) and compact {@code r ‖ s}
 * signatures over a ready 32-byte digest ({@link #verifyDigest}, the form Ethereum records use).
 *
 * @param compressed the compressed point
 */
public record Secp256k1PublicKey(byte[] compressed) implements PublicKey {

  /** Longest DER ECDSA signature accepted (two 33-byte integers plus headers). */
  public static final int MAX_SIGNATURE_LENGTH = 72;

  /**
   * Validates and copies the point.
   *
   * @param compressed the compressed point
   */
  public Secp256k1PublicKey {
    compressed = compressed.clone();
    if (compressed.length != Secp256k1.COMPRESSED_LENGTH) {
      throw new IllegalArgumentException("compressed secp256k1 key must be 33 bytes");
    }
  }

  /**
   * Decodes a compressed point, checking it is on the curve.
   *
   * @param compressed 33 bytes
   * @return the key
   * @throws KeyException.Malformed when it is not a valid compressed point
   */
  public static Secp256k1PublicKey fromCompressed(byte[] compressed) throws KeyException {
    if (compressed.length != Secp256k1.COMPRESSED_LENGTH
        || (compressed[0] != 2 && compressed[0] != 3)) {
      throw new KeyException.Malformed("a secp256k1 public key must be a 33-byte compressed point");
    }
    return new Secp256k1PublicKey(decode(compressed).getEncoded(true));
  }

  /**
   * Decodes a SEC1 point: 33-byte compressed ({@code 02|03 ‖ x}) or 65-byte uncompressed
   * ({@code 04 ‖ x ‖ y}; the X9.62 hybrid form {@code 06|07 ‖ x ‖ y} is accepted too), checking it
   * is on the curve.
   *
   * @param encoded 33 or 65 bytes
   * @return the key
   * @throws KeyException.Malformed when it is not a valid point in one of these forms
   */
  public static Secp256k1PublicKey fromSec1(byte[] encoded) throws KeyException {
    if (encoded.length == Secp256k1.COMPRESSED_LENGTH) {
      return fromCompressed(encoded);
    }
    if (encoded.length != Secp256k1.UNCOMPRESSED_LENGTH) {
      throw new KeyException.Malformed("a secp256k1 public key must be a 33-byte compressed or "
          + "65-byte uncompressed point, got " + encoded.length + " bytes");
    }
    return new Secp256k1PublicKey(decode(encoded).getEncoded(true));
  }

  private static ECPoint decode(byte[] encoded) throws KeyException {
    try {
      ECPoint p = Secp256k1.DOMAIN.getCurve().decodePoint(encoded);
      if (p.isInfinity() || !p.isValid()) {
        throw new KeyException.Malformed("secp256k1 public key is not a valid curve point");
      }
      return p;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new KeyException.Malformed("secp256k1 public key is not on the curve", e);
    }
  }

  @Override
  public KeyType type() {
    return KeyType.SECP256K1;
  }

  @Override
  public byte[] compressed() {
    return compressed.clone();
  }

  @Override
  public byte[] raw() {
    return compressed.clone();
  }

  /**
   * The uncompressed SEC1 encoding.
   *
   * @return {@code 04 ‖ x ‖ y}, {@link Secp256k1#UNCOMPRESSED_LENGTH} bytes
   */
  public byte[] uncompressed() {
    return point().getEncoded(false);
  }

  /**
   * Verifies a compact signature over a 32-byte digest taken as it is (no further hashing). High S
   * is accepted, as Go's decred secp256k1 does when checking records.
   *
   * @param digest {@link Secp256k1#DIGEST_LENGTH} bytes
   * @param signature {@code r ‖ s}, {@link Secp256k1#COMPACT_SIGNATURE_LENGTH} bytes
   * @return whether it is valid; wrong lengths and out-of-range values are simply invalid
   */
  public boolean verifyDigest(byte[] digest, byte[] signature) {
    if (digest == null || signature == null || digest.length != Secp256k1.DIGEST_LENGTH
        || signature.length != Secp256k1.COMPACT_SIGNATURE_LENGTH) {
      return false;
    }
    int half = Secp256k1.PRIVATE_KEY_LENGTH;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, 2 * half));
    return verifyScalars(digest, r, s);
  }

  private boolean verifyScalars(byte[] digest, BigInteger r, BigInteger s) {
    if (!Secp256k1.isScalar(r) || !Secp256k1.isScalar(s)) {
      return false;
    }
    try {
      ECDSASigner verifier = new ECDSASigner();
      verifier.init(false, new ECPublicKeyParameters(point(), Secp256k1.DOMAIN));
      return verifier.verifySignature(digest, r, s);
    } catch (IllegalArgumentException e) {
      return false; // a key built from unchecked bytes that are no point
    }
  }

  private ECPoint point() {
    return Secp256k1.DOMAIN.getCurve().decodePoint(compressed);
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    if (signature == null || signature.length > MAX_SIGNATURE_LENGTH) {
      return false;
    }
    try {
      ASN1Primitive prim = ASN1Primitive.fromByteArray(signature);
      if (!(prim instanceof ASN1Sequence seq) || seq.size() != 2
          || !(seq.getObjectAt(0) instanceof ASN1Integer r)
          || !(seq.getObjectAt(1) instanceof ASN1Integer s)
          || !Arrays.equals(prim.getEncoded(ASN1Encoding.DER), signature)) {
        return false;
      }
      return verifyScalars(sha256(message), r.getValue(), s.getValue());
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  static byte[] sha256(byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secp256k1PublicKey k && Arrays.equals(compressed, k.compressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compressed);
  }

  @Override
  public String toString() {
    return "Secp256k1PublicKey[" + java.util.HexFormat.of().formatHex(compressed) + "]";
  }
}
