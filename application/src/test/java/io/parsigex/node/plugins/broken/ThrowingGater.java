package io.parsigex.node.plugins.broken;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.GateDecision;

/**
 * A gater plugin that throws on every call for a duty at or after
 * {@link FaultyVerifier#POISON_SLOT}, and allows every other duty (packed into a plugin zip by the
 * tests; never annotated {@code @Extension}).
 */
public class ThrowingGater implements DutyGater {

  @Override
  public GateDecision gate(Duty duty) {
    if (duty.slot() >= FaultyVerifier.POISON_SLOT) {
      throw new IllegalStateException("gater exploded");
    }
    return GateDecision.allow();
  }
}
