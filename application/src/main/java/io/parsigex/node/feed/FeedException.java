package io.parsigex.node.feed;

/**
 * Errors of the WebSocket feed; each message says what the client or operator should change.
 */
public abstract sealed class FeedException extends Exception permits InvalidFilterException,
    UnreadableValueException {
  private static final long serialVersionUID = 1L;

  FeedException(String message) {
    super(message);
  }
}
