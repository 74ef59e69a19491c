package io.parsigex.libp2p.host;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The pre-authentication budget's counters.
 *
 * @param pending inbound connections whose handshake is under way now
 * @param refused connections closed before authentication, by reason (every reason present)
 */
public record PreAuthStats(int pending, Map<PreAuthRefusal, Long> refused) {

  /** Copies the map, filling absent reasons with zero. */
  public PreAuthStats {
    Objects.requireNonNull(refused, "refused");
    EnumMap<PreAuthRefusal, Long> all = new EnumMap<>(PreAuthRefusal.class);
    for (PreAuthRefusal r : PreAuthRefusal.values()) {
      all.put(r, refused.getOrDefault(r, 0L));
    }
    refused = Map.copyOf(all);
  }

  /**
   * The count for one reason.
   *
   * @param reason the reason
   * @return connections closed for it
   */
  public long refused(PreAuthRefusal reason) {
    return refused.get(reason);
  }

  /**
   * Every refusal together.
   *
   * @return the sum
   */
  public long totalRefused() {
    return refused.values().stream().mapToLong(Long::longValue).sum();
  }
}
