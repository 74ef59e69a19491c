package io.parsigex.libp2p.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
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

  /** The field prime p: coordinates must lie below it. */
  private static final BigInteger FIELD_PRIME = Secp256k1.DOMAIN.getCurve().getField()
      .getCharacteristic();

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
   * Decodes a public key in exactly the encodings Go Charon accepts in an ENR's {@code secp256k1}
   * entry (see {@link Sec1Encoding}): 33-byte compressed ({@code 02|03 ‖ x}), 65-byte uncompressed
   * ({@code 04 ‖ x ‖ y}) or 65-byte hybrid ({@code 06|07 ‖ x ‖ y}, the prefix matching the parity
   * of y). Anything else, a coordinate not below the field prime, or a point not on the curve is
   * refused with an error naming the encoding.
   *
   * <p>Go Charon's {@code eth2util/enr/enr.go} {@code Parse} reads the entry with
   * {@code k1.ParsePubKey} of {@code github.com/decred/dcrd/dcrec/secp256k1/v4} ({@code pubkey.go},
   * v4.4.1, the version Charon's {@code go.mod} pins). Its checks, in this order: the length is 33
   * or 65; the prefix is 02/03 for 33 bytes and 04/06/07 for 65 (0x05 is refused although its doc
   * comment names it); x, and y, are below the field prime p; a hybrid prefix matches y's parity;
   * an uncompressed or hybrid (x, y) satisfies y² = x³ + 7; a compressed x has a square root.
   * These checks follow that order so the first fault found is the one Go reports.
   *
   * @param encoded the bytes
   * @return the key
   * @throws KeyException.Malformed when the bytes are not a key in an accepted encoding
   */
  public static Secp256k1PublicKey fromSec1(byte[] encoded) throws KeyException {
    if (encoded == null) {
      throw new KeyException.Malformed("no secp256k1 public key bytes");
    }
    Sec1Encoding encoding = Sec1Encoding.of(encoded).orElseThrow(() -> unsupported(encoded));
    BigInteger x = coordinate(encoded, 1);
    if (x.compareTo(FIELD_PRIME) >= 0) {
      throw malformed(encoding, "x is not below the field prime");
    }
    if (encoding.isCompressed()) {
      try {
        return new Secp256k1PublicKey(decode(encoded).getEncoded(true));
      } catch (KeyException e) {
        throw malformed(encoding, "x is not the x coordinate of a point on the curve");
      }
    }
    BigInteger y = coordinate(encoded, 1 + Secp256k1.PRIVATE_KEY_LENGTH);
    if (y.compareTo(FIELD_PRIME) >= 0) {
      throw malformed(encoding, "y is not below the field prime");
    }
    Optional<Boolean> oddY = encoding.oddY();
    if (oddY.isPresent() && y.testBit(0) != oddY.get()) {
      throw malformed(encoding, "y is " + (y.testBit(0) ? "odd" : "even")
          + " but the prefix says " + (oddY.get() ? "odd" : "even"));
    }
    ECPoint p = Secp256k1.DOMAIN.getCurve().createPoint(x, y);
    if (!p.isValid()) {
      throw malformed(encoding, "the point (x, y) is not on the curve");
    }
    return new Secp256k1PublicKey(p.getEncoded(true));
  }

  private static KeyException.Malformed unsupported(byte[] encoded) {
    if (encoded.length != Secp256k1.COMPRESSED_LENGTH
        && encoded.length != Secp256k1.UNCOMPRESSED_LENGTH) {
      return new KeyException.Malformed("a secp256k1 public key must be 33 bytes (compressed) or "
          + "65 bytes (uncompressed or hybrid), got " + encoded.length + " bytes");
    }
    return new KeyException.Malformed(String.format("a %d-byte secp256k1 public key must start "
        + "with %s, got 0x%02x", encoded.length, encoded.length == Secp256k1.COMPRESSED_LENGTH
            ? "0x02 or 0x03 (compressed)" : "0x04 (uncompressed) or 0x06/0x07 (hybrid)",
        encoded[0] & 0xFF));
  }

  private static KeyException.Malformed malformed(Sec1Encoding encoding, String what) {
    return new KeyException.Malformed("secp256k1 public key, " + encoding.label() + " encoding: "
        + what);
  }

  private static BigInteger coordinate(byte[] encoded, int from) {
    int to = from + Secp256k1.PRIVATE_KEY_LENGTH;
    return new BigInteger(1, Arrays.copyOfRange(encoded, from, to));
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
