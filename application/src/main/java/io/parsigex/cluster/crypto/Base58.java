package io.parsigex.cluster.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/** Bitcoin's base58 alphabet (multibase {@code base58btc}), as libp2p peer ids use it. */
public final class Base58 {

  /** The longest text this class decodes; peer ids are about 53 characters. */
  public static final int MAX_TEXT_LENGTH = 256;

  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);

  private Base58() {}

  /**
   * Encodes bytes; each leading zero byte becomes a leading {@code '1'}.
   *
   * @param bytes the input
   * @return the base58 text
   */
  public static String encode(byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, bytes);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    sb.append("1".repeat(zeros));
    return sb.reverse().toString();
  }

  /**
   * Decodes base58 text.
   *
   * @param text the text
   * @return the bytes, or empty when the text is too long or has a character outside the alphabet
   */
  public static Optional<byte[]> decode(String text) {
    if (text.length() > MAX_TEXT_LENGTH) {
      return Optional.empty();
    }
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    BigInteger n = BigInteger.ZERO;
    for (int i = 0; i < text.length(); i++) {
      int digit = ALPHABET.indexOf(text.charAt(i));
      if (digit < 0) {
        return Optional.empty();
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
    if (magnitude.length > 0 && magnitude[0] == 0) {
      magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
    }
    byte[] out = new byte[zeros + magnitude.length];
    System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
    return Optional.of(out);
  }
}
