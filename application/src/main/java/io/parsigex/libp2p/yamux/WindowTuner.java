package io.parsigex.libp2p.yamux;

import java.time.Duration;

/**
 * A session's receive-window auto-tuning, as go-yamux and js-yamux do it: a stream whose consumer
 * used up a whole batch of credit within {@value #FAST_ROUND_TRIPS} round trips of the previous
 * update is limited by its window rather than by its reader, so its window doubles, up to
 * {@link YamuxConfig#maxReceiveWindow()}. Growth is drawn from a session-wide budget
 * ({@link YamuxConfig#sessionWindowBudget()}) and given back when the stream ends, so many fast
 * streams cannot make the session buffer more than the budget beyond their base windows. The round
 * trip comes from the latest ping; until one is answered, nothing grows. Event loop only.
 */
final class WindowTuner {

  /** An update sooner than this many round trips after the previous one means window-bound. */
  static final int FAST_ROUND_TRIPS = 4;

  private final long maxWindow;
  private final long budget;
  private long reserved;
  /** The most growth ever held at once: no stream's window has been larger than base plus this. */
  private long highWater;
  private long rttNanos;

  /**
   * Creates the tuner.
   *
   * @param config the session's limits
   */
  WindowTuner(YamuxConfig config) {
    this.maxWindow = config.maxReceiveWindow();
    this.budget = config.autoTunesWindows() ? config.sessionWindowBudget() : 0;
  }

  /**
   * Records a measured round trip.
   *
   * @param rtt the latest ping's round trip
   */
  void onRoundTrip(Duration rtt) {
    rttNanos = Math.max(1, rtt.toNanos());
  }

  /**
   * The latest round trip, if one was measured.
   *
   * @return nanoseconds, 0 when unknown
   */
  long roundTripNanos() {
    return rttNanos;
  }

  /**
   * Decides a stream's growth at a window update and reserves it from the budget.
   *
   * @param window the stream's current window
   * @param sinceLastUpdateNanos time since the stream's previous update (or its opening)
   * @return bytes to add to the window, 0 when it stays
   */
  long grow(long window, long sinceLastUpdateNanos) {
    if (rttNanos == 0 || window >= maxWindow
        || sinceLastUpdateNanos >= FAST_ROUND_TRIPS * rttNanos) {
      return 0;
    }
    long extra = Math.min(Math.min(window, maxWindow - window), budget - reserved);
    if (extra <= 0) {
      return 0;
    }
    reserved += extra;
    highWater = Math.max(highWater, reserved);
    return extra;
  }

  /**
   * Gives back a stream's growth when it ends.
   *
   * @param extra what the stream was granted through {@link #grow}
   */
  void release(long extra) {
    reserved = Math.max(0, reserved - extra);
  }

  /**
   * The most growth the session's streams have held at once, ever: a bound on any one stream's
   * growth that never shrinks, so data the peer sent under a window that has since been given
   * back still fits.
   *
   * @return bytes
   */
  long highWater() {
    return highWater;
  }

  /**
   * Growth currently held by the session's streams.
   *
   * @return bytes
   */
  long reserved() {
    return reserved;
  }
}
