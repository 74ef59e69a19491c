package io.parsigex.libp2p.yamux;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The pings this side sent and awaits: opaque ids, round-trip times, the outstanding-ping limit and
 * the per-ping timeout. Used on the session's event loop only.
 */
final class PingTracker {

  private static final long OPAQUE_MASK = 0xFFFF_FFFFL;

  private final EventExecutor executor;
  private final int maxOutstanding;
  private final Duration timeout;
  private final Map<Long, Pending> pending = new HashMap<>();
  private long nextOpaque;

  /**
   * Creates a tracker.
   *
   * @param executor the session's event loop, which runs the timeouts
   * @param maxOutstanding {@link YamuxConfig#maxOutstandingPings()}
   * @param timeout {@link YamuxConfig#pingTimeout()}
   */
  PingTracker(EventExecutor executor, int maxOutstanding, Duration timeout) {
    this.executor = executor;
    this.maxOutstanding = maxOutstanding;
    this.timeout = timeout;
  }

  /**
   * Registers a ping about to be sent.
   *
   * @param promise completed with the round-trip time, or failed
   * @param onTimeout told when the peer did not answer in time (the promise fails too)
   * @return the opaque value to send, or empty (and the promise failed) at the limit
   */
  OptionalLong start(Promise<Duration> promise, Consumer<YamuxTimeoutException> onTimeout) {
    if (pending.size() >= maxOutstanding) {
      promise.tryFailure(new YamuxLimitException(pending.size()
          + " pings are already waiting for an answer (maxOutstandingPings)"));
      return OptionalLong.empty();
    }
    long opaque = nextOpaque;
    nextOpaque = (nextOpaque + 1) & OPAQUE_MASK;
    ScheduledFuture<?> timer = executor.schedule(() -> {
      Pending p = pending.remove(opaque);
      if (p != null) {
        YamuxTimeoutException e = new YamuxTimeoutException("the peer did not answer a ping "
            + "within " + timeout + "; the connection is considered dead");
        p.promise().tryFailure(e);
        onTimeout.accept(e);
      }
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    pending.put(opaque, new Pending(promise, System.nanoTime(), timer));
    return OptionalLong.of(opaque);
  }

  /**
   * The peer answered a ping; unknown opaque values are ignored.
   *
   * @param opaque the value echoed back
   * @return the round trip, or empty when the value was not one of ours
   */
  Optional<Duration> onAck(long opaque) {
    Pending p = pending.remove(opaque);
    if (p == null) {
      return Optional.empty();
    }
    p.timer().cancel(false);
    Duration rtt = Duration.ofNanos(System.nanoTime() - p.startNanos());
    p.promise().trySuccess(rtt);
    return Optional.of(rtt);
  }

  /**
   * Fails every outstanding ping.
   *
   * @param cause why
   */
  void failAll(YamuxException cause) {
    for (Pending p : new ArrayList<>(pending.values())) {
      p.timer().cancel(false);
      p.promise().tryFailure(cause);
    }
    pending.clear();
  }

  /**
   * Pings awaiting an answer.
   *
   * @return the count
   */
  int outstanding() {
    return pending.size();
  }

  private record Pending(Promise<Duration> promise, long startNanos, ScheduledFuture<?> timer) {}
}
