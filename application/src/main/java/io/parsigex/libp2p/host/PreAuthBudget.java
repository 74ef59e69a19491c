package io.parsigex.libp2p.host;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.ScheduledFuture;
import io.parsigex.common.log.RateLimitedLog;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Keeps {@link PreAuthLimits}: admits inbound connections that have not authenticated yet (per
 * source address and in total), evicts the oldest silent one when the total is reached, closes
 * those that miss the deadline, and counts and logs (rate-limited per source and reason) every
 * refusal. Thread-safe; the critical sections are a few map operations, never I/O.
 */
final class PreAuthBudget {

  private final PreAuthLimits limits;
  private final RateLimitedLog log;
  private final Map<String, Integer> perSource = new HashMap<>();
  /** Pending handshakes, oldest first. Guarded by this. */
  private final LinkedHashSet<Ticket> pending = new LinkedHashSet<>();
  private final Map<PreAuthRefusal, AtomicLong> refused = new EnumMap<>(PreAuthRefusal.class);

  PreAuthBudget(PreAuthLimits limits, RateLimitedLog log) {
    this.limits = limits;
    this.log = log;
    for (PreAuthRefusal r : PreAuthRefusal.values()) {
      refused.put(r, new AtomicLong());
    }
  }

  /**
   * Admits a new inbound connection, or closes it (with a reset, so no socket lingers) and counts
   * why. May close an older silent connection to make room.
   *
   * @param channel the accepted connection
   * @return its ticket, to be released when it authenticates or closes; empty when refused
   */
  Optional<Ticket> admit(Channel channel) {
    String source = source(channel.remoteAddress());
    Ticket ticket = null;
    Ticket evicted = null;
    PreAuthRefusal refusal = null;
    int fromSource;
    int total;
    synchronized (this) {
      fromSource = perSource.getOrDefault(source, 0);
      total = pending.size();
      if (fromSource >= limits.maxPerSource()) {
        refusal = PreAuthRefusal.PER_IP;
      } else if (total >= limits.maxTotal()) {
        evicted = oldestSilent();
        if (evicted == null) {
          refusal = PreAuthRefusal.TOTAL;
        } else {
          removeLocked(evicted);
        }
      }
      if (refusal == null) {
        ticket = new Ticket(channel, source);
        pending.add(ticket);
        perSource.merge(source, 1, Integer::sum);
      }
    }
    if (evicted != null) {
      Ticket e = evicted;
      refuse(PreAuthRefusal.EVICTED, e.source, () -> "closed a silent unauthenticated connection "
          + "from " + e.source + " to make room: " + limits.maxTotal() + " handshakes pending "
          + "(maxTotal)");
      e.cancelDeadline();
      closeHard(e.channel);
    }
    if (refusal == PreAuthRefusal.PER_IP) {
      int n = fromSource;
      refuse(refusal, source, () -> "refused an unauthenticated connection from " + source
          + ": " + n + " handshakes from that address are pending (maxPerSource "
          + limits.maxPerSource() + ")");
    } else if (refusal == PreAuthRefusal.TOTAL) {
      int n = total;
      refuse(refusal, source, () -> "refused an unauthenticated connection from " + source
          + ": " + n + " handshakes are pending and none is silent (maxTotal "
          + limits.maxTotal() + ")");
    }
    if (refusal != null) {
      closeHard(channel);
      return Optional.empty();
    }
    return Optional.of(ticket);
  }

  /** Counters now. */
  PreAuthStats stats() {
    Map<PreAuthRefusal, Long> counts = new EnumMap<>(PreAuthRefusal.class);
    refused.forEach((r, n) -> counts.put(r, n.get()));
    int now;
    synchronized (this) {
      now = pending.size();
    }
    return new PreAuthStats(now, counts);
  }

  private Ticket oldestSilent() {
    for (Ticket t : pending) {
      if (!t.spoke) {
        return t;
      }
    }
    return null;
  }

  private void removeLocked(Ticket t) {
    pending.remove(t);
    perSource.computeIfPresent(t.source, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Removes a ticket; true when it was still pending. */
  private boolean release(Ticket t) {
    synchronized (this) {
      if (!pending.contains(t)) {
        return false;
      }
      removeLocked(t);
      return true;
    }
  }

  /**
   * Counts and logs a refusal. A per-address refusal is logged per source address and reason; the
   * others follow from the total or the deadline, not from one address, so they are logged per
   * reason (the summary names the last source): an attack from many addresses writes a few lines,
   * not one per address.
   */
  private void refuse(PreAuthRefusal reason, String source, Supplier<String> why) {
    refused.get(reason).incrementAndGet();
    String key = reason == PreAuthRefusal.PER_IP ? source + " " + reason.label()
        : "pre-auth " + reason.label();
    log.log(key, why);
  }

  /** Closes with a TCP reset: a refused stranger leaves no socket in TIME_WAIT behind. */
  static void closeHard(Channel channel) {
    try {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (RuntimeException e) {
      // not a TCP socket (a relayed stream): a plain close
    }
    channel.close();
  }

  /**
   * The budget's key for a remote: the IP address of a TCP connection, the address text
   * otherwise (a relayed connection).
   */
  static String source(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }

  /** One pending handshake. */
  final class Ticket {
    private final Channel channel;
    private final String source;
    private volatile boolean spoke;
    private volatile ScheduledFuture<?> deadline;

    private Ticket(Channel channel, String source) {
      this.channel = channel;
      this.source = source;
    }

    /** The remote sent its first bytes: it is no longer a candidate for eviction. */
    void spoke() {
      spoke = true;
    }

    /** Starts the deadline; call on the channel's event loop once it is registered. */
    void startDeadline() {
      if (deadline == null && !channel.eventLoop().isShuttingDown()) {
        deadline = channel.eventLoop().schedule(this::expire, limits.timeout().toNanos(),
            TimeUnit.NANOSECONDS);
      }
    }

    /** Noise completed, or the connection closed: its place is free. */
    void release() {
      PreAuthBudget.this.release(this);
      cancelDeadline();
    }

    private void cancelDeadline() {
      ScheduledFuture<?> d = deadline;
      if (d != null) {
        d.cancel(false);
      }
    }

    private void expire() {
      if (PreAuthBudget.this.release(this)) {
        refuse(PreAuthRefusal.HANDSHAKE_TIMEOUT, source, () -> "closed an unauthenticated "
            + "connection from " + source + ": no Noise handshake within " + limits.timeout());
        closeHard(channel);
      }
    }
  }
}
