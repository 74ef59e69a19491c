package io.parsigex.eth2.ssz;

/**
 * A value or duty the eth2 codecs do not handle together: for example encoding a
 * {@code SignedRandao} for the attester duty, or asking the built-in codec of one duty to decode
 * another duty's payload.
 */
public final class PayloadTypeException extends Eth2FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param typeName the type that was offered
   * @param problem what was wrong
   */
  public PayloadTypeException(String typeName, String problem) {
    super("unsupported payload", typeName, "", problem, "");
  }
}
