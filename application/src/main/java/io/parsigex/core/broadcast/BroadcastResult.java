package io.parsigex.core.broadcast;

import io.parsigex.api.Duty;
import io.parsigex.api.ParSignedDataSet;
import java.util.List;
import java.util.Objects;

/**
 * The terminal result of one broadcast: one outcome per other cluster peer, in cluster order.
 * Immutable.
 *
 * @param duty the duty
 * @param set what was sent
 * @param outcomes one per peer
 */
public record BroadcastResult(Duty duty, ParSignedDataSet set, List<PeerOutcome> outcomes) {

  /** Validates and copies. */
  public BroadcastResult {
    Objects.requireNonNull(duty, "duty");
    Objects.requireNonNull(set, "set");
    outcomes = List.copyOf(outcomes);
  }

  /**
   * Whether every peer was reached.
   *
   * @return true when all outcomes are sent (also for a cluster with no other peer)
   */
  public boolean allSent() {
    return outcomes.stream().allMatch(PeerOutcome::isSent);
  }
}
