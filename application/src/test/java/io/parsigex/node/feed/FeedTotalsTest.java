package io.parsigex.node.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.broadcast.SendFailure;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.testing.TextData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The node's totals: by duty, rejections by reason (with fault) and peer, sends by peer, bounds. */
class FeedTotalsTest {

  private static final Instant START = Instant.parse("2026-12-04T20:00:00Z");

  private static Rejection rejection(String peer, Optional<Duty> duty, RejectReason reason) {
    return new Rejection(peer, duty, reason, "why", START);
  }

  @Test
  void countsByDutyReasonPeerAndSendOutcome() {
    FeedTotals t = new FeedTotals(START);
    t.received(DutyType.ATTESTER);
    t.received(DutyType.ATTESTER);
    t.received(DutyType.RANDAO);
    t.rejected(rejection("A", Optional.of(new Duty(5, DutyType.ATTESTER)),
        RejectReason.INVALID_SIGNATURE));
    t.rejected(rejection("A", Optional.empty(), RejectReason.MALFORMED));
    t.rejected(rejection("B", Optional.of(new Duty(5, DutyType.RANDAO)),
        RejectReason.PLUGIN_TIMEOUT));
    t.broadcast(new BroadcastResult(new Duty(6, DutyType.RANDAO),
        ParSignedDataSet.of(FeedSerializerTest.key(1),
            new ParSignedData(new TextData("x", new byte[96]), 1)),
        List.of(PeerOutcome.sent("A"), PeerOutcome.failed("B", SendFailure.TIMEOUT,
            "no answer within 7s"))));

    FeedTotals.Snapshot s = t.snapshot();
    assertThat(s.since()).isEqualTo("2026-12-04T20:00:00.000Z");
    assertThat(s.all()).isEqualTo(new FeedTotals.Counts(3, 3, 1, 1, 1));
    assertThat(s.duties()).containsOnlyKeys("attester", "randao", "unknown");
    assertThat(s.duties().get("attester")).isEqualTo(new FeedTotals.Counts(2, 1, 0, 0, 0));
    assertThat(s.duties().get("randao")).isEqualTo(new FeedTotals.Counts(1, 1, 1, 1, 1));
    assertThat(s.duties().get("unknown")).isEqualTo(new FeedTotals.Counts(0, 1, 0, 0, 0));
    // each reason with whose fault it is: a plugin's timeout is the node's, never the peer's
    assertThat(s.rejectedByReason()).containsExactly(
        new FeedTotals.ReasonCount("malformed", "peer", 1),
        new FeedTotals.ReasonCount("invalid_signature", "peer", 1),
        new FeedTotals.ReasonCount("plugin_timeout", "node", 1));
    assertThat(s.rejectedByPeer()).containsExactly(
        new FeedTotals.PeerRejections("A", 2, Map.of("malformed", 1L, "invalid_signature", 1L)),
        new FeedTotals.PeerRejections("B", 1, Map.of("plugin_timeout", 1L)));
    assertThat(s.sendsByPeer()).hasSize(2);
    assertThat(s.sendsByPeer().get(0)).isEqualTo(new FeedTotals.PeerSends("A", 1, 0, null, null));
    FeedTotals.PeerSends b = s.sendsByPeer().get(1);
    assertThat(b.peerId()).isEqualTo("B");
    assertThat(b.failed()).isEqualTo(1);
    assertThat(b.lastError()).isEqualTo("no answer within 7s");
    assertThat(b.lastErrorAt()).isNotNull();
    // a snapshot is a value: later counts do not change it
    t.received(DutyType.ATTESTER);
    assertThat(s.all().received()).isEqualTo(3);
    assertThat(t.snapshot().all().received()).isEqualTo(4);
  }

  @Test
  void emptyTotalsHaveNoDutiesAndNoBreakdown() {
    FeedTotals.Snapshot s = new FeedTotals(START).snapshot();
    assertThat(s.all()).isEqualTo(new FeedTotals.Counts(0, 0, 0, 0, 0));
    assertThat(s.duties()).isEmpty();
    assertThat(s.rejectedByReason()).isEmpty();
    assertThat(s.rejectedByPeer()).isEmpty();
    assertThat(s.sendsByPeer()).isEmpty();
  }

  @Test
  void strangersBeyondTheBoundShareOneEntryAndNothingIsLost() {
    FeedTotals t = new FeedTotals(START);
    int senders = FeedTotals.MAX_PEERS * 4;
    for (int i = 0; i < senders; i++) {
      t.rejected(rejection("stranger-" + i, Optional.empty(), RejectReason.UNKNOWN_PEER));
    }
    FeedTotals.Snapshot s = t.snapshot();
    assertThat(s.rejectedByPeer()).hasSize(FeedTotals.MAX_PEERS);
    assertThat(s.rejectedByPeer().get(0).peerId()).isEqualTo(FeedTotals.OTHER_PEERS);
    assertThat(s.rejectedByPeer().get(0).count()).isEqualTo(senders - FeedTotals.MAX_PEERS + 1);
    assertThat(s.rejectedByPeer().stream().mapToLong(FeedTotals.PeerRejections::count).sum())
        .isEqualTo(senders);
    assertThat(s.all().rejected()).isEqualTo(senders);
  }
}
