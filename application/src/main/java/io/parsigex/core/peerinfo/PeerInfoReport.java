package io.parsigex.core.peerinfo;

import io.parsigex.libp2p.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A member's latest answer to our peerinfo request, with what Charon derives from it. Immutable.
 *
 * @param peer the member
 * @param info what it said
 * @param rtt from writing our request to reading its answer
 * @param clockOffset its {@code sent_at} minus our clock at the moment it answered (now minus half
 *     the round trip), clamped to ±{@link #MAX_CLOCK_OFFSET} as Charon's metric is
 * @param receivedAt when we read the answer
 * @param lockHashMatches whether its lock hash equals ours
 * @param builderApiMatches whether its builder-API flag equals ours
 */
public record PeerInfoReport(PeerId peer, PeerInfoMessage info, Duration rtt,
    Duration clockOffset, Instant receivedAt, boolean lockHashMatches,
    boolean builderApiMatches) {

  /** Charon's clamp of the clock offset. */
  public static final Duration MAX_CLOCK_OFFSET = Duration.ofHours(1);

  /** Validates. */
  public PeerInfoReport {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(clockOffset, "clockOffset");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /**
   * Charon's clock offset: the answer's {@code sent_at} minus (the receive time minus half the
   * round trip), clamped to ±{@link #MAX_CLOCK_OFFSET}.
   *
   * @param sentAt the peer's {@code sent_at}
   * @param receivedAt when we read the answer
   * @param rtt the round trip
   * @return the offset
   */
  public static Duration clockOffset(Instant sentAt, Instant receivedAt, Duration rtt) {
    Duration d = Duration.between(receivedAt.minus(rtt.dividedBy(2)), sentAt);
    if (d.compareTo(MAX_CLOCK_OFFSET) > 0) {
      return MAX_CLOCK_OFFSET;
    }
    if (d.compareTo(MAX_CLOCK_OFFSET.negated()) < 0) {
      return MAX_CLOCK_OFFSET.negated();
    }
    return d;
  }
}
