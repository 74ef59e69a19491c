package io.parsigex.core.receive;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.GateDecision;
import io.parsigex.core.extensions.ExtensionFailedException;
import io.parsigex.core.extensions.ExtensionPointKind;
import io.parsigex.core.extensions.ExtensionRejection;
import io.parsigex.core.extensions.RejectionKind;
import io.parsigex.core.extensions.SenderAwareGater;
import java.util.List;

/**
 * Every gater must allow. A gater that throws or answers {@code null} has failed, which is this
 * node's fault, not the peer's: that throws {@link ExtensionFailedException} (kind
 * {@code FAILED} or {@code INVALID_RESULT}, plugin id {@value #PLUGIN_ID}), so the pipeline
 * reports {@code plugin_failed}, never {@code gated}. The sending peer is passed on to gaters that
 * take it ({@link SenderAwareGater}). Immutable.
 */
public final class AllGaters implements SenderAwareGater {

  /** The plugin id of gaters composed here directly (not loaded as plugins). */
  public static final String PLUGIN_ID = "system";

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
  public GateDecision gate(Duty duty, String senderPeerId) {
    if (!duty.type().isValid()) {
      return GateDecision.deny("invalid duty type " + duty.type().code());
    }
    for (DutyGater g : gaters) {
      GateDecision d;
      try {
        d = g instanceof SenderAwareGater aware ? aware.gate(duty, senderPeerId) : g.gate(duty);
      } catch (ExtensionFailedException e) {
        throw e;
      } catch (RuntimeException e) {
        throw failure(g, RejectionKind.FAILED, e.toString());
      }
      if (d == null) {
        throw failure(g, RejectionKind.INVALID_RESULT, "gave no answer");
      }
      if (!d.allowed()) {
        return d;
      }
    }
    return GateDecision.allow();
  }

  private static ExtensionFailedException failure(DutyGater g, RejectionKind kind, String why) {
    return new ExtensionFailedException(new ExtensionRejection(PLUGIN_ID, g.getClass().getName(),
        ExtensionPointKind.GATER, kind, why, -1));
  }
}
