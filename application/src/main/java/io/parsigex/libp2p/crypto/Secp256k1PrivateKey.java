package io.parsigex.libp2p.crypto;

import com.google.protobuf.ByteString;
import io.parsigex.proto.libp2p.CryptoProto;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * A secp256k1 identity private key. Signatures are deterministic (RFC 6979) ECDSA normalised to
 * low-S as libp2p peers require: DER-encoded over SHA-256 of the message for libp2p
 * ({@link #sign}), or compact {@code r ‖ s} over a ready 32-byte digest ({@link #signDigest}, the
 * form Ethereum records use).
 */
public final class Secp256k1PrivateKey {

  private final BigInteger scalar;
  private final Secp256k1PublicKey publicKey;

  private Secp256k1PrivateKey(BigInteger scalar) {
    this.scalar = scalar;
    this.publicKey = new Secp256k1PublicKey(
        Secp256k1.DOMAIN.getG().multiply(scalar).normalize().getEncoded(true));
  }

  /**
   * A key from its 32-byte big-endian scalar.
   *
   * @param bytes 32 bytes
   * @return the key
   * @throws KeyException.Malformed when the length is wrong or the scalar is 0 or not below n
   */
  public static Secp256k1PrivateKey fromBytes(byte[] bytes) throws KeyException {
    if (bytes.length != Secp256k1.PRIVATE_KEY_LENGTH) {
      throw new KeyException.Malformed("a secp256k1 private key must be 32 bytes, got "
          + bytes.length);
    }
    BigInteger d = new BigInteger(1, bytes);
    if (!Secp256k1.isScalar(d)) {
      throw new KeyException.Malformed(
          "secp256k1 private key is zero or not below the curve order n; not a valid key");
    }
    return new Secp256k1PrivateKey(d);
  }

  /**
   * A fresh random key.
   *
   * @param random the randomness source
   * @return the key
   */
  public static Secp256k1PrivateKey generate(SecureRandom random) {
    while (true) {
      byte[] b = new byte[Secp256k1.PRIVATE_KEY_LENGTH];
      random.nextBytes(b);
      BigInteger d = new BigInteger(1, b);
      if (Secp256k1.isScalar(d)) {
        return new Secp256k1PrivateKey(d);
      }
    }
  }

  /**
   * The public key.
   *
   * @return the matching public key
   */
  public Secp256k1PublicKey publicKey() {
    return publicKey;
  }

  /**
   * The 32-byte scalar.
   *
   * @return a fresh copy
   */
  public byte[] bytes() {
    return BigIntegers.asUnsignedByteArray(Secp256k1.PRIVATE_KEY_LENGTH, scalar);
  }

  /**
   * The libp2p protobuf {@code PrivateKey{Secp256k1, scalar}}.
   *
   * @return the encoded private key
   */
  public byte[] marshal() {
    return CryptoProto.PrivateKey.newBuilder()
        .setType(CryptoProto.KeyType.Secp256k1)
        .setData(ByteString.copyFrom(bytes()))
        .build()
        .toByteArray();
  }

  /**
   * Signs {@code message}: DER ECDSA over SHA-256 with low S.
   *
   * @param message the bytes to sign
   * @return the DER signature
   */
  public byte[] sign(byte[] message) {
    BigInteger[] rs = signLowS(Secp256k1PublicKey.sha256(message));
    ASN1EncodableVector v = new ASN1EncodableVector(2);
    v.add(new ASN1Integer(rs[0]));
    v.add(new ASN1Integer(rs[1]));
    try {
      return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of two integers cannot fail", e);
    }
  }

  /**
   * Signs a 32-byte digest as it is (no further hashing): RFC 6979, low S.
   *
   * @param digest {@link Secp256k1#DIGEST_LENGTH} bytes
   * @return the compact signature {@code r ‖ s}, {@link Secp256k1#COMPACT_SIGNATURE_LENGTH} bytes
   * @throws IllegalArgumentException when the digest is not 32 bytes
   */
  public byte[] signDigest(byte[] digest) {
    if (digest.length != Secp256k1.DIGEST_LENGTH) {
      throw new IllegalArgumentException("secp256k1 signs " + Secp256k1.DIGEST_LENGTH
          + "-byte digests, got " + digest.length + " bytes");
    }
    BigInteger[] rs = signLowS(digest);
    byte[] out = new byte[Secp256k1.COMPACT_SIGNATURE_LENGTH];
    BigIntegers.asUnsignedByteArray(rs[0], out, 0, Secp256k1.PRIVATE_KEY_LENGTH);
    BigIntegers.asUnsignedByteArray(rs[1], out, Secp256k1.PRIVATE_KEY_LENGTH,
        Secp256k1.PRIVATE_KEY_LENGTH);
    return out;
  }

  private BigInteger[] signLowS(byte[] digest) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(scalar, Secp256k1.DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest);
    BigInteger s = rs[1].compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.N.subtract(rs[1]) : rs[1];
    return new BigInteger[] {rs[0], s};
  }

  @Override
  public String toString() {
    return "Secp256k1PrivateKey[public=" + publicKey + "]";
  }
}
