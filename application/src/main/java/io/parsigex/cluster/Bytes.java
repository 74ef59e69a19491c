package io.parsigex.cluster;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with {@code 0x}-hex text.
 *
 * @param value the bytes (copied in and out)
 */
public record Bytes(byte[] value) {

  /** The empty byte string. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Copies the bytes.
   *
   * @param value the bytes
   */
  public Bytes {
    value = value.clone();
  }

  /**
   * Wraps a copy of the bytes.
   *
   * @param value the bytes
   * @return the value
   */
  public static Bytes of(byte[] value) {
    return new Bytes(value);
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * The length.
   *
   * @return number of bytes
   */
  public int length() {
    return value.length;
  }

  /**
   * Whether there are no bytes.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return value.length == 0;
  }

  /**
   * {@code 0x} + lowercase hex; the empty string for no bytes (as Charon's {@code to0xHex}).
   *
   * @return the text
   */
  public String hex() {
    return value.length == 0 ? "" : "0x" + HEX.formatHex(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return hex().isEmpty() ? "0x" : hex();
  }
}
