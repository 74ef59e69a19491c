package io.parsigex.eth2.signing;

/** A chain value is missing or inconsistent (for example forks out of order). */
public final class InvalidChainSpecException extends ChainSpecException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which value is wrong and why
   */
  public InvalidChainSpecException(String message) {
    super(message);
  }
}
