package io.parsigex.core.receive;

import io.parsigex.api.Duty;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A refused set: who sent it, for which duty (when it was readable), why, and when. Immutable.
 *
 * @param senderPeerId the authenticated sender
 * @param duty the duty, when the message got that far
 * @param reason the class of refusal
 * @param message what exactly was wrong, for logs and operators
 * @param at when it was refused
 */
public record Rejection(
    String senderPeerId, Optional<Duty> duty, RejectReason reason, String message, Instant at) {

  /** Validates. */
  public Rejection {
    Objects.requireNonNull(senderPeerId, "senderPeerId");
    Objects.requireNonNull(duty, "duty");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }
}
