package io.parsigex.libp2p.encoding;

import java.io.ByteArrayOutputStream;

/** RFC 4648 base32, lowercase and unpadded: multibase {@code b}, used by CIDv1 peer ids. */
public final class Base32 {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  /** Longest text accepted by {@link #decode}. */
  public static final int MAX_TEXT_LENGTH = 1024;

  private Base32() {}

  /**
   * Encodes bytes.
   *
   * @param data the bytes
   * @return lowercase unpadded base32
   */
  public static String encode(byte[] data) {
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  /**
   * Decodes lowercase or uppercase unpadded base32.
   *
   * @param text the text
   * @return the bytes
   * @throws EncodingException for foreign characters, non-zero trailing bits or over-long text
   */
  public static byte[] decode(String text) throws EncodingException {
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new EncodingException("base32 text is longer than " + MAX_TEXT_LENGTH);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < text.length(); i++) {
      int v = ALPHABET.indexOf(Character.toLowerCase(text.charAt(i)));
      if (v < 0) {
        throw new EncodingException("'" + text.charAt(i) + "' is not a base32 character");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xFF);
        bits -= 8;
      }
    }
    if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
      throw new EncodingException("base32 text has a malformed tail");
    }
    return out.toByteArray();
  }
}
