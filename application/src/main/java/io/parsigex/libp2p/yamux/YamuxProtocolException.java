package io.parsigex.libp2p.yamux;

/**
 * The peer broke the Yamux protocol (malformed header, data beyond the window, a duplicate stream).
 * The session answers with a go-away carrying {@link YamuxGoAwayCode#PROTOCOL_ERROR} and closes the
 * connection; the peer's implementation (or something between us, such as a misconfigured
 * security layer) needs fixing.
 */
public final class YamuxProtocolException extends YamuxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what the peer did wrong
   */
  public YamuxProtocolException(String message) {
    super(message);
  }
}
