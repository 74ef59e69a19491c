package io.parsigex.node.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long this node's sends to each peer took: the last {@link #WINDOW} successful sends per peer,
 * from which {@link #of} gives the median and the latest. Recording allocates nothing once a peer
 * is known; memory is bounded by {@link #MAX_PEERS} peers of {@link #WINDOW} samples each. Sends
 * are to cluster members, so the bound is never reached in a real cluster. Thread-safe.
 */
public final class SendLatencies {

  /** Successful sends kept per peer for the median. */
  public static final int WINDOW = 128;

  /** Most peers tracked; sends to further peers are not recorded. */
  public static final int MAX_PEERS = 256;

  private final Map<String, Ring> peers = new ConcurrentHashMap<>();

  /**
   * Records one successful send.
   *
   * @param peerId the receiving peer
   * @param took how long the send took
   */
  public void record(String peerId, Duration took) {
    record(peerId, took.toNanos());
  }

  /**
   * Records one successful send.
   *
   * @param peerId the receiving peer
   * @param nanos how long the send took, in nanoseconds
   */
  public void record(String peerId, long nanos) {
    Ring r = peers.get(peerId);
    if (r == null) {
      if (peers.size() >= MAX_PEERS) {
        return;
      }
      r = peers.computeIfAbsent(peerId, k -> new Ring());
    }
    r.add(nanos);
  }

  /**
   * The latencies of one peer.
   *
   * @param peerId the peer
   * @return its latencies; {@link Latency#NONE} before its first successful send
   */
  public Latency of(String peerId) {
    Ring r = peers.get(peerId);
    return r == null ? Latency.NONE : r.latency();
  }

  /** One peer's last sends; guarded by its own monitor. */
  private static final class Ring {
    private final long[] nanos = new long[WINDOW];
    private long count;
    private long last;

    synchronized void add(long n) {
      nanos[(int) (count % WINDOW)] = n;
      count++;
      last = n;
    }

    synchronized Latency latency() {
      int n = (int) Math.min(count, WINDOW);
      if (n == 0) {
        return Latency.NONE;
      }
      long[] sorted = Arrays.copyOf(nanos, n);
      Arrays.sort(sorted);
      // the lower median: an actual sample, never an interpolation
      return new Latency(count, millis(sorted[(n - 1) / 2]), millis(last));
    }

    private static Double millis(long nanos) {
      return Math.round(nanos / 1_000.0) / 1_000.0;
    }
  }

  /**
   * A peer's send latencies. Immutable.
   *
   * @param sends successful sends recorded since the start
   * @param p50Ms the median of the last {@link #WINDOW} sends, in milliseconds (null before the
   *     first)
   * @param lastMs the latest send, in milliseconds (null before the first)
   */
  public record Latency(
      @JsonProperty("sends") long sends,
      @JsonProperty("p50_ms") Double p50Ms,
      @JsonProperty("last_ms") Double lastMs) {

    /** No send recorded yet. */
    public static final Latency NONE = new Latency(0, null, null);

    /** Validates. */
    public Latency {
      if (sends < 0) {
        throw new IllegalArgumentException("sends must not be negative, got " + sends);
      }
      if ((p50Ms == null) != (lastMs == null) || (sends == 0) != (p50Ms == null)) {
        throw new IllegalArgumentException("a latency has both figures exactly when sends > 0");
      }
    }
  }

  /**
   * A peer sender that records each successful send's duration here.
   *
   * @param delegate the sender
   * @param latencies where durations go
   */
  public record Recording(io.parsigex.core.broadcast.PeerSender delegate, SendLatencies latencies)
      implements io.parsigex.core.broadcast.PeerSender {

    /** Validates. */
    public Recording {
      Objects.requireNonNull(delegate, "delegate");
      Objects.requireNonNull(latencies, "latencies");
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> send(String peerId, String topic,
        byte[] frame, Duration deadline) {
      long start = System.nanoTime();
      return delegate.send(peerId, topic, frame, deadline).whenComplete((ok, err) -> {
        if (err == null) {
          latencies.record(peerId, System.nanoTime() - start);
        }
      });
    }
  }
}
