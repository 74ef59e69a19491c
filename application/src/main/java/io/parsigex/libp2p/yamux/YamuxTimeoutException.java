package io.parsigex.libp2p.yamux;

/**
 * The peer did not answer a ping within {@link YamuxConfig#pingTimeout()}: the connection is
 * considered dead and the session closes. Check the network path to the peer.
 */
public final class YamuxTimeoutException extends YamuxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what timed out
   */
  public YamuxTimeoutException(String message) {
    super(message);
  }
}
