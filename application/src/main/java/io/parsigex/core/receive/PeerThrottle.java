package io.parsigex.core.receive;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Which peers are throttled. Each peer has a failure score: every set refused for a fault that is
 * provably the peer's ({@link #SCORED}) adds 1, every verified set takes {@link #SUCCESS_CREDIT}
 * off, and the score halves every {@link #HALF_LIFE}. A peer whose score reaches
 * {@link #THROTTLE_AT} is throttled: its verify queue shrinks to {@link #THROTTLED_QUEUE} sets and
 * its new streams beyond {@link #THROTTLED_STREAMS} are refused at once as
 * {@link RejectReason#THROTTLED}; it is restored when its score falls below {@link #RESTORE_BELOW}
 * (by decay, or by sets that verify). A timeout or a gated duty does not count: both can be this
 * node's doing (its load, its clock). Thread-safe.
 */
final class PeerThrottle {

  /** Refusals that count against a peer. */
  static final Set<RejectReason> SCORED = EnumSet.of(RejectReason.MALFORMED,
      RejectReason.OVERSIZE, RejectReason.UNKNOWN_DUTY, RejectReason.UNDECODABLE,
      RejectReason.INVALID_SIGNATURE, RejectReason.WRONG_SHARE);
  /** Score at which a peer is throttled. */
  static final double THROTTLE_AT = 16;
  /** Score below which a throttled peer is restored. */
  static final double RESTORE_BELOW = 4;
  /** What one verified set takes off the score. */
  static final double SUCCESS_CREDIT = 2;
  /** Time in which the score halves. */
  static final Duration HALF_LIFE = Duration.ofSeconds(10);
  /** Sets a throttled peer may have queued for verification. */
  static final int THROTTLED_QUEUE = 2;
  /** Streams a throttled peer may have in flight and queued; more are refused at open. */
  static final int THROTTLED_STREAMS = 2;

  private static final class Score {
    double value;
    long at;
    boolean throttled;
    long failures;
  }

  private final LongSupplier nanos;
  private final Map<String, Score> scores = new HashMap<>();

  PeerThrottle(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /**
   * Records a set's outcome.
   *
   * @param peer the sender
   * @param accepted whether it verified
   * @param reason the refusal, when refused
   * @return whether the peer's throttled state changed
   */
  synchronized boolean record(String peer, boolean accepted, RejectReason reason) {
    if (!accepted && !SCORED.contains(reason)) {
      return false;
    }
    Score s = decayed(peer);
    if (accepted) {
      s.value = Math.max(0, s.value - SUCCESS_CREDIT);
    } else {
      s.value += 1;
      s.failures++;
    }
    return update(s);
  }

  /**
   * Whether a peer is throttled now.
   *
   * @param peer the peer
   * @return true while throttled
   */
  synchronized boolean throttled(String peer) {
    Score s = scores.get(peer);
    if (s == null || !s.throttled) {
      return false;
    }
    decay(s);
    update(s);
    return s.throttled;
  }

  /**
   * The throttled peers with their scores.
   *
   * @return peer to score, in peer order
   */
  synchronized Map<String, Double> throttledPeers() {
    Map<String, Double> out = new TreeMap<>();
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      Score s = e.getValue();
      decay(s);
      update(s);
      if (s.throttled) {
        out.put(e.getKey(), Math.round(s.value * 10) / 10.0);
      }
    }
    return out;
  }

  /**
   * A peer's score now.
   *
   * @param peer the peer
   * @return the decayed score
   */
  synchronized double score(String peer) {
    Score s = scores.get(peer);
    if (s == null) {
      return 0;
    }
    decay(s);
    return s.value;
  }

  private Score decayed(String peer) {
    Score s = scores.computeIfAbsent(peer, p -> {
      Score n = new Score();
      n.at = nanos.getAsLong();
      return n;
    });
    decay(s);
    return s;
  }

  private void decay(Score s) {
    long now = nanos.getAsLong();
    long dt = now - s.at;
    if (dt > 0) {
      s.value *= Math.pow(0.5, (double) dt / HALF_LIFE.toNanos());
      s.at = now;
    }
  }

  private static boolean update(Score s) {
    boolean was = s.throttled;
    if (!was && s.value >= THROTTLE_AT) {
      s.throttled = true;
    } else if (was && s.value < RESTORE_BELOW) {
      s.throttled = false;
    }
    return was != s.throttled;
  }
}
