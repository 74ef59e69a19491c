package io.parsigex.core.peerinfo;

import java.util.Objects;

/** A peerinfo exchange that gave nothing usable. */
public final class PeerInfoException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why. */
  private final PeerInfoProblem problem;

  /**
   * Creates the error.
   *
   * @param problem why
   * @param message details
   * @param cause the underlying failure, if any
   */
  public PeerInfoException(PeerInfoProblem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * Why.
   *
   * @return the problem
   */
  public PeerInfoProblem problem() {
    return problem;
  }
}
