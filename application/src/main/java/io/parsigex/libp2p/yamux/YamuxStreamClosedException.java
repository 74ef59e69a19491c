package io.parsigex.libp2p.yamux;

/**
 * A write or half-close was attempted on a stream whose sending direction is already closed. The
 * caller wrote after {@link YamuxStream#closeWrite()}; open a new stream instead.
 */
public final class YamuxStreamClosedException extends YamuxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message which stream and why
   */
  public YamuxStreamClosedException(String message) {
    super(message);
  }
}
