package io.parsigex.libp2p.yamux;

/**
 * A configured {@link YamuxConfig} limit was reached (concurrent streams, pending write bytes,
 * outstanding pings). Back off and retry, or raise the limit in the configuration.
 */
public final class YamuxLimitException extends YamuxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message which limit, its value, and what to do
   */
  public YamuxLimitException(String message) {
    super(message);
  }
}
