package io.parsigex.libp2p.ping;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When the ping service pings, as Charon's does ({@code p2p/ping.go}, {@code app/expbackoff}):
 * after an answer, the next ping once {@link #period} has passed since the previous one started;
 * after a failure, a backoff of {@code base × multiplier^failures} (capped at {@code maxBackoff},
 * randomised by ± {@code jitter}) that grows with every failure of the peer since the service
 * started (Charon never resets it). Immutable.
 *
 * @param period the time between answered pings
 * @param timeout how long a ping may wait for its echo
 * @param baseBackoff the wait after the first failure
 * @param multiplier growth of the wait per further failure
 * @param jitter randomisation of the wait, a fraction
 * @param maxBackoff the longest wait
 */
public record PingSchedule(Duration period, Duration timeout, Duration baseBackoff,
    double multiplier, double jitter, Duration maxBackoff) {

  /** Charon's ping period. */
  public static final Duration PERIOD = Duration.ofSeconds(1);
  /**
   * Our bound on one ping (Charon's pinger has none; go-libp2p's responder gives up after 10 s of
   * silence, so we wait as long).
   */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Charon's {@code expbackoff.DefaultConfig.BaseDelay}. */
  public static final Duration BASE_BACKOFF = Duration.ofSeconds(1);
  /** Charon's {@code expbackoff.DefaultConfig.Multiplier}. */
  public static final double MULTIPLIER = 1.6;
  /** Charon's {@code expbackoff.DefaultConfig.Jitter}. */
  public static final double JITTER = 0.2;
  /** Charon's ping {@code maxBackoff}. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Validates. */
  public PingSchedule {
    for (Duration d : new Duration[] {period, timeout, baseBackoff, maxBackoff}) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("ping durations must be positive: " + d);
      }
    }
    if (multiplier < 1 || jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("multiplier must be at least 1 and jitter in [0, 1)");
    }
  }

  /**
   * Charon's schedule.
   *
   * @return 1 s period, 10 s timeout, backoff 1 s × 1.6 per failure up to 30 s, ±20%
   */
  public static PingSchedule charon() {
    return new PingSchedule(PERIOD, TIMEOUT, BASE_BACKOFF, MULTIPLIER, JITTER, MAX_BACKOFF);
  }

  /**
   * The wait after a failure, as Charon's {@code expbackoff.Backoff}: the base for the first
   * failure (no jitter), then the base times the multiplier per earlier failure, capped, times
   * {@code 1 + jitter × (2r − 1)}.
   *
   * @param earlierFailures failures of this peer before this one
   * @param random a uniform value in [0, 1)
   * @return the wait
   */
  public Duration backoff(int earlierFailures, DoubleSupplier random) {
    if (earlierFailures == 0) {
      return baseBackoff;
    }
    double nanos = baseBackoff.toNanos();
    double max = maxBackoff.toNanos();
    for (int i = earlierFailures; nanos < max && i > 0; i--) {
      nanos *= multiplier;
    }
    nanos = Math.min(nanos, max) * (1 + jitter * (random.getAsDouble() * 2 - 1));
    return Duration.ofNanos(Math.max(0, Math.round(nanos)));
  }
}
