package io.parsigex.core.extensions;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.GateDecision;

/**
 * A duty gater that is told which peer sent the duty, so that a plugin gater that hangs or fails on
 * one peer's input is taken out of service for that peer's sets only. The receive pipeline calls
 * {@link #gate(Duty, String)}; {@link #gate(Duty)} gates for no peer (the point-wide breaker).
 */
public interface SenderAwareGater extends DutyGater {

  /**
   * Decides whether a received duty is acceptable.
   *
   * @param duty the duty
   * @param senderPeerId the peer that sent it
   * @return the decision
   */
  GateDecision gate(Duty duty, String senderPeerId);

  @Override
  default GateDecision gate(Duty duty) {
    return gate(duty, "");
  }
}
