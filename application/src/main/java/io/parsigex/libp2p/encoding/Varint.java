package io.parsigex.libp2p.encoding;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 varints as multiformats uses them (multiaddr codes, multihash, multistream
 * lengths): minimal encodings only, at most {@link #MAX_BYTES} bytes.
 */
public final class Varint {

  /** The longest accepted encoding (63-bit values), as go-varint. */
  public static final int MAX_BYTES = 9;

  private Varint() {}

  /**
   * Encodes a value minimally.
   *
   * @param value a non-negative value
   * @return its encoding
   */
  public static byte[] encode(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint value must be non-negative: " + value);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BYTES);
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  /** A decoded varint and the number of bytes it took. */
  public record Decoded(long value, int length) {}

  /**
   * Reads a varint at {@code offset}.
   *
   * @param in the bytes
   * @param offset where the varint starts
   * @param limit the index after the last readable byte
   * @return the value and length, or {@code null} when the input ends inside the varint
   * @throws EncodingException for a non-minimal or over-long encoding
   */
  public static Decoded read(byte[] in, int offset, int limit) throws EncodingException {
    long value = 0;
    for (int i = 0; ; i++) {
      if (i == MAX_BYTES) {
        throw new EncodingException("varint is longer than " + MAX_BYTES + " bytes");
      }
      if (offset + i >= limit) {
        return null;
      }
      int b = in[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new EncodingException("varint is not minimally encoded");
        }
        return new Decoded(value, i + 1);
      }
    }
  }

  /**
   * Reads a varint that must be complete.
   *
   * @param in the bytes
   * @param offset where it starts
   * @return the value and length
   * @throws EncodingException when truncated, non-minimal or over-long
   */
  public static Decoded readComplete(byte[] in, int offset) throws EncodingException {
    Decoded d = read(in, offset, in.length);
    if (d == null) {
      throw new EncodingException("input ends inside a varint");
    }
    return d;
  }
}
