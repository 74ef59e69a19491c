package io.parsigex.libp2p.yamux;

/**
 * A stream was reset (by the peer with RST, locally with {@link YamuxStream#reset()}, or because its
 * session closed). Pending writes fail with it; data not yet written was not delivered. Retry on a
 * new stream if the operation is idempotent.
 */
public final class YamuxStreamResetException extends YamuxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message who reset which stream
   */
  public YamuxStreamResetException(String message) {
    super(message);
  }

  /**
   * Creates the error with the reason the stream had to go.
   *
   * @param message who reset which stream
   * @param cause the underlying failure
   */
  public YamuxStreamResetException(String message, Throwable cause) {
    super(message, cause);
  }
}
