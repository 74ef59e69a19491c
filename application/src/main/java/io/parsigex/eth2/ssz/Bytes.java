package io.parsigex.eth2.ssz;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: the value of an SSZ byte vector ({@code Bytes32}, {@code BLSSignature},
 * ...) or byte list ({@code Transaction}, {@code extra_data}).
 */
public final class Bytes implements Comparable<Bytes> {
  private static final HexFormat HEX = HexFormat.of();

  /** The empty byte string. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Copies bytes.
   *
   * @param bytes the bytes
   * @return the value
   */
  public static Bytes of(byte[] bytes) {
    return new Bytes(bytes.clone());
  }

  /**
   * Copies a range.
   *
   * @param bytes the source
   * @param from first index
   * @param to index past the last
   * @return the value
   */
  public static Bytes copyOf(byte[] bytes, int from, int to) {
    return new Bytes(Arrays.copyOfRange(bytes, from, to));
  }

  /**
   * A string of zero bytes.
   *
   * @param length how many
   * @return the value
   */
  public static Bytes zeros(int length) {
    return new Bytes(new byte[length]);
  }

  /**
   * Parses hex with an optional {@code 0x} prefix.
   *
   * @param hex the text
   * @return the value
   * @throws IllegalArgumentException when it is not hex
   */
  public static Bytes fromHex(String hex) {
    String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    return new Bytes(HEX.parseHex(h));
  }

  /**
   * The length.
   *
   * @return the number of bytes
   */
  public int length() {
    return bytes.length;
  }

  /**
   * One byte.
   *
   * @param i index
   * @return the byte
   */
  public byte get(int i) {
    return bytes[i];
  }

  /**
   * A copy of the bytes.
   *
   * @return fresh array
   */
  public byte[] toArray() {
    return bytes.clone();
  }

  /**
   * Copies the bytes into an array.
   *
   * @param dst target
   * @param pos where to start
   */
  public void copyTo(byte[] dst, int pos) {
    System.arraycopy(bytes, 0, dst, pos, bytes.length);
  }

  /**
   * Whether every byte is zero.
   *
   * @return true for an all-zero string (or the empty one)
   */
  public boolean isZero() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Lowercase hex with a {@code 0x} prefix, as the beacon API writes byte strings.
   *
   * @return for example {@code 0x01ab}
   */
  public String toHex() {
    return "0x" + HEX.formatHex(bytes);
  }

  /**
   * Charon's {@code to0xHex}: {@link #toHex()}, but the empty string for no bytes (cluster locks
   * write and hash empty byte fields so).
   *
   * @return for example {@code 0x01ab}, or {@code ""}
   */
  public String to0xHex() {
    return bytes.length == 0 ? "" : toHex();
  }

  /**
   * Whether there are no bytes.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return bytes.length <= 64 ? toHex() : toHex().substring(0, 130) + "…(" + bytes.length + " bytes)";
  }
}
