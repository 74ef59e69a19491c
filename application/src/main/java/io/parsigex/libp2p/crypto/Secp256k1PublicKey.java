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
 * A secp256k1 public key (a point on the curve, kept as its 33-byte compressed form).
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
    try {
      ECPoint p = Secp256k1.CURVE_PARAMS.getCurve().decodePoint(compressed);
      if (p.isInfinity() || !p.isValid()) {
        throw new KeyException.Malformed("secp256k1 public key is not a valid curve point");
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new KeyException.Malformed("secp256k1 public key is not on the curve", e);
    }
    return new Secp256k1PublicKey(compressed);
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
      BigInteger rv = r.getValue();
      BigInteger sv = s.getValue();
      if (!inRange(rv) || !inRange(sv)) {
        return false;
      }
      ECPoint q = Secp256k1.CURVE_PARAMS.getCurve().decodePoint(compressed);
      ECDSASigner verifier = new ECDSASigner();
      verifier.init(false, new ECPublicKeyParameters(q, Secp256k1.DOMAIN));
      return verifier.verifySignature(sha256(message), rv, sv);
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean inRange(BigInteger v) {
    return v.signum() > 0 && v.compareTo(Secp256k1.N) < 0;
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
