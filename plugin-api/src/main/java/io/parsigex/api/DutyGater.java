package io.parsigex.api;

import org.pf4j.ExtensionPoint;

/**
 * Decides, before any payload is decoded, whether a received duty is acceptable (Charon's
 * {@code DutyGater}). Every gater loaded must allow a duty for its set to proceed.
 *
 * <p>Gaters run first and on every message, so they must be cheap and must not block. An exception
 * or a {@code null} answer is treated as a refusal.
 */
public interface DutyGater extends ExtensionPoint {

  /**
   * Gates a duty.
   *
   * @param duty the duty from the received message
   * @return {@link GateDecision#allow()} or a refusal with its reason
   */
  GateDecision gate(Duty duty);
}
