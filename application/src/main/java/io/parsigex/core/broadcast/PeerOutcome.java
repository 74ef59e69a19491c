package io.parsigex.core.broadcast;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to a broadcast for one peer. Immutable.
 *
 * @param peerId the peer
 * @param failure empty when the message was sent
 * @param error what went wrong; empty when sent
 */
public record PeerOutcome(String peerId, Optional<SendFailure> failure, String error) {

  /** Validates. */
  public PeerOutcome {
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(error, "error");
  }

  /**
   * A successful send.
   *
   * @param peerId the peer
   * @return the outcome
   */
  public static PeerOutcome sent(String peerId) {
    return new PeerOutcome(peerId, Optional.empty(), "");
  }

  /**
   * A failed send.
   *
   * @param peerId the peer
   * @param failure its class
   * @param error what happened
   * @return the outcome
   */
  public static PeerOutcome failed(String peerId, SendFailure failure, String error) {
    return new PeerOutcome(peerId, Optional.of(failure), error);
  }

  /**
   * Whether the message was sent.
   *
   * @return true when sent
   */
  public boolean isSent() {
    return failure.isEmpty();
  }

  /**
   * {@code sent} or {@code failed}, the API's outcome value.
   *
   * @return the label
   */
  public String outcomeLabel() {
    return isSent() ? "sent" : "failed";
  }
}
