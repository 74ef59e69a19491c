package io.parsigex.eth2.signing;

import java.util.HexFormat;

/** Parsing of fixed-length {@code 0x} hex values in chain configuration. */
final class Hex {

  private Hex() {}

  static byte[] parse(String text, int length, String what) {
    if (text == null) {
      throw new InvalidChainSpecException(what + " is required");
    }
    String t = text.strip();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (t.length() != 2 * length) {
      throw new InvalidChainSpecException(what + " must be 0x followed by " + 2 * length
          + " hex characters, got \"" + text + "\"");
    }
    try {
      return HexFormat.of().parseHex(t);
    } catch (IllegalArgumentException e) {
      throw new InvalidChainSpecException(what + " must be hex, got \"" + text + "\"");
    }
  }
}
