package io.parsigex.libp2p.crypto;

import java.util.Optional;

/**
 * The encodings of a secp256k1 public key that Go Charon accepts in an ENR's {@code secp256k1}
 * entry: SEC1 compressed and uncompressed, and the ANSI X9.62 hybrid form, which carries both
 * coordinates and repeats the parity of y in its prefix. Each is identified by its length and
 * prefix byte.
 */
public enum Sec1Encoding {
  /** {@code 02 ‖ x}: compressed, y even. */
  COMPRESSED_EVEN(0x02, Secp256k1.COMPRESSED_LENGTH, "compressed (0x02)"),
  /** {@code 03 ‖ x}: compressed, y odd. */
  COMPRESSED_ODD(0x03, Secp256k1.COMPRESSED_LENGTH, "compressed (0x03)"),
  /** {@code 04 ‖ x ‖ y}: uncompressed. */
  UNCOMPRESSED(0x04, Secp256k1.UNCOMPRESSED_LENGTH, "uncompressed (0x04)"),
  /** {@code 06 ‖ x ‖ y}: hybrid, y must be even. */
  HYBRID_EVEN(0x06, Secp256k1.UNCOMPRESSED_LENGTH, "hybrid (0x06)"),
  /** {@code 07 ‖ x ‖ y}: hybrid, y must be odd. */
  HYBRID_ODD(0x07, Secp256k1.UNCOMPRESSED_LENGTH, "hybrid (0x07)");

  private final int prefix;
  private final int length;
  private final String label;

  Sec1Encoding(int prefix, int length, String label) {
    this.prefix = prefix;
    this.length = length;
    this.label = label;
  }

  /**
   * The encoding of some bytes, by length and prefix.
   *
   * @param encoded the bytes
   * @return the encoding, or empty when no accepted encoding has this length and prefix
   */
  public static Optional<Sec1Encoding> of(byte[] encoded) {
    if (encoded == null || encoded.length == 0) {
      return Optional.empty();
    }
    for (Sec1Encoding e : values()) {
      if (e.length == encoded.length && e.prefix == (encoded[0] & 0xFF)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The prefix byte.
   *
   * @return for example {@code 0x04}
   */
  public int prefix() {
    return prefix;
  }

  /**
   * The encoded length.
   *
   * @return 33 or 65
   */
  public int length() {
    return length;
  }

  /**
   * Whether only x is encoded.
   *
   * @return true for the compressed forms
   */
  public boolean isCompressed() {
    return length == Secp256k1.COMPRESSED_LENGTH;
  }

  /**
   * The parity of y the prefix states.
   *
   * @return empty for uncompressed, else whether y is odd
   */
  public Optional<Boolean> oddY() {
    return switch (this) {
      case COMPRESSED_EVEN, HYBRID_EVEN -> Optional.of(false);
      case COMPRESSED_ODD, HYBRID_ODD -> Optional.of(true);
      case UNCOMPRESSED -> Optional.empty();
    };
  }

  /**
   * A name for messages.
   *
   * @return for example {@code hybrid (0x07)}
   */
  public String label() {
    return label;
  }
}
