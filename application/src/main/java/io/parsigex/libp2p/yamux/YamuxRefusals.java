package io.parsigex.libp2p.yamux;

import io.parsigex.common.log.RateLimitedLog;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts every {@link YamuxRefusal} of the sessions that share it (a host's sessions, say) and
 * logs them rate-limited per remote address and reason, so a peer that opens thousands of streams
 * beyond a limit produces a few summary lines, not a line per stream. The log is the owner's
 * (one per host), never static. Thread-safe.
 */
public final class YamuxRefusals {

  private final Map<YamuxRefusal, LongAdder> counts = new EnumMap<>(YamuxRefusal.class);
  private final RateLimitedLog log;

  /**
   * Counters logging through the given log. Its owner (the host) closes it on shutdown.
   *
   * @param log where refusals are logged, rate-limited per key
   */
  public YamuxRefusals(RateLimitedLog log) {
    this.log = Objects.requireNonNull(log, "log");
    for (YamuxRefusal r : YamuxRefusal.values()) {
      counts.put(r, new LongAdder());
    }
  }

  /**
   * Counts and logs one refusal.
   *
   * @param reason why
   * @param remote who (the connection's remote address)
   * @param detail the log line, computed only when it is written
   */
  public void refused(YamuxRefusal reason, Object remote, Supplier<String> detail) {
    counts.get(reason).increment();
    log.log(remote + " yamux " + reason.label(),
        () -> "yamux refusal (" + reason.label() + ", " + reason.faultLabel() + "'s fault) with "
            + remote + ": " + detail.get());
  }

  /**
   * The count for one reason.
   *
   * @param reason the reason
   * @return refusals so far
   */
  public long count(YamuxRefusal reason) {
    return counts.get(reason).sum();
  }

  /**
   * Every reason's count now.
   *
   * @return an immutable map with every reason
   */
  public Map<YamuxRefusal, Long> snapshot() {
    Map<YamuxRefusal, Long> out = new EnumMap<>(YamuxRefusal.class);
    counts.forEach((r, n) -> out.put(r, n.sum()));
    return Map.copyOf(out);
  }
}
