package io.parsigex.api;

/**
 * A payload that cannot be decoded or a value that cannot be encoded. The message must say what was
 * wrong (type, field, offset) so that an operator can act on it.
 */
public class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong
   */
  public CodecException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was wrong
   * @param cause the underlying error
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
