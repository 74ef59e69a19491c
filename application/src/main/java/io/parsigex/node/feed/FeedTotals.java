package io.parsigex.node.feed;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parsigex.api.DutyType;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The node's totals since it started, counted from the same events the feed publishes: verified
 * and rejected sets, broadcasts and their per-peer outcomes, by duty type, and rejections by reason
 * and by sending peer. The dashboard seeds its counters from a {@link Snapshot}, through
 * {@code GET /api/v1/dashboard} or the feed's first {@code totals} message.
 *
 * <p>Every count and every feed publication happens while this object's monitor is held (see
 * {@link FeedEventListener}), and a feed client that asks for totals gets its snapshot under the
 * same monitor before any later event: its totals plus the events that follow are exact. Counting
 * allocates nothing for a known sender; memory is bounded by {@link #MAX_PEERS}.
 */
public final class FeedTotals {

  /**
   * Most senders whose rejections are counted under their own peer id; the rejections of any
   * further sender (strangers refused as {@code unknown_peer}, for example) are counted under
   * {@link #OTHER_PEERS}. Cluster members are far fewer.
   */
  public static final int MAX_PEERS = 256;

  /** The peer id under which rejections beyond {@link #MAX_PEERS} senders are counted. */
  public static final String OTHER_PEERS = "other";

  /** The duty label of a rejection that was not readable far enough to have a duty. */
  public static final String UNKNOWN_DUTY = "unknown";

  private static final DutyType[] DUTIES = DutyType.values();
  private static final RejectReason[] REASONS = RejectReason.values();
  private static final int UNKNOWN = DUTIES.length;

  private final Instant since;
  // all guarded by this
  private final long[] received = new long[DUTIES.length + 1];
  private final long[] rejected = new long[DUTIES.length + 1];
  private final long[] broadcasts = new long[DUTIES.length + 1];
  private final long[] sent = new long[DUTIES.length + 1];
  private final long[] failed = new long[DUTIES.length + 1];
  private final long[] byReason = new long[REASONS.length];
  private final Map<String, long[]> byPeer = new HashMap<>();
  private final Map<String, PeerSendsCounter> sendsByPeer = new HashMap<>();

  /**
   * Creates empty totals.
   *
   * @param since when counting starts (the node's start)
   */
  public FeedTotals(Instant since) {
    this.since = Objects.requireNonNull(since, "since");
  }

  /**
   * Counts a verified set.
   *
   * @param type its duty type
   */
  public synchronized void received(DutyType type) {
    received[type.ordinal()]++;
  }

  /**
   * Counts a refused set.
   *
   * @param r the rejection
   */
  public synchronized void rejected(Rejection r) {
    rejected[r.duty().isPresent() ? r.duty().get().type().ordinal() : UNKNOWN]++;
    byReason[r.reason().ordinal()]++;
    long[] peer = byPeer.get(r.senderPeerId());
    if (peer == null) {
      String key = byPeer.size() < MAX_PEERS - 1 ? r.senderPeerId() : OTHER_PEERS;
      peer = byPeer.computeIfAbsent(key, k -> new long[REASONS.length]);
    }
    peer[r.reason().ordinal()]++;
  }

  /**
   * Counts a broadcast and each of its per-peer outcomes.
   *
   * @param b the broadcast
   */
  public synchronized void broadcast(BroadcastResult b) {
    int i = b.duty().type().ordinal();
    broadcasts[i]++;
    Instant now = Instant.now();
    for (PeerOutcome o : b.outcomes()) {
      PeerSendsCounter peer = sendsByPeer.get(o.peerId());
      if (peer == null) {
        String key = sendsByPeer.size() < MAX_PEERS - 1 ? o.peerId() : OTHER_PEERS;
        peer = sendsByPeer.computeIfAbsent(key, k -> new PeerSendsCounter());
      }
      if (o.isSent()) {
        sent[i]++;
        peer.sent++;
      } else {
        failed[i]++;
        peer.failed++;
        peer.lastError = o.error();
        peer.lastErrorAt = now;
      }
    }
  }

  /** One peer's send outcomes; guarded by the totals' monitor. */
  private static final class PeerSendsCounter {
    long sent;
    long failed;
    String lastError;
    Instant lastErrorAt;
  }

  /**
   * The totals now.
   *
   * @return an immutable snapshot
   */
  public synchronized Snapshot snapshot() {
    long[] all = new long[5];
    Map<String, Counts> duties = new LinkedHashMap<>();
    for (int i = 0; i <= DUTIES.length; i++) {
      Counts c = new Counts(received[i], rejected[i], broadcasts[i], sent[i], failed[i]);
      if (c.isZero()) {
        continue;
      }
      duties.put(i == UNKNOWN ? UNKNOWN_DUTY : DUTIES[i].charonName(), c);
      all[0] += c.received();
      all[1] += c.rejected();
      all[2] += c.broadcasts();
      all[3] += c.sent();
      all[4] += c.failed();
    }
    List<ReasonCount> reasons = new ArrayList<>();
    for (RejectReason r : REASONS) {
      if (byReason[r.ordinal()] > 0) {
        reasons.add(new ReasonCount(r.label(), r.fault().label(), byReason[r.ordinal()]));
      }
    }
    List<PeerRejections> peers = new ArrayList<>();
    byPeer.forEach((peer, counts) -> {
      Map<String, Long> m = new LinkedHashMap<>();
      long total = 0;
      for (RejectReason r : REASONS) {
        if (counts[r.ordinal()] > 0) {
          m.put(r.label(), counts[r.ordinal()]);
          total += counts[r.ordinal()];
        }
      }
      peers.add(new PeerRejections(peer, total, m));
    });
    peers.sort((a, b) -> Long.compare(b.count(), a.count()) != 0
        ? Long.compare(b.count(), a.count()) : a.peerId().compareTo(b.peerId()));
    List<PeerSends> sends = new ArrayList<>();
    sendsByPeer.forEach((peer, c) -> sends.add(new PeerSends(peer, c.sent, c.failed,
        c.lastError, c.lastErrorAt == null ? null : FeedSerializer.TIME.format(c.lastErrorAt))));
    sends.sort((a, b) -> a.peerId().compareTo(b.peerId()));
    return new Snapshot(FeedSerializer.TIME.format(since),
        new Counts(all[0], all[1], all[2], all[3], all[4]), duties, reasons, peers, sends);
  }

  /**
   * The node's totals at one moment. Immutable.
   *
   * @param since when counting started, ISO-8601 UTC
   * @param all every duty type together
   * @param duties by duty type (Charon's name, or {@code unknown}); types with nothing counted
   *     are left out
   * @param rejectedByReason rejections by reason, with whose fault the reason is; reasons never
   *     seen are left out
   * @param rejectedByPeer rejections by sending peer, most first
   * @param sendsByPeer this node's broadcasts by receiving peer: sends, failures, the latest error
   */
  public record Snapshot(
      @JsonProperty("since") String since,
      @JsonProperty("all") Counts all,
      @JsonProperty("duties") Map<String, Counts> duties,
      @JsonProperty("rejected_by_reason") List<ReasonCount> rejectedByReason,
      @JsonProperty("rejected_by_peer") List<PeerRejections> rejectedByPeer,
      @JsonProperty("sends_by_peer") List<PeerSends> sendsByPeer) {

    /** Validates and copies. */
    public Snapshot {
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(all, "all");
      duties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(duties));
      rejectedByReason = List.copyOf(rejectedByReason);
      rejectedByPeer = List.copyOf(rejectedByPeer);
      sendsByPeer = List.copyOf(sendsByPeer);
    }
  }

  /**
   * This node's sends to one peer, from its broadcasts. Immutable.
   *
   * @param peerId the receiving peer (or {@link #OTHER_PEERS})
   * @param sent sends that succeeded
   * @param failed sends that failed
   * @param lastError the latest failure's error, null if none failed
   * @param lastErrorAt when that broadcast finished, ISO-8601 UTC; null if none failed
   */
  public record PeerSends(
      @JsonProperty("peer_id") String peerId,
      @JsonProperty("sent") long sent,
      @JsonProperty("failed") long failed,
      @JsonProperty("last_error") String lastError,
      @JsonProperty("last_error_at") String lastErrorAt) {

    /** Validates. */
    public PeerSends {
      Objects.requireNonNull(peerId, "peerId");
    }
  }

  /**
   * Counts of one duty type (or of all). Immutable.
   *
   * @param received verified sets received from peers
   * @param rejected received sets refused
   * @param broadcasts sets this node broadcast
   * @param sent per-peer sends of those broadcasts that succeeded
   * @param failed per-peer sends that failed
   */
  public record Counts(
      @JsonProperty("received") long received,
      @JsonProperty("rejected") long rejected,
      @JsonProperty("broadcasts") long broadcasts,
      @JsonProperty("sent") long sent,
      @JsonProperty("failed") long failed) {

    boolean isZero() {
      return received == 0 && rejected == 0 && broadcasts == 0 && sent == 0 && failed == 0;
    }
  }

  /**
   * Rejections of one reason. Immutable.
   *
   * @param reason the reason's label
   * @param fault {@code peer} or {@code node}
   * @param count how many
   */
  public record ReasonCount(
      @JsonProperty("reason") String reason,
      @JsonProperty("fault") String fault,
      @JsonProperty("count") long count) {}

  /**
   * Rejections of one sending peer. Immutable.
   *
   * @param peerId the sender (or {@link #OTHER_PEERS})
   * @param count all its rejections
   * @param reasons its rejections by reason label
   */
  public record PeerRejections(
      @JsonProperty("peer_id") String peerId,
      @JsonProperty("count") long count,
      @JsonProperty("reasons") Map<String, Long> reasons) {

    /** Copies. */
    public PeerRejections {
      Objects.requireNonNull(peerId, "peerId");
      reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }
  }
}
