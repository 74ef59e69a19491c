package io.parsigex.libp2p.host;

import io.netty.channel.Channel;
import io.parsigex.common.log.RateLimitedLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link HostConfig#maxConnections()} cap: an outbound connection takes a slot when it is
 * dialled, an inbound one once its peer authenticated and was admitted (a stranger still in its
 * handshake waits in the pre-authentication budget instead). A slot is given back when the
 * channel closes. Thread-safe.
 */
final class ConnectionSlots {

  private final int max;
  private final HostCounters counters;
  private final RateLimitedLog refusalLog;
  private final AtomicInteger live = new AtomicInteger();

  ConnectionSlots(int max, HostCounters counters, RateLimitedLog refusalLog) {
    this.max = max;
    this.counters = counters;
    this.refusalLog = refusalLog;
  }

  /**
   * Takes a slot for {@code ch}, or, when none is left, fails {@code result}, counts and logs the
   * refusal and closes the channel.
   *
   * @return whether a slot was taken
   */
  boolean reserve(Channel ch, CompletableFuture<Connection> result) {
    if (live.incrementAndGet() > max) {
      live.decrementAndGet();
      counters.refusedOverLimit();
      refusalLog.log("max_connections", () -> "refused a connection with " + ch.remoteAddress()
          + ": already " + max + " connections (maxConnections)");
      result.completeExceptionally(new HostException.Closed("already " + max
          + " connections (maxConnections); connection refused", null));
      ch.close();
      return false;
    }
    ch.closeFuture().addListener(f -> live.decrementAndGet());
    return true;
  }
}
