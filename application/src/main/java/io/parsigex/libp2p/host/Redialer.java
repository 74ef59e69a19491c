package io.parsigex.libp2p.host;

import io.netty.channel.EventLoopGroup;
import io.parsigex.libp2p.peer.PeerId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Keeps chosen peers connected: after a failed dial or a lost connection it dials again, waiting
 * twice as long each time (plus jitter) up to the configured maximum; a success resets the wait.
 */
final class Redialer {

  private static final double BACKOFF_FACTOR = 2.0;
  /** Random extra share of each wait, so that peers do not redial in lockstep. */
  private static final double BACKOFF_JITTER = 0.2;

  private final Duration initial;
  private final Duration max;
  private final EventLoopGroup group;
  private final SecureRandom random;
  private final Function<PeerId, CompletableFuture<Connection>> connect;
  private final Predicate<PeerId> connected;
  private final Map<PeerId, Duration> backoff = new ConcurrentHashMap<>();
  private final Map<PeerId, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Redialer(Duration initial, Duration max, EventLoopGroup group, SecureRandom random,
      Function<PeerId, CompletableFuture<Connection>> connect, Predicate<PeerId> connected) {
    this.initial = initial;
    this.max = max;
    this.group = group;
    this.random = random;
    this.connect = connect;
    this.connected = connected;
  }

  /** Starts keeping {@code peer} connected. */
  void keep(PeerId peer) {
    backoff.putIfAbsent(peer, initial);
  }

  /** A connection to the peer is up: the next loss waits the initial time again. */
  void connected(PeerId peer) {
    backoff.computeIfPresent(peer, (p, d) -> initial);
  }

  /** A dial failed or the last connection dropped: try again later if the peer is kept. */
  void lost(PeerId peer) {
    Duration wait = backoff.get(peer);
    if (closed || wait == null) {
      return;
    }
    long jitter = (long) (wait.toMillis() * BACKOFF_JITTER * random.nextDouble());
    backoff.put(peer, Duration.ofMillis(Math.min(max.toMillis(),
        (long) (wait.toMillis() * BACKOFF_FACTOR))));
    ScheduledFuture<?> f;
    try {
      f = group.next().schedule(() -> attempt(peer), wait.toMillis() + jitter,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      return;
    }
    ScheduledFuture<?> old = pending.put(peer, f);
    if (old != null) {
      old.cancel(false);
    }
  }

  private void attempt(PeerId peer) {
    pending.remove(peer);
    if (closed || connected.test(peer)) {
      return;
    }
    connect.apply(peer).whenComplete((c, e) -> {
      if (e != null) {
        lost(peer);
      }
    });
  }

  /** Stops keeping {@code peer} connected (its pending redial is cancelled). */
  void forget(PeerId peer) {
    backoff.remove(peer);
    ScheduledFuture<?> f = pending.remove(peer);
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Stops every pending redial. */
  void close() {
    closed = true;
    pending.values().forEach(f -> f.cancel(false));
    pending.clear();
  }
}
