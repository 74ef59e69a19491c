package io.parsigex.node.feed;

import static io.parsigex.node.feed.ClientSessionTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.PubKey;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.TextData;
import io.parsigex.node.events.ParSigBroadcastEvent;
import io.parsigex.node.events.ParSigReceivedEvent;
import io.parsigex.node.events.ParSigRejectedEvent;
import io.parsigex.node.events.PeerConnectionEvent;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The feed end to end: Spring events in, JSON frames out to a real WebSocket client. */
// A context of its own, closed after the class: a cached one (a demo cluster, relay resolver) would
// keep running beside later tests.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.mode=demo", "parsigex.plugins.dir=target/no-such-plugin-dir",
        "parsigex.verification.enabled=false", "parsigex.demo.signing=false"})
class FeedWebSocketTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PEER = "16Uiu2HAm5tRrXwCk4UHsdGCPbX1ZfLxm5B6pSuTvYc3oGzC2wXqR";

  @LocalServerPort int port;
  @Autowired ApplicationEventPublisher events;
  @Autowired MeterRegistry meters;
  @Autowired FeedHub hub;
  private final JsonMapper json = JsonMapper.builder().build();

  static VerifiedSet verified(String peer, long slot, DutyType type, PubKey key, int share) {
    return new VerifiedSet(peer, new Duty(slot, type),
        ParSignedDataSet.of(key, new ParSignedData(new TextData("slot " + slot, new byte[96]), share)),
        Map.of(key, PayloadEncoding.SSZ), Instant.parse("2026-11-23T20:00:00.123Z"),
        Duration.ofMillis(3));
  }

  private JsonNode nextJson(FeedClient c) throws InterruptedException {
    return json.readTree(c.next(WAIT));
  }

  private double invalidMessages() {
    return meters.get(FeedHub.INVALID_METER).counter().count();
  }

  private void awaitClients(int n) throws InterruptedException {
    waitFor(() -> hub.clientCount() == n);
  }

  @Test
  void everyEventKindReachesTheClientAsDocumentedJson() throws Exception {
    PubKey key = FeedSerializerTest.key(11);
    try (FeedClient c = FeedClient.connect(HTTP, port)) {
      awaitClients(1);
      assertThat(meters.get(FeedHub.CLIENTS_METER).gauge().value()).isEqualTo(1.0);

      events.publishEvent(new PeerConnectionEvent(this, PEER, true));
      JsonNode peer = nextJson(c);
      assertThat(peer.get("type").stringValue()).isEqualTo("peer");
      assertThat(peer.get("peer_id").stringValue()).isEqualTo(PEER);
      assertThat(peer.get("connected").booleanValue()).isTrue();

      events.publishEvent(new ParSigReceivedEvent(this, verified(PEER, 123, DutyType.RANDAO, key, 2)));
      JsonNode rec = nextJson(c);
      assertThat(rec.get("type").stringValue()).isEqualTo("received");
      assertThat(rec.get("duty").get("slot").stringValue()).isEqualTo("123");
      assertThat(rec.get("duty").get("type").stringValue()).isEqualTo("randao");
      JsonNode entry = rec.get("set").get(key.wireKey());
      assertThat(entry.get("share_idx").intValue()).isEqualTo(2);
      assertThat(entry.get("signature").stringValue()).isEqualTo("0x" + "00".repeat(96));
      assertThat(entry.get("encoding").stringValue()).isEqualTo("ssz");
      assertThat(entry.get("data").get("text").stringValue()).isEqualTo("slot 123");
      assertThat(rec.get("received_at").stringValue()).isEqualTo("2026-11-23T20:00:00.123Z");

      events.publishEvent(new ParSigRejectedEvent(this, new Rejection(PEER,
          Optional.of(new Duty(124, DutyType.ATTESTER)), RejectReason.GATED,
          "duty attester/124 is too old", Instant.now())));
      JsonNode rej = nextJson(c);
      assertThat(rej.get("type").stringValue()).isEqualTo("rejected");
      assertThat(rej.get("reason").stringValue()).isEqualTo("gated");
      assertThat(rej.get("duty").get("slot").stringValue()).isEqualTo("124");

      events.publishEvent(new ParSigBroadcastEvent(this, new BroadcastResult(
          new Duty(125, DutyType.PROPOSER),
          ParSignedDataSet.of(key, new ParSignedData(new TextData("b", new byte[96]), 1)),
          List.of(PeerOutcome.sent(PEER)))));
      JsonNode bc = nextJson(c);
      assertThat(bc.get("type").stringValue()).isEqualTo("broadcast");
      assertThat(bc.get("results").get(0).get("outcome").stringValue()).isEqualTo("sent");
      assertThat(bc.get("results").get(0).has("error")).isTrue();
      assertThat(bc.get("results").get(0).get("error").isNull()).as("a sent result's error")
          .isTrue();
    }
    awaitClients(0);
  }

  @Test
  void aClientFilterKeepsOnlyWhatItAskedFor() throws Exception {
    PubKey wanted = FeedSerializerTest.key(21);
    PubKey other = FeedSerializerTest.key(22);
    try (FeedClient filtered = FeedClient.connect(HTTP, port);
        FeedClient all = FeedClient.connect(HTTP, port)) {
      awaitClients(2);
      filtered.send("{\"filter\":{\"duty_types\":[\"attester\"],\"pubkeys\":[\""
          + wanted.wireKey() + "\"]}}");
      JsonNode ack = nextJson(filtered);
      assertThat(ack.get("type").stringValue()).isEqualTo("filter");
      assertThat(ack.get("duty_types").get(0).stringValue()).isEqualTo("attester");
      assertThat(ack.get("pubkeys").get(0).stringValue()).isEqualTo(wanted.wireKey());

      events.publishEvent(new ParSigReceivedEvent(this, verified(PEER, 1, DutyType.PROPOSER, wanted, 1)));
      events.publishEvent(new ParSigReceivedEvent(this, verified(PEER, 2, DutyType.ATTESTER, other, 1)));
      events.publishEvent(new ParSigReceivedEvent(this, verified(PEER, 3, DutyType.ATTESTER, wanted, 1)));
      events.publishEvent(new PeerConnectionEvent(this, PEER, false));

      assertThat(nextJson(all).get("duty").get("slot").stringValue()).isEqualTo("1");
      assertThat(nextJson(all).get("duty").get("slot").stringValue()).isEqualTo("2");
      assertThat(nextJson(all).get("duty").get("slot").stringValue()).isEqualTo("3");
      assertThat(nextJson(all).get("type").stringValue()).isEqualTo("peer");
      // The filtered client saw only slot 3 and the peer message, in order.
      assertThat(nextJson(filtered).get("duty").get("slot").stringValue()).isEqualTo("3");
      assertThat(nextJson(filtered).get("type").stringValue()).isEqualTo("peer");

      double invalidBefore = invalidMessages();
      filtered.send("{\"filter\":{\"duty_types\":[\"atester\"]}}");
      JsonNode err = nextJson(filtered);
      assertThat(err.get("type").stringValue()).isEqualTo("error");
      assertThat(err.get("error").stringValue()).contains("atester");
      assertThat(invalidMessages()).isEqualTo(invalidBefore + 1);
      filtered.send("{\"filter\":{}}");
      assertThat(nextJson(filtered).get("type").stringValue()).isEqualTo("filter");
      events.publishEvent(new ParSigReceivedEvent(this, verified(PEER, 4, DutyType.PROPOSER, other, 1)));
      assertThat(nextJson(filtered).get("duty").get("slot").stringValue()).isEqualTo("4");
    }
  }

  @Test
  void anOversizedClientMessageClosesOnlyThatClient() throws Exception {
    try (FeedClient bad = FeedClient.connect(HTTP, port);
        FeedClient good = FeedClient.connect(HTTP, port)) {
      awaitClients(2);
      double invalidBefore = invalidMessages();
      bad.send("x".repeat(FeedFilter.MAX_FILTER_MESSAGE_BYTES + 10));
      assertThat(bad.closeCode.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(1009);
      waitFor(() -> invalidMessages() == invalidBefore + 1);
      assertThat(invalidMessages()).isEqualTo(invalidBefore + 1);
      try (FeedClient binary = FeedClient.connect(HTTP, port)) {
        binary.sendBinary(new byte[] {1, 2, 3});
        assertThat(binary.closeCode.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
            .isEqualTo(1003);
        waitFor(() -> invalidMessages() == invalidBefore + 2);
      }
      events.publishEvent(new PeerConnectionEvent(this, PEER, true));
      assertThat(nextJson(good).get("type").stringValue()).isEqualTo("peer");
    }
  }
}
