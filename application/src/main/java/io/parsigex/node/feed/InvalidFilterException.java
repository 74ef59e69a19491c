package io.parsigex.node.feed;

/** A client sent a filter message the feed cannot understand; the previous filter stays. */
public final class InvalidFilterException extends FeedException {
  private static final long serialVersionUID = 1L;

  InvalidFilterException(String message) {
    super(message);
  }
}
