package io.parsigex.api;

import java.util.Objects;

/**
 * A {@link DutyGater}'s answer. Immutable.
 *
 * @param allowed whether the duty may proceed
 * @param reason why it was refused; empty when allowed
 */
public record GateDecision(boolean allowed, String reason) {

  private static final GateDecision ALLOW = new GateDecision(true, "");

  /**
   * Validates: a refusal needs a reason.
   *
   * @param allowed whether the duty may proceed
   * @param reason why it was refused; empty when allowed
   */
  public GateDecision {
    Objects.requireNonNull(reason, "reason");
    if (!allowed && reason.isBlank()) {
      throw new IllegalArgumentException("a refusal must say why");
    }
  }

  /**
   * The duty may proceed.
   *
   * @return the shared allow decision
   */
  public static GateDecision allow() {
    return ALLOW;
  }

  /**
   * The duty is refused.
   *
   * @param reason a message an operator can act on, for example "epoch 12 is more than 2 epochs ahead"
   * @return the refusal
   */
  public static GateDecision deny(String reason) {
    return new GateDecision(false, reason);
  }
}
