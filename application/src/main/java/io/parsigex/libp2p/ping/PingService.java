package io.parsigex.libp2p.ping;

import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.libp2p.yamux.YamuxSessionClosedException;
import io.parsigex.libp2p.yamux.YamuxStreamResetException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pings each peer as Charon's ping service does ({@code p2p/ping.go}): one ping on a new
 * {@code /ipfs/ping/1.0.0} stream; after an answer, the next one when a {@link
 * PingSchedule#period()} has passed since the previous one started (at once when the answer took
 * longer; the first period starts with the service); after a failure, a growing backoff. A ping that fails
 * because its stream was reset or its connection closed under it (Charon's "relay error": a relay
 * recycling a circuit) is neither reported nor counted, only backed off, as in Charon. A peer
 * without an open connection fails at once: the host's redialer, not the ping service, dials.
 * Each peer is pinged by its own chain of timer tasks, never more than one ping in flight.
 */
public final class PingService implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(PingService.class.getName());

  /** Why a ping was not sent: the peer has no open connection now. */
  public static final class NotConnectedException extends Exception {
    private static final long serialVersionUID = 1L;

    NotConnectedException(PeerId peer) {
      super("no open connection to " + peer);
    }
  }

  private final Host host;
  private final List<PeerId> peers;
  private final PingListener listener;
  private final PingSchedule schedule;
  private final SecureRandom random = new SecureRandom();
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  private PingService(Host host, List<PeerId> peers, PingListener listener,
      PingSchedule schedule) {
    this.host = host;
    this.peers = peers;
    this.listener = listener;
    this.schedule = schedule;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ping-" + host.peerId().toString().substring(0, 12));
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts pinging every peer but the host itself, the first time one period after the start (so
   * the connections the host is dialling now are not counted as failed pings: Charon's first ping
   * dials the peer itself).
   *
   * @param host the host
   * @param peers the peers (the cluster members; the host itself is skipped)
   * @param listener hears every result
   * @param schedule when to ping
   * @return the running service
   */
  public static PingService start(Host host, List<PeerId> peers, PingListener listener,
      PingSchedule schedule) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(schedule, "schedule");
    PingService s = new PingService(host, peers.stream()
        .filter(p -> !p.equals(host.peerId())).distinct().toList(), listener, schedule);
    for (PeerId p : s.peers) {
      s.timer.schedule(new Pinger(s, p)::pingNow, schedule.period().toNanos(),
          TimeUnit.NANOSECONDS);
    }
    return s;
  }

  /**
   * The peers pinged.
   *
   * @return their ids
   */
  public List<PeerId> peers() {
    return peers;
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
  }

  /** One peer's chain of pings. Its fields are touched by one task at a time. */
  private static final class Pinger {
    private final PingService service;
    private final PeerId peer;
    private int failures;
    /** Charon's delay-callback timestamp: the start of the current period. */
    private long periodStart;

    Pinger(PingService service, PeerId peer) {
      this.service = service;
      this.peer = peer;
      this.periodStart = System.nanoTime() + service.schedule.period().toNanos();
    }

    void pingNow() {
      if (service.closed) {
        return;
      }
      Optional<Connection> c = service.host.openConnection(peer);
      if (c.isEmpty()) {
        finished(null, new NotConnectedException(peer));
        return;
      }
      AtomicReference<HostStream> stream = new AtomicReference<>();
      CompletableFuture<Duration> ping = service.host.newStream(c.get(), Ping.PROTOCOL_ID)
          .thenCompose(s -> {
            stream.set(s);
            return Ping.ping(s.yamux(), service.random, s::handler);
          });
      ping.orTimeout(service.schedule.timeout().toNanos(), TimeUnit.NANOSECONDS)
          .whenComplete((rtt, e) -> {
            HostStream s = stream.get();
            if (e != null && s != null) {
              s.reset();
            }
            finished(rtt, e);
          });
    }

    private void finished(Duration rtt, Throwable error) {
      if (service.closed) {
        return;
      }
      Duration next;
      if (error == null) {
        long now = System.nanoTime();
        long wait = Math.max(0, periodStart + service.schedule.period().toNanos() - now);
        next = Duration.ofNanos(wait);
        periodStart = now + wait;
        report(() -> service.listener.answered(peer, rtt));
      } else {
        Throwable cause = unwrap(error);
        if (!isRelayError(cause)) {
          report(() -> service.listener.failed(peer, cause instanceof TimeoutException
              ? new TimeoutException("no ping echo from " + peer + " within "
                  + service.schedule.timeout().toMillis() + " ms") : cause));
        }
        next = service.schedule.backoff(failures++, ThreadLocalRandom.current()::nextDouble);
      }
      try {
        service.timer.schedule(this::pingNow, next.toNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // the service closed meanwhile
      }
    }

    private void report(Runnable call) {
      try {
        call.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "ping listener failed for " + peer, e);
      }
    }
  }

  /** Charon's {@code IsRelayError}: the stream was reset or its connection went away. */
  static boolean isRelayError(Throwable cause) {
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof YamuxStreamResetException || c instanceof YamuxSessionClosedException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
