package io.parsigex.core.wire;

import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints as multiformats' go-varint reads and writes them: minimal encodings only,
 * at most {@link #MAX_BYTES} bytes (63-bit values).
 */
public final class UnsignedVarint {

  /** go-varint's {@code MaxLenUvarint63}: the longest accepted encoding. */
  public static final int MAX_BYTES = 9;

  private UnsignedVarint() {}

  /**
   * Number of bytes {@link #write} uses for {@code value}.
   *
   * @param value a non-negative value
   * @return 1..9
   */
  public static int size(long value) {
    requireNonNegative(value);
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  /**
   * Writes the minimal encoding of {@code value}.
   *
   * @param value a non-negative value
   * @param out where to write; must have {@link #size(long)} bytes remaining
   */
  public static void write(long value, ByteBuffer out) {
    requireNonNegative(value);
    while ((value & ~0x7FL) != 0) {
      out.put((byte) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.put((byte) value);
  }

  /**
   * Encodes {@code value} minimally.
   *
   * @param value a non-negative value
   * @return the encoding
   */
  public static byte[] encode(long value) {
    ByteBuffer buf = ByteBuffer.allocate(size(value));
    write(value, buf);
    return buf.array();
  }

  /**
   * Reads a varint from the buffer's position. On success the position is advanced past it; when the
   * buffer holds only part of a varint the position is left unchanged and -1 is returned.
   *
   * @param in the bytes
   * @return the value, or -1 when more bytes are needed
   * @throws WireFormatException.NonMinimalVarint when a longer encoding than needed is used
   * @throws WireFormatException.VarintTooLong when the encoding runs past 9 bytes
   */
  public static long read(ByteBuffer in)
      throws WireFormatException.NonMinimalVarint, WireFormatException.VarintTooLong {
    int start = in.position();
    long value = 0;
    for (int i = 0; ; i++) {
      if (i == MAX_BYTES) {
        throw new WireFormatException.VarintTooLong(
            "length prefix is longer than " + MAX_BYTES + " bytes");
      }
      if (start + i >= in.limit()) {
        return -1;
      }
      int b = in.get(start + i) & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new WireFormatException.NonMinimalVarint(
              "length prefix is not minimally encoded (" + (i + 1) + " bytes ending in 0x00)");
        }
        in.position(start + i + 1);
        return value;
      }
    }
  }

  private static void requireNonNegative(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varints here hold 63-bit values, got " + value);
    }
  }
}
