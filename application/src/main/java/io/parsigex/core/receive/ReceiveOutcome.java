package io.parsigex.core.receive;

/** The end of one received message's trip through the pipeline. */
public sealed interface ReceiveOutcome {

  /**
   * The set was verified and published.
   *
   * @param set the verified set
   */
  record Accepted(VerifiedSet set) implements ReceiveOutcome {}

  /**
   * The set was refused.
   *
   * @param rejection why
   */
  record Rejected(Rejection rejection) implements ReceiveOutcome {}
}
