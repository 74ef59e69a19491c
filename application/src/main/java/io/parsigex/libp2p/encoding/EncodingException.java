package io.parsigex.libp2p.encoding;

/** A text or binary encoding (varint, base58, base32) that cannot be decoded. */
public final class EncodingException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what is wrong with the input
   */
  public EncodingException(String message) {
    super(message);
  }
}
