package io.parsigex.libp2p.encoding;

import java.math.BigInteger;
import java.util.Arrays;

/** Base58btc (the Bitcoin alphabet), the text form of libp2p peer ids. */
public final class Base58 {

  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger RADIX = BigInteger.valueOf(58);
  /** Longest text accepted by {@link #decode}; peer ids are about 53 characters. */
  public static final int MAX_TEXT_LENGTH = 512;

  private Base58() {}

  /**
   * Encodes bytes.
   *
   * @param data the bytes
   * @return base58btc text
   */
  public static String encode(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(RADIX);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    sb.append("1".repeat(zeros));
    return sb.reverse().toString();
  }

  /**
   * Decodes base58btc text.
   *
   * @param text the text
   * @return the bytes
   * @throws EncodingException for characters outside the alphabet or over-long text
   */
  public static byte[] decode(String text) throws EncodingException {
    if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
      throw new EncodingException("base58 text must have 1.." + MAX_TEXT_LENGTH + " characters");
    }
    BigInteger n = BigInteger.ZERO;
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    for (int i = 0; i < text.length(); i++) {
      int digit = ALPHABET.indexOf(text.charAt(i));
      if (digit < 0) {
        throw new EncodingException("'" + text.charAt(i) + "' is not a base58btc character");
      }
      n = n.multiply(RADIX).add(BigInteger.valueOf(digit));
    }
    byte[] mag = n.signum() == 0 ? new byte[0] : n.toByteArray();
    if (mag.length > 0 && mag[0] == 0) {
      mag = Arrays.copyOfRange(mag, 1, mag.length);
    }
    byte[] out = new byte[zeros + mag.length];
    System.arraycopy(mag, 0, out, zeros, mag.length);
    return out;
  }
}
