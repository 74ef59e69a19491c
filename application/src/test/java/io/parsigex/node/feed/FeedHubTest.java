package io.parsigex.node.feed;

import static io.parsigex.node.feed.ClientSessionTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.BrokenPlugin;
import io.parsigex.core.testing.TextData;
import io.parsigex.node.events.ParSigReceivedEvent;
import io.parsigex.node.plugins.broken.BrokenCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class FeedHubTest {

  private final ExecutorService senders = Executors.newFixedThreadPool(2);
  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void stop() {
    senders.shutdownNow();
  }

  private FeedHub hub(int maxMessages, int maxClients) {
    return new FeedHub(new FeedProperties(maxMessages, DataSize.ofMegabytes(1),
        Duration.ofSeconds(5), 2, maxClients, null), senders, prometheus);
  }

  private static FeedMessage msg(int i) {
    return FeedMessage.of("received", "{\"i\":" + i + "}", Optional.of(DutyType.RANDAO), Set.of());
  }

  @Test
  void limitsOutsideTheirBoundsAreRefusedNamingTheProperty() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FeedProperties(1,
            DataSize.ofMegabytes(1), Duration.ofSeconds(5), 2, Integer.MAX_VALUE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parsigex.ws.max-clients must be 1.." + FeedProperties.MAX_CLIENTS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FeedProperties(1,
            DataSize.ofMegabytes(1), Duration.ofSeconds(-1), 2, 1, null))
        .hasMessageStartingWith("parsigex.ws.send-timeout must be positive");
    assertThat(FeedProperties.defaults().maxClients())
        .isEqualTo(FeedProperties.DEFAULT_MAX_CLIENTS);
  }

  @Test
  void aStalledClientIsDroppedAndCountedWhileOthersGetEverything() throws Exception {
    FeedHub hub = hub(20, 10);
    ScriptedSession stalled = new ScriptedSession("stalled");
    stalled.holdWrites();
    List<ScriptedSession> healthy = new ArrayList<>();
    hub.register(stalled);
    for (int i = 0; i < 3; i++) {
      ScriptedSession s = new ScriptedSession("ok" + i);
      healthy.add(s);
      hub.register(s);
    }
    assertThat(prometheus.scrape()).contains("parsigex_ws_clients 4.0");

    hub.publish(msg(0));
    assertThat(stalled.firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i < 200; i++) {
      hub.publish(msg(i));
      int sentAtLeast = i - 10; // healthy clients keep up within half their 20-message buffer
      waitFor(() -> healthy.stream().allMatch(s -> s.sent.size() >= sentAtLeast));
    }
    for (ScriptedSession s : healthy) {
      waitFor(() -> s.sent.size() == 200);
      for (int i = 0; i < 200; i++) {
        assertThat(s.sent.get(i)).isEqualTo(msg(i).json());
      }
    }
    for (int i = 0; i < 200; i++) {
      int n = i;
      assertThat(healthy).as("message %d was serialized once and shared", i)
          .allMatch(s -> s.frames.get(n) == healthy.get(0).frames.get(n));
    }
    assertThat(hub.clientCount()).isEqualTo(3);
    String scrape = prometheus.scrape();
    assertThat(scrape).contains("parsigex_ws_clients 3.0");
    assertThat(scrape).contains("parsigex_ws_dropped_clients_total{reason=\"buffer_full\"} 1.0");
    stalled.release();
    assertThat(stalled.closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(stalled.closedWith.getCode()).isEqualTo(1013);
  }

  @Test
  void clientsBeyondTheLimitAreRefusedAndCounted() {
    FeedHub hub = hub(20, 2);
    assertThat(hub.register(new ScriptedSession("a"))).isTrue();
    assertThat(hub.register(new ScriptedSession("b"))).isTrue();
    ScriptedSession third = new ScriptedSession("c");
    assertThat(hub.register(third)).isFalse();
    assertThat(hub.clientCount()).isEqualTo(2);
    assertThat(DropReason.TOO_MANY_CLIENTS.closeStatus().getCode()).isEqualTo(1013);
    assertThat(prometheus.scrape())
        .contains("parsigex_ws_dropped_clients_total{reason=\"too_many_clients\"} 1.0");
    hub.unregister("a");
    assertThat(hub.register(new ScriptedSession("d"))).isTrue();
  }

  /**
   * The event listener, the hub and one client: a received set whose plugin value hangs is skipped
   * within the plugin call timeout (counted against the plugin), the client stays connected, and
   * the next ordinary event reaches it promptly.
   */
  @Test
  void anEventWithAHangingPluginValueIsSkippedAndTheClientKeepsGettingTheRest() throws Exception {
    FeedHub hub = hub(20, 10);
    ScriptedSession client = new ScriptedSession("c");
    hub.register(client);
    try (BrokenPlugin plugin = new BrokenPlugin(Duration.ofMillis(300))) {
      FeedEventListener listener = new FeedEventListener(hub,
          new FeedSerializer(tools.jackson.databind.json.JsonMapper.builder().build(),
              plugin.codecs()), new FeedTotals(Instant.now()));
      PubKey key = PubKey.fromBytes(new byte[PubKey.LENGTH]);
      long t0 = System.nanoTime();
      listener.onReceived(new ParSigReceivedEvent(this, new VerifiedSet("peerA",
          new Duty(3, DutyType.SIGNATURE), ParSignedDataSet.of(key,
              new ParSignedData(new BrokenCodec.BrokenData("json-hangs"), 1)), Map.of(),
          Instant.now(), Duration.ZERO)));
      listener.onReceived(new ParSigReceivedEvent(this, new VerifiedSet("peerB",
          new Duty(3, DutyType.RANDAO), ParSignedDataSet.of(key,
              new ParSignedData(new TextData("ordinary", new byte[96]), 1)), Map.of(),
          Instant.now(), Duration.ZERO)));
      waitFor(() -> client.sent.size() == 1);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2_000));
      assertThat(client.sent.get(0)).contains("\"peer_id\":\"peerB\"").contains("ordinary");
      assertThat(plugin.failures("timeout")).isEqualTo(1.0);
      assertThat(hub.clientCount()).isEqualTo(1);
      assertThat(client.closedWith).isNull();
    }
  }
}
