package io.parsigex.libp2p.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Charon's identity key file ({@code charon-enr-private-key}): the 32-byte secp256k1 scalar as 64
 * hex characters, with an optional {@code 0x} prefix and an optional trailing newline.
 */
public final class KeyFile {

  /** Largest file read; a valid one has at most 67 bytes. */
  public static final int MAX_FILE_BYTES = 256;
  private static final int HEX_LENGTH = 64;

  private KeyFile() {}

  /**
   * Loads a key file.
   *
   * @param file the path
   * @return the key
   * @throws KeyException.KeyFile when it cannot be read or is not in the format
   */
  public static Secp256k1PrivateKey load(Path file) throws KeyException {
    byte[] content;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new KeyException.KeyFile("key file " + file + " is larger than " + MAX_FILE_BYTES
            + " bytes; expected 64 hex characters", null);
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeyException.KeyFile("cannot read key file " + file + ": " + e, e);
    }
    return parse(new String(content, StandardCharsets.US_ASCII), file.toString());
  }

  /**
   * Parses the file's text.
   *
   * @param text the content
   * @param source a name for error messages
   * @return the key
   * @throws KeyException.KeyFile when it is not 64 hex characters (with the allowed extras)
   */
  public static Secp256k1PrivateKey parse(String text, String source) throws KeyException {
    String s = text;
    if (s.endsWith("\r\n")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if (s.length() != HEX_LENGTH) {
      throw new KeyException.KeyFile("key file " + source + " must hold 64 hex characters "
          + "(optionally 0x-prefixed, optionally one trailing newline), found " + s.length()
          + " characters", null);
    }
    if (!s.chars().allMatch(HexFormat::isHexDigit)) {
      throw new KeyException.KeyFile("key file " + source + " must hold hex characters only",
          null);
    }
    try {
      return Secp256k1PrivateKey.fromBytes(HexFormat.of().parseHex(s));
    } catch (KeyException e) {
      throw new KeyException.KeyFile("key file " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file text for a key (lowercase hex, no prefix, no newline), as Charon writes it.
   *
   * @param key the key
   * @return the text
   */
  public static String format(Secp256k1PrivateKey key) {
    return HexFormat.of().formatHex(key.bytes());
  }
}
