package io.parsigex.core.receive;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.GateDecision;
import java.util.List;

/**
 * Every gater must allow. A gater that throws or answers {@code null} refuses, with a reason that
 * names it. Immutable.
 */
public final class AllGaters implements DutyGater {

  private final List<DutyGater> gaters;

  /**
   * Composes gaters.
   *
   * @param gaters the gaters, asked in order
   */
  public AllGaters(List<? extends DutyGater> gaters) {
    this.gaters = List.copyOf(gaters);
  }

  @Override
  public GateDecision gate(Duty duty) {
    if (!duty.type().isValid()) {
      return GateDecision.deny("invalid duty type " + duty.type().code());
    }
    for (DutyGater g : gaters) {
      GateDecision d;
      try {
        d = g.gate(duty);
      } catch (RuntimeException e) {
        return GateDecision.deny("gater " + g.getClass().getName() + " failed: " + e);
      }
      if (d == null) {
        return GateDecision.deny("gater " + g.getClass().getName() + " gave no answer");
      }
      if (!d.allowed()) {
        return d;
      }
    }
    return GateDecision.allow();
  }
}
