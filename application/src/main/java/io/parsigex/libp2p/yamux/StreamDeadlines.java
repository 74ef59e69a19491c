package io.parsigex.libp2p.yamux;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Per-stream deadlines of one event loop without one scheduled task per stream. Every user of a
 * given timeout starts its deadlines at "now + that timeout", so on one loop they expire in the
 * order they were started: they wait in a FIFO queue (one per loop and timeout), and one scheduled
 * task per queue, armed for the oldest live deadline, runs the expired ones and re-arms. Starting
 * and cancelling a deadline is O(1) and allocates one small entry; a cancelled entry stays queued
 * until it reaches the head (or a compaction drops it once cancelled entries are the majority).
 *
 * <p>Start and cancel deadlines on the loop that runs them. A caller off that loop gets an
 * ordinary scheduled task instead.
 */
public final class StreamDeadlines {

  /** One started deadline. */
  public interface Deadline {
    /** Cancels it; its task will not run. On the deadline's loop; idempotent. */
    void cancel();
  }

  /** Cancelled entries tolerated before a compaction is considered. */
  static final int COMPACT_AFTER = 1024;

  private static final FastThreadLocal<Map<Long, StreamDeadlines>> PER_LOOP =
      new FastThreadLocal<>() {
        @Override
        protected Map<Long, StreamDeadlines> initialValue() {
          return new HashMap<>();
        }
      };

  private final EventExecutor loop;
  private final long timeoutNanos;
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private final Runnable fire = this::fire;
  private ScheduledFuture<?> armed;
  private int cancelled;

  private StreamDeadlines(EventExecutor loop, long timeoutNanos) {
    this.loop = loop;
    this.timeoutNanos = timeoutNanos;
  }

  /**
   * Starts a deadline: {@code onExpiry} runs on {@code loop} once {@code timeout} has passed,
   * unless cancelled first.
   *
   * @param loop the event loop (the caller should be on it)
   * @param timeout how long from now
   * @param onExpiry what to run at expiry
   * @return the deadline
   */
  public static Deadline start(EventExecutor loop, Duration timeout, Runnable onExpiry) {
    Objects.requireNonNull(onExpiry, "onExpiry");
    long nanos = timeout.toNanos();
    if (!loop.inEventLoop()) {
      ScheduledFuture<?> f = loop.schedule(onExpiry, nanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    }
    StreamDeadlines q = PER_LOOP.get().computeIfAbsent(nanos,
        n -> new StreamDeadlines(loop, n));
    if (q.loop != loop) {
      // a different executor on this thread (not expected with Netty): keep them apart
      ScheduledFuture<?> f = loop.schedule(onExpiry, nanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    }
    return q.add(onExpiry);
  }

  /**
   * Deadlines queued on this thread's loop for {@code timeout}, cancelled ones included (tests).
   *
   * @param timeout the timeout
   * @return the count
   */
  static int queued(Duration timeout) {
    StreamDeadlines q = PER_LOOP.get().get(timeout.toNanos());
    return q == null ? 0 : q.queue.size();
  }

  private Entry add(Runnable task) {
    Entry e = new Entry(this, System.nanoTime() + timeoutNanos, task);
    queue.addLast(e);
    if (armed == null) {
      armed = loop.schedule(fire, timeoutNanos, TimeUnit.NANOSECONDS);
    }
    return e;
  }

  private void fire() {
    armed = null;
    long now = System.nanoTime();
    try {
      for (Entry e; (e = queue.peekFirst()) != null; ) {
        if (e.task == null) {
          queue.pollFirst();
          cancelled--;
          continue;
        }
        if (e.at - now > 0) {
          break;
        }
        queue.pollFirst();
        Runnable task = e.task;
        e.task = null;
        task.run();
      }
    } finally {
      rearm();
    }
  }

  private void rearm() {
    Entry head = queue.peekFirst();
    if (head != null && armed == null) {
      armed = loop.schedule(fire, Math.max(0, head.at - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    }
  }

  private void onCancel() {
    cancelled++;
    if (cancelled > COMPACT_AFTER && cancelled > queue.size() / 2) {
      queue.removeIf(e -> e.task == null);
      cancelled = 0;
    }
  }

  /** A queued deadline. */
  private static final class Entry implements Deadline {
    private final StreamDeadlines owner;
    private final long at;
    private Runnable task;

    Entry(StreamDeadlines owner, long at, Runnable task) {
      this.owner = owner;
      this.at = at;
      this.task = task;
    }

    @Override
    public void cancel() {
      if (task != null) {
        task = null;
        owner.onCancel();
      }
    }
  }
}
