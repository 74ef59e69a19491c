package io.parsigex.core.receive;

/**
 * Told about every received set, accepted or refused. Called from the pipeline's bounded publisher
 * thread, never from a network thread; implementations must not block for long.
 */
public interface ReceiveListener {

  /**
   * A set was verified.
   *
   * @param set the set
   */
  void onAccepted(VerifiedSet set);

  /**
   * A set was refused.
   *
   * @param rejection why
   */
  void onRejected(Rejection rejection);
}
