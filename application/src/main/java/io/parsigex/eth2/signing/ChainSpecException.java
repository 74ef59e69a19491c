package io.parsigex.eth2.signing;

/**
 * A chain configuration that cannot be used: an unknown preset name or inconsistent values. The
 * message names the offending setting so that an operator can fix it.
 */
public abstract sealed class ChainSpecException extends RuntimeException
    permits UnknownChainPresetException, InvalidChainSpecException {
  private static final long serialVersionUID = 1L;

  ChainSpecException(String message) {
    super(message);
  }
}
