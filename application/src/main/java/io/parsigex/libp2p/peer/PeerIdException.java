package io.parsigex.libp2p.peer;

/** A peer id text or multihash that cannot be decoded. */
public final class PeerIdException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what is wrong
   * @param cause the underlying failure, if any
   */
  public PeerIdException(String message, Throwable cause) {
    super(message, cause);
  }
}
