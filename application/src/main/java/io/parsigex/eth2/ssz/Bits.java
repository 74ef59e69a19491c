package io.parsigex.eth2.ssz;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bits: the value of an SSZ bitvector or bitlist. Bit {@code i} is bit
 * {@code i % 8} (least significant first) of byte {@code i / 8}; unused high bits of the last byte
 * are always zero.
 */
public final class Bits {
  private final int length;
  private final byte[] bytes;

  private Bits(int length, byte[] bytes) {
    this.length = length;
    this.bytes = bytes;
  }

  /**
   * Bits from packed bytes.
   *
   * @param length number of bits
   * @param packed {@code ceil(length / 8)} bytes, unused high bits zero
   * @return the value
   * @throws IllegalArgumentException when the byte count or padding is wrong
   */
  public static Bits of(int length, byte[] packed) {
    if (length < 0 || packed.length != byteLength(length)) {
      throw new IllegalArgumentException(
          length + " bits need " + byteLength(length) + " bytes, got " + packed.length);
    }
    if (length % 8 != 0 && (packed[packed.length - 1] & 0xff) >>> (length % 8) != 0) {
      throw new IllegalArgumentException("bits above the length " + length + " must be zero");
    }
    return new Bits(length, packed.clone());
  }

  /**
   * All bits cleared.
   *
   * @param length number of bits
   * @return the value
   */
  public static Bits zeros(int length) {
    return new Bits(length, new byte[byteLength(length)]);
  }

  static Bits trusted(int length, byte[] packed) {
    return new Bits(length, packed);
  }

  /**
   * Bytes needed for a number of bits.
   *
   * @param bits the bit count
   * @return {@code ceil(bits / 8)}
   */
  public static int byteLength(int bits) {
    return (bits + 7) >>> 3;
  }

  /**
   * The number of bits.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * One bit.
   *
   * @param i index, {@code 0 <= i < length}
   * @return whether it is set
   */
  public boolean get(int i) {
    if (i < 0 || i >= length) {
      throw new IndexOutOfBoundsException(i);
    }
    return (bytes[i >>> 3] & (1 << (i & 7))) != 0;
  }

  /**
   * The packed bits without a delimiter.
   *
   * @return a copy, {@code ceil(length / 8)} bytes
   */
  public byte[] packed() {
    return bytes.clone();
  }

  void copyTo(byte[] dst, int pos) {
    System.arraycopy(bytes, 0, dst, pos, bytes.length);
  }

  /**
   * The number of set bits.
   *
   * @return the count
   */
  public int cardinality() {
    int n = 0;
    for (byte b : bytes) {
      n += Integer.bitCount(b & 0xff);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bits b && b.length == length && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * length + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return length + " bits 0x" + HexFormat.of().formatHex(bytes);
  }
}
