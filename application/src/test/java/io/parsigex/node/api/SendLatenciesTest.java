package io.parsigex.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.core.broadcast.SendException;
import io.parsigex.core.broadcast.SendFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Per-peer send latencies: the median of the last sends, the latest, the bounds. */
class SendLatenciesTest {

  @Test
  void theMedianAndTheLatestOfOnePeer() {
    SendLatencies l = new SendLatencies();
    assertThat(l.of("A")).isEqualTo(SendLatencies.Latency.NONE);
    for (long ms : new long[] {5, 1, 3, 100, 2}) {
      l.record("A", Duration.ofMillis(ms));
    }
    SendLatencies.Latency a = l.of("A");
    assertThat(a.sends()).isEqualTo(5);
    assertThat(a.p50Ms()).isEqualTo(3.0); // 1 2 [3] 5 100: one slow send does not move it
    assertThat(a.lastMs()).isEqualTo(2.0);
    assertThat(l.of("B")).isEqualTo(SendLatencies.Latency.NONE);
  }

  @Test
  void onlyTheLastWindowCountsForTheMedian() {
    SendLatencies l = new SendLatencies();
    for (int i = 0; i < SendLatencies.WINDOW; i++) {
      l.record("A", Duration.ofMillis(900));
    }
    for (int i = 0; i < SendLatencies.WINDOW; i++) {
      l.record("A", Duration.ofMillis(4));
    }
    assertThat(l.of("A").p50Ms()).isEqualTo(4.0);
    assertThat(l.of("A").sends()).isEqualTo(2L * SendLatencies.WINDOW);
  }

  @Test
  void peersBeyondTheBoundAreNotTracked() {
    SendLatencies l = new SendLatencies();
    for (int i = 0; i < SendLatencies.MAX_PEERS + 10; i++) {
      l.record("peer-" + i, 1_000_000L);
    }
    assertThat(l.of("peer-0").sends()).isEqualTo(1);
    assertThat(l.of("peer-" + (SendLatencies.MAX_PEERS + 5))).isEqualTo(SendLatencies.Latency.NONE);
  }

  @Test
  void theRecordingSenderRecordsSuccessfulSendsOnly() throws Exception {
    SendLatencies l = new SendLatencies();
    SendLatencies.Recording ok = new SendLatencies.Recording(
        (peer, topic, frame, deadline) -> CompletableFuture.completedFuture(null), l);
    ok.send("A", "parsigex_randao", new byte[1], Duration.ofSeconds(1)).get();
    SendLatencies.Recording failing = new SendLatencies.Recording(
        (peer, topic, frame, deadline) -> CompletableFuture.failedFuture(
            new SendException(SendFailure.TIMEOUT, "no answer", null)), l);
    assertThatThrownBy(() -> failing.send("B", "parsigex_randao", new byte[1],
        Duration.ofSeconds(1)).get()).hasCauseInstanceOf(SendException.class);
    assertThat(l.of("A").sends()).isEqualTo(1);
    assertThat(l.of("A").lastMs()).isNotNegative();
    assertThat(l.of("B")).isEqualTo(SendLatencies.Latency.NONE);
  }

  @Test
  void aLinkSaysHowThePeerIsReached() {
    assertThat(PeerLink.connection(true, false)).isEqualTo("direct");
    assertThat(PeerLink.connection(true, true)).isEqualTo("relayed");
    assertThat(PeerLink.connection(false, true)).isEqualTo("none");
    assertThatThrownBy(() -> new PeerLink("A", 1, "sideways", SendLatencies.Latency.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
