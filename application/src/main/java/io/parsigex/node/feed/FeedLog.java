package io.parsigex.node.feed;

import io.parsigex.common.log.RateLimitedLog;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The feed's log, safe against many clients misbehaving at once. An expected disconnect (a slow
 * client dropped, a write or flush on a connection the client closed, a broken pipe) is one line
 * with its reason, rate-limited per reason, never a stack trace. An unexpected error keeps its
 * stack trace, but at most one per exception type and window; the next one says how many were
 * left out. Thread-safe.
 */
final class FeedLog {

  /** Most exception types whose stack traces are tracked; further types share one entry. */
  static final int MAX_TRACED_TYPES = 64;

  private static final Logger LOG = LoggerFactory.getLogger(FeedLog.class);

  private final Logger logger;
  private final RateLimitedLog disconnects;
  private final Duration window;
  private final LongSupplier nanoClock;
  private final Map<String, Traced> traced = new ConcurrentHashMap<>();

  /** One instance for callers that have none of their own (its flush timer is one thread). */
  private static final class Shared {
    static final FeedLog INSTANCE = new FeedLog();
  }

  /**
   * The shared instance.
   *
   * @return the log
   */
  static FeedLog shared() {
    return Shared.INSTANCE;
  }

  /** The feed's log: {@code io.parsigex.node.feed.FeedLog}, summaries every 10 s. */
  FeedLog() {
    this(LOG, new RateLimitedLog(LOG, Level.WARN, RateLimitedLog.DEFAULT_WINDOW),
        RateLimitedLog.DEFAULT_WINDOW, System::nanoTime);
  }

  FeedLog(Logger logger, RateLimitedLog disconnects, Duration window, LongSupplier nanoClock) {
    this.logger = Objects.requireNonNull(logger, "logger");
    this.disconnects = Objects.requireNonNull(disconnects, "disconnects");
    this.window = Objects.requireNonNull(window, "window");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /**
   * Logs that the feed disconnected a client, rate-limited per reason.
   *
   * @param clientId the session id
   * @param reason why
   * @param detail what happened (a slow client's limits, a failed write's cause)
   */
  void dropped(String clientId, DropReason reason, String detail) {
    disconnects.log("feed " + reason.label(), () -> "WebSocket feed client " + clientId
        + " disconnected: " + reason.label() + " (" + detail + ")");
  }

  /**
   * Logs that the web container failed to write to a client that went away, rate-limited.
   *
   * @param detail the innermost cause
   */
  void containerDisconnect(String detail) {
    disconnects.log("feed connection_lost", () -> "WebSocket feed: a client went away while the "
        + "container was writing to it (" + detail + ")");
  }

  /**
   * Logs an unexpected error with its stack trace, at most once per exception type and window.
   *
   * @param clientId the session id
   * @param what what the feed was doing
   * @param error the error
   */
  void unexpected(String clientId, String what, Throwable error) {
    String type = error.getClass().getName();
    String key = traced.size() >= MAX_TRACED_TYPES && !traced.containsKey(type) ? "other" : type;
    Traced t = traced.computeIfAbsent(key, k -> new Traced());
    long skipped = t.admit(nanoClock.getAsLong(), window.toNanos());
    if (skipped >= 0) {
      String more = skipped == 0 ? "" : " (" + skipped + " more of this type since the last "
          + "trace, within " + window.toSeconds() + " s)";
      logger.warn("WebSocket feed client {}: unexpected error {}{}", clientId, what, more, error);
    }
  }

  /**
   * Whether an error is a client disconnecting rather than a fault: an I/O error anywhere in its
   * causes (broken pipe, reset, write timeout), or any error on a session that is no longer open
   * (a write or flush on a closed session).
   *
   * @param error what was thrown
   * @param sessionOpen whether the session was still open afterwards
   * @return true for an expected disconnect
   */
  static boolean expectedDisconnect(Throwable error, boolean sessionOpen) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return !sessionOpen;
  }

  /**
   * The innermost cause, as {@code Type: message}, for a one-line reason.
   *
   * @param error the error
   * @return the description
   */
  static String describe(Throwable error) {
    Throwable root = error;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16;
        depth++) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** One exception type's trace window. */
  private static final class Traced {
    private long start = Long.MIN_VALUE;
    private long skipped;

    /** Returns how many were skipped before this one when it may be traced, else -1. */
    synchronized long admit(long now, long windowNanos) {
      if (start != Long.MIN_VALUE && now - start < windowNanos) {
        skipped++;
        return -1;
      }
      start = now;
      long s = skipped;
      skipped = 0;
      return s;
    }
  }
}
