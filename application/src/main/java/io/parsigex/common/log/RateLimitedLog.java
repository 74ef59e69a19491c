package io.parsigex.common.log;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs repeated events so that a flood cannot become a log flood: for each key (for example a peer
 * and a refusal reason) the first occurrence is logged in full; the ones after it within
 * {@link #window()} are only counted, and one summary line per key and window says how many there
 * were and what the last one said ({@code "peer X: 1,234 invalid_signature in the last 10 s; last:
 * ..."}). A summary is written by the next occurrence after the window, or by the flush timer, so a
 * flood that stops still gets its summary. Counters kept elsewhere stay exact; only log lines are
 * limited.
 *
 * <p>At most {@link #MAX_KEYS} keys are tracked; further keys (strangers' addresses, say) share one
 * overflow key, so the log's memory is bounded too. Thread-safe.
 */
public final class RateLimitedLog implements AutoCloseable {

  /** Default summary window. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  /** Most keys tracked at once; the rest are summarised under {@link #OVERFLOW_KEY}. */
  public static final int MAX_KEYS = 1024;
  /** The key events beyond {@link #MAX_KEYS} are counted under. */
  public static final String OVERFLOW_KEY = "(other sources)";

  private final Logger logger;
  private final Level level;
  private final Duration window;
  private final LongSupplier nanoClock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;
  private final AtomicLong written = new AtomicLong();

  /**
   * A log that flushes its summaries every window on its own daemon thread.
   *
   * @param logger where lines go
   * @param level their level
   * @param window the summary window
   */
  public RateLimitedLog(Logger logger, Level level, Duration window) {
    this(logger, level, window, System::nanoTime, true);
  }

  /**
   * A log with an explicit clock; without the flush timer, summaries are written only by the next
   * occurrence after a window and by {@link #flush()} (for tests).
   *
   * @param logger where lines go
   * @param level their level
   * @param window the summary window
   * @param nanoClock monotonic nanoseconds
   * @param timer whether to start the flush timer
   */
  public RateLimitedLog(Logger logger, Level level, Duration window, LongSupplier nanoClock,
      boolean timer) {
    this.logger = Objects.requireNonNull(logger, "logger");
    this.level = Objects.requireNonNull(level, "level");
    this.window = Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the summary window must be positive, got " + window);
    }
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    if (timer) {
      this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rate-limited-log-" + logger.getName());
        t.setDaemon(true);
        return t;
      });
      long ms = window.toMillis();
      flusher.scheduleWithFixedDelay(this::flush, ms, ms, TimeUnit.MILLISECONDS);
    } else {
      this.flusher = null;
    }
  }

  /**
   * Records one occurrence.
   *
   * @param key what repeats (a peer and a reason, say); shown in the summary
   * @param what the occurrence, computed only when it is written
   * @return whether a line was written for this occurrence (its own or a summary)
   */
  public boolean log(String key, Supplier<String> what) {
    Objects.requireNonNull(key, "key");
    Window w = windows.get(key);
    if (w == null) {
      String k = windows.size() >= MAX_KEYS ? OVERFLOW_KEY : key;
      Window fresh = new Window(k, nanoClock.getAsLong());
      w = windows.putIfAbsent(k, fresh);
      if (w == null) {
        write(what.get());
        return true;
      }
    }
    return w.occurred(what);
  }

  /** Writes the summary of every key whose window has ended, and forgets quiet keys. */
  public void flush() {
    long now = nanoClock.getAsLong();
    for (Window w : windows.values()) {
      w.flushIfDue(now);
    }
  }

  /**
   * Lines written so far (full lines and summaries).
   *
   * @return the count
   */
  public long linesWritten() {
    return written.get();
  }

  /**
   * The summary window.
   *
   * @return the window
   */
  public Duration window() {
    return window;
  }

  @Override
  public void close() {
    if (flusher != null) {
      flusher.shutdownNow();
    }
    for (Window w : windows.values()) {
      w.flushIfDue(Long.MAX_VALUE);
    }
  }

  private void write(String line) {
    written.incrementAndGet();
    logger.atLevel(level).log(line);
  }

  /** One key's current window: when it started, what it suppressed. Guarded by itself. */
  private final class Window {
    private final String key;
    private long start;
    private long suppressed;
    private String last;

    Window(String key, long start) {
      this.key = key;
      this.start = start;
    }

    synchronized boolean occurred(Supplier<String> what) {
      long now = nanoClock.getAsLong();
      boolean summarised = false;
      if (now - start >= window.toNanos()) {
        start = now;
        if (suppressed == 0) {
          // A quiet window ended: this occurrence is news again.
          write(what.get());
          return true;
        }
        summarise();
        summarised = true;
      }
      suppressed++;
      last = what.get();
      return summarised;
    }

    synchronized void flushIfDue(long now) {
      if (now - start < window.toNanos() && now != Long.MAX_VALUE) {
        return;
      }
      if (suppressed > 0) {
        summarise();
        start = now;
      } else if (now == Long.MAX_VALUE || now - start >= 6 * window.toNanos()) {
        windows.remove(key, this);
      }
    }

    private void summarise() {
      write(String.format("%s: %,d more within %d s; last: %s", key, suppressed,
          Math.max(1, window.toSeconds()), last));
      suppressed = 0;
      last = null;
    }
  }
}
