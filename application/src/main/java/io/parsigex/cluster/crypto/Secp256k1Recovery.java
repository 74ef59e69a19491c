package io.parsigex.cluster.crypto;

import io.parsigex.libp2p.crypto.Secp256k1;
import io.parsigex.libp2p.crypto.Secp256k1PublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * Recoverable secp256k1 signatures as Ethereum and Charon use them (EIP-712 operator signatures,
 * lock node signatures): 65 bytes {@code r ‖ s ‖ v} over a 32-byte digest, where the recovery id
 * {@code v} (0 or 1, or 27 or 28 in Ethereum's offset form) lets anyone recover the signer's public
 * key from the signature alone. Keys, curve and the compact {@code r ‖ s} signing come from
 * {@link io.parsigex.libp2p.crypto}.
 */
public final class Secp256k1Recovery {

  /** Bytes of a recoverable signature. */
  public static final int SIGNATURE_LENGTH = Secp256k1.COMPACT_SIGNATURE_LENGTH + 1;

  private static final int RECOVERY_ID_OFFSET = 27;
  private static final int SCALAR_LENGTH = Secp256k1.PRIVATE_KEY_LENGTH;
  private static final byte EVEN_Y = 0x02;
  private static final byte ODD_Y = 0x03;

  private Secp256k1Recovery() {}

  /**
   * Recovers the signer of a recoverable signature.
   *
   * @param digest 32 bytes
   * @param signature {@code r ‖ s ‖ v}, v in {0, 1, 27, 28}
   * @return the signer's key, or empty when the signature is malformed
   */
  public static Optional<Secp256k1PublicKey> recover(byte[] digest, byte[] signature) {
    if (signature.length != SIGNATURE_LENGTH || digest.length != Secp256k1.DIGEST_LENGTH) {
      return Optional.empty();
    }
    int v = signature[SIGNATURE_LENGTH - 1] & 0xFF;
    if (v >= RECOVERY_ID_OFFSET) {
      v -= RECOVERY_ID_OFFSET;
    }
    if (v != 0 && v != 1) {
      return Optional.empty();
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, SCALAR_LENGTH));
    BigInteger s = new BigInteger(1,
        Arrays.copyOfRange(signature, SCALAR_LENGTH, 2 * SCALAR_LENGTH));
    if (!Secp256k1.isScalar(r) || !Secp256k1.isScalar(s)) {
      return Optional.empty();
    }
    return recoverKey(digest, r, s, v);
  }

  /** SEC1 v2 §4.1.6 with j = 0 (x = r; r + n would exceed the field for secp256k1 in practice). */
  private static Optional<Secp256k1PublicKey> recoverKey(byte[] digest, BigInteger r,
      BigInteger s, int v) {
    BigInteger prime = Secp256k1.DOMAIN.getCurve().getField().getCharacteristic();
    if (r.compareTo(prime) >= 0) {
      return Optional.empty();
    }
    byte[] compressedR = new byte[Secp256k1.COMPRESSED_LENGTH];
    compressedR[0] = v == 1 ? ODD_Y : EVEN_Y;
    BigIntegers.asUnsignedByteArray(r, compressedR, 1, SCALAR_LENGTH);
    ECPoint rPoint;
    try {
      rPoint = Secp256k1.DOMAIN.getCurve().decodePoint(compressedR);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    BigInteger n = Secp256k1.N;
    BigInteger e = new BigInteger(1, digest);
    BigInteger rInv = r.modInverse(n);
    BigInteger u1 = e.negate().mod(n).multiply(rInv).mod(n);
    BigInteger u2 = s.multiply(rInv).mod(n);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.DOMAIN.getG(), u1, rPoint, u2)
        .normalize();
    if (q.isInfinity()) {
      return Optional.empty();
    }
    return Optional.of(new Secp256k1PublicKey(q.getEncoded(true)));
  }
}
