package io.parsigex.eth2.signing;

/** {@code parsigex.chain.preset} names no known network. */
public final class UnknownChainPresetException extends ChainSpecException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param name the name that was given
   */
  public UnknownChainPresetException(String name) {
    super("unknown chain preset \"" + name + "\"; use one of mainnet, hoodi, sepolia, gnosis, chiado"
        + " or custom (with every parsigex.chain.* value set)");
  }
}
