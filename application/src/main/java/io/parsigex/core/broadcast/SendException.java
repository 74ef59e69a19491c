package io.parsigex.core.broadcast;

import java.util.Objects;

/** A failed send to one peer, with its class. */
public final class SendException extends Exception {
  private static final long serialVersionUID = 1L;

  private final SendFailure failure;

  /**
   * Creates the exception.
   *
   * @param failure the class of failure
   * @param message what happened
   * @param cause the underlying error, or null
   */
  public SendException(SendFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /**
   * The class of failure.
   *
   * @return the failure
   */
  public SendFailure failure() {
    return failure;
  }
}
