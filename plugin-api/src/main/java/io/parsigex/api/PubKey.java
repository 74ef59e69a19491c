package io.parsigex.api;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A validator's 48-byte compressed BLS12-381 public key. Immutable.
 *
 * <p>On the parsigex wire a public key appears as Charon's {@code core.PubKey} string: {@code "0x"}
 * followed by 96 lowercase hex characters ({@link #wireKey()}). {@link #fromWireKey(String)}
 * accepts exactly that form and nothing else, so every key has one textual representation.
 */
public final class PubKey implements Comparable<PubKey> {

  /** Length of a compressed BLS public key in bytes. */
  public static final int LENGTH = 48;

  /** Length of the wire-key string: {@code "0x"} plus two hex characters per byte. */
  public static final int WIRE_KEY_LENGTH = 2 + 2 * LENGTH;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private final String wireKey;

  private PubKey(byte[] bytes) {
    this.bytes = bytes;
    this.wireKey = "0x" + HEX.formatHex(bytes);
  }

  /**
   * Wraps 48 bytes (copied).
   *
   * @param bytes the compressed key
   * @return the key
   * @throws IllegalArgumentException if the length is not 48
   */
  public static PubKey fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a BLS public key has " + LENGTH + " bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new PubKey(bytes.clone());
  }

  /**
   * Parses the canonical wire key, {@code "0x"} + 96 lowercase hex characters.
   *
   * @param wireKey the map key from a {@code ParSignedDataSet}
   * @return the key
   * @throws IllegalArgumentException naming what is wrong when the text is not canonical
   */
  public static PubKey fromWireKey(String wireKey) {
    if (!isCanonicalWireKey(wireKey)) {
      throw new IllegalArgumentException(
          "a public key must be \"0x\" followed by 96 lowercase hex characters, got "
              + describe(wireKey));
    }
    return new PubKey(HEX.parseHex(wireKey, 2, WIRE_KEY_LENGTH));
  }

  /**
   * Parses a key written by a person: optional {@code 0x}, hex in either case, surrounding
   * whitespace ignored.
   *
   * @param text the key text
   * @return the key
   * @throws IllegalArgumentException when the text is not 48 bytes of hex
   */
  public static PubKey parseLenient(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a public key is required");
    }
    String t = text.strip();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (t.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a public key has 96 hex characters, got " + t.length() + " in " + describe(text));
    }
    try {
      return new PubKey(HEX.parseHex(t.toLowerCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a public key must be hex: " + describe(text), e);
    }
  }

  /**
   * Whether {@code text} is exactly the canonical wire form.
   *
   * @param text candidate key
   * @return true for {@code "0x"} + 96 lowercase hex characters
   */
  public static boolean isCanonicalWireKey(String text) {
    if (text == null || text.length() != WIRE_KEY_LENGTH || !text.startsWith("0x")) {
      return false;
    }
    for (int i = 2; i < WIRE_KEY_LENGTH; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String describe(String text) {
    if (text == null) {
      return "null";
    }
    String shown = text.length() > 110 ? text.substring(0, 110) + "…" : text;
    return "\"" + shown + "\" (" + text.length() + " characters)";
  }

  /**
   * The key bytes (a copy).
   *
   * @return 48 bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The canonical wire form.
   *
   * @return {@code "0x"} + 96 lowercase hex characters
   */
  public String wireKey() {
    return wireKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PubKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(PubKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return wireKey;
  }
}
