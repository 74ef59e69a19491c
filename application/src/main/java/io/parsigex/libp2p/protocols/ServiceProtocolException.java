package io.parsigex.libp2p.protocols;

/** A peer's identify or ping message that is malformed, oversized or wrong. */
public final class ServiceProtocolException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what the peer sent wrong
   * @param cause the underlying failure, if any
   */
  public ServiceProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
