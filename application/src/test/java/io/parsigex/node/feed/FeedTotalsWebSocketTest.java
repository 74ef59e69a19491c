package io.parsigex.node.feed;

import static io.parsigex.node.feed.ClientSessionTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.node.events.ParSigReceivedEvent;
import io.parsigex.node.events.ParSigRejectedEvent;
import io.parsigex.node.runtime.NodeRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's totals on {@code GET /api/v1/dashboard} and as the feed's first message
 * ({@code ?totals=true}): the same numbers, exact with respect to the messages that follow even
 * while events are being published, and per-peer links with send latencies from real sends.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.mode=demo", "parsigex.plugins.dir=target/no-such-plugin-dir",
        "parsigex.verification.enabled=false", "parsigex.demo.signing=false",
        "parsigex.api.token=secret"})
class FeedTotalsWebSocketTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PEER = "16Uiu2HAm5tRrXwCk4UHsdGCPbX1ZfLxm5B6pSuTvYc3oGzC2wXqR";

  @LocalServerPort int port;
  @Autowired ApplicationEventPublisher events;
  @Autowired FeedHub hub;
  @Autowired NodeRuntime runtime;
  private final JsonMapper json = JsonMapper.builder().build();

  private JsonNode dashboard() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/v1/dashboard")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private void received(long slot) {
    events.publishEvent(new ParSigReceivedEvent(this,
        FeedWebSocketTest.verified(PEER, slot, DutyType.ATTESTER, FeedSerializerTest.key(3), 2)));
  }

  @Test
  void theFeedsTotalsEqualTheRestTotalsAndTheMessagesAfterThemAddUp() throws Exception {
    JsonNode before = dashboard().get("totals");
    received(1);
    received(2);
    events.publishEvent(new ParSigRejectedEvent(this, new Rejection(PEER,
        Optional.of(new Duty(3, DutyType.RANDAO)), RejectReason.INVALID_SIGNATURE, "bad",
        Instant.now())));
    JsonNode rest = dashboard();
    JsonNode t = rest.get("totals");
    assertThat(t.get("all").get("received").longValue())
        .isEqualTo(before.get("all").get("received").longValue() + 2);
    assertThat(t.get("all").get("rejected").longValue())
        .isEqualTo(before.get("all").get("rejected").longValue() + 1);
    assertThat(t.get("duties").get("attester").get("received").longValue()).isPositive();
    JsonNode byReason = null;
    for (JsonNode r : t.get("rejected_by_reason")) {
      if (r.get("reason").stringValue().equals("invalid_signature")) {
        byReason = r;
      }
    }
    assertThat(byReason).isNotNull();
    assertThat(byReason.get("fault").stringValue()).isEqualTo("peer");
    assertThat(t.get("rejected_by_peer").get(0).get("peer_id").stringValue()).isEqualTo(PEER);
    assertThat(t.get("rejected_by_peer").get(0).get("reasons").get("invalid_signature").longValue())
        .isPositive();
    assertThat(rest.get("peer_id").stringValue()).isEqualTo(runtime.peerId().toString());
    assertThat(rest.get("plugins").get("status").stringValue()).isEqualTo("UP");
    assertThat(rest.get("plugins").get("loaded")).isEmpty();

    // With ?totals=true the first message is the same totals; without it, no totals message.
    try (FeedClient c = FeedClient.connect(HTTP, port, "?totals=true", null);
        FeedClient plain = FeedClient.connect(HTTP, port)) {
      JsonNode first = json.readTree(c.next(WAIT));
      assertThat(first.get("type").stringValue()).isEqualTo("totals");
      assertThat(first.get("all")).isEqualTo(t.get("all"));
      assertThat(first.get("rejected_by_peer")).isEqualTo(t.get("rejected_by_peer"));
      waitFor(() -> hub.clientCount() == 2);
      received(4);
      assertThat(json.readTree(c.next(WAIT)).get("type").stringValue()).isEqualTo("received");
      assertThat(json.readTree(plain.next(WAIT)).get("type").stringValue())
          .isEqualTo("received");
    }
  }

  @Test
  void totalsTakenWhileEventsArePublishedArePreciseForTheMessagesThatFollow() throws Exception {
    AtomicBoolean run = new AtomicBoolean(true);
    Thread publisher = new Thread(() -> {
      try {
        for (long slot = 1_000; run.get() && slot < 1_000_000; slot++) {
          received(slot);
          if (slot % 5 == 0) {
            Thread.sleep(1); // well within a client's buffer of 4,096 messages
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "test-publisher");
    publisher.start();
    FeedClient c;
    try {
      Thread.sleep(200);
      c = FeedClient.connect(HTTP, port, "?totals=true", null);
      Thread.sleep(300);
    } finally {
      run.set(false);
      publisher.join(TimeUnit.SECONDS.toMillis(20));
    }
    try (c) {
      long total = dashboard().get("totals").get("all").get("received").longValue();
      JsonNode first = json.readTree(c.next(WAIT));
      assertThat(first.get("type").stringValue()).isEqualTo("totals");
      long seen = first.get("all").get("received").longValue();
      assertThat(seen).as("sets published before the client connected").isPositive();
      while (seen < total) {
        String m = c.next(WAIT);
        if (json.readTree(m).get("type").stringValue().equals("received")) {
          seen++;
        }
      }
      assertThat(seen).isEqualTo(total);
      assertThat(c.messages.poll(300, TimeUnit.MILLISECONDS)).as("no message beyond the totals")
          .isNull();
    }
  }

  @Test
  void eachPeerHasItsConnectionAndItsSendLatencyAfterABroadcast() throws Exception {
    waitFor(() -> runtime.connectedPeers() == 3);
    String body = "{\"duty\":{\"slot\":\"5\",\"type\":\"randao\"},\"set\":{\"0x" + "aa".repeat(48)
        + "\":{\"share_idx\":1,\"data\":{\"epoch\":\"0\",\"signature\":\"0x" + "bb".repeat(96)
        + "\"}}}}";
    HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/parsigex/broadcast"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer secret")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    long end = System.nanoTime() + WAIT.toNanos();
    JsonNode d = dashboard();
    while (d.get("totals").get("sends_by_peer").size() < 3 && System.nanoTime() < end) {
      Thread.sleep(50);
      d = dashboard();
    }
    assertThat(d.get("peers")).hasSize(3).allSatisfy(p -> {
      assertThat(p.get("connection").stringValue()).isEqualTo("direct");
      assertThat(p.get("share_index").intValue()).isBetween(2, 4);
      assertThat(p.get("send").get("sends").longValue()).isPositive();
      assertThat(p.get("send").get("p50_ms").doubleValue()).isPositive();
      assertThat(p.get("send").get("last_ms").doubleValue()).isPositive();
    });
    assertThat(d.get("totals").get("sends_by_peer")).hasSize(3).allSatisfy(s -> {
      assertThat(s.get("sent").longValue()).isPositive();
      assertThat(s.get("last_error").isNull()).isTrue();
    });
  }
}
