package io.parsigex.node.feed;

import static io.parsigex.node.feed.ClientSessionTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.broadcast.SendFailure;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.testing.TextData;
import io.parsigex.node.events.ParSigBroadcastEvent;
import io.parsigex.node.events.ParSigReceivedEvent;
import io.parsigex.node.events.ParSigRejectedEvent;
import io.parsigex.node.events.PeerConnectionEvent;
import io.parsigex.testsupport.NodeJs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The feed as another team's JavaScript dashboard sees it: Node 22's own WebSocket client
 * ({@code ws-feed-client.mjs}) checks every documented field independently, including a slot at
 * the top of the uint64 range and a server-side filter.
 */
// A context of its own, closed after the class: a cached one (a demo cluster, relay resolver) would
// keep running beside later tests.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.mode=demo", "parsigex.plugins.dir=target/no-such-plugin-dir",
        "parsigex.verification.enabled=false", "parsigex.demo.signing=false"})
class FeedJsClientTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PEER = "16Uiu2HAm5tRrXwCk4UHsdGCPbX1ZfLxm5B6pSuTvYc3oGzC2wXqR";

  @LocalServerPort int port;
  @Autowired ApplicationEventPublisher events;
  @Autowired FeedHub hub;

  @Test
  void aNodeWebSocketClientReadsEveryMessageKindAsDocumented() throws Exception {
    NodeJs js = NodeJs.get();
    PubKey key = FeedSerializerTest.key(31);
    String filter = "{\"filter\":{\"duty_types\":[\"randao\",\"proposer\",\"attester\"]}}";
    try (NodeJs.JsProcess client = js.start("ws-feed-client.mjs",
        "ws://127.0.0.1:" + port + FeedEndpoint.PATH, "6", filter)) {
      client.awaitLine("OPEN", WAIT);
      client.awaitLine("OK filter", WAIT);
      waitFor(() -> hub.clientCount() == 1);
      events.publishEvent(new PeerConnectionEvent(this, PEER, true));
      events.publishEvent(new ParSigReceivedEvent(this,
          FeedWebSocketTest.verified(PEER, -1L, DutyType.RANDAO, key, 3)));
      events.publishEvent(new ParSigReceivedEvent(this,
          FeedWebSocketTest.verified(PEER, 77, DutyType.SYNC_MESSAGE, key, 3))); // filtered out
      events.publishEvent(new ParSigRejectedEvent(this, new Rejection(PEER, Optional.empty(),
          RejectReason.MALFORMED, "frame longer than 128 MiB", Instant.now())));
      events.publishEvent(new ParSigBroadcastEvent(this, new BroadcastResult(
          new Duty(78, DutyType.PROPOSER),
          ParSignedDataSet.of(key, new ParSignedData(new TextData("b", new byte[96]), 1)),
          List.of(PeerOutcome.sent(PEER),
              PeerOutcome.failed("16Uiu2HAmOther", SendFailure.DIAL_FAILED, "connection refused")))));
      events.publishEvent(new ParSigReceivedEvent(this,
          FeedWebSocketTest.verified(PEER, 79, DutyType.ATTESTER, key, 3)));

      String out = client.awaitExit(WAIT);
      assertThat(out).doesNotContain("BAD");
      assertThat(out.lines().filter(l -> l.startsWith("OK ")).toList()).containsExactly(
          "OK filter -",
          "OK peer " + PEER + " true",
          "OK received randao/18446744073709551615",
          "OK rejected -",
          "OK broadcast proposer/78",
          "OK received attester/79");
    }
  }
}
