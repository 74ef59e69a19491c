package io.parsigex.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.DutyType;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.node.events.ParSigRejectedEvent;
import io.parsigex.node.events.ParSigSubscriptions;
import io.parsigex.node.runtime.NodeRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;

/**
 * The main job with no cluster configuration: the demo cluster of 4 members on loopback, real BLS
 * partial signatures verified by the bls-verifier plugin loaded from the built plugin folder.
 */
// A context of its own, closed after the class: a cached one (a demo cluster, relay resolver) would
// keep running beside later tests.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.mode=demo", "parsigex.plugins.dir=target/plugins", "parsigex.demo.slot-duration=1s",
        "parsigex.api.token=secret"})
class ParsigexApplicationTest {

  @LocalServerPort int port;
  @Autowired ParSigSubscriptions subscriptions;
  @Autowired NodeRuntime runtime;
  @Autowired Rejections rejections;

  @TestConfiguration
  static class Rejections {
    final List<ParSigRejectedEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ParSigRejectedEvent e) {
      events.add(e);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void demoClusterExchangesAndVerifiesEveryDutyFromEveryPeer() throws Exception {
    Set<String> senders = ConcurrentHashMap.newKeySet();
    Set<DutyType> duties = ConcurrentHashMap.newKeySet();
    try (AutoCloseable sub = subscriptions.subscribe((VerifiedSet s) -> {
      senders.add(s.senderPeerId());
      duties.add(s.duty().type());
    })) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < end && (senders.size() < 3 || duties.size() < 6)) {
        Thread.sleep(100);
      }
    }
    assertThat(senders).hasSize(3).doesNotContain(runtime.peerId().toString());
    assertThat(duties).containsExactlyInAnyOrder(DutyType.RANDAO, DutyType.PROPOSER,
        DutyType.ATTESTER, DutyType.SYNC_MESSAGE, DutyType.PREPARE_AGGREGATOR,
        DutyType.AGGREGATOR);
    assertThat(rejections.events).isEmpty();
    assertThat(runtime.verificationEnabled()).isTrue();
  }

  @Test
  void servesHealthNodeInfoAndMetrics() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"parsigex\"").contains("\"mode\":\"demo\"")
        .contains("\"verification\":\"enabled\"");
    HttpResponse<String> node = get("/api/v1/node");
    assertThat(node.statusCode()).isEqualTo(200);
    assertThat(node.body()).contains("\"peer_id\":\"" + runtime.peerId() + "\"")
        .contains("\"share_index\":1").contains("\"share_index\":4");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String prom = "";
    // The received series exist at zero from startup: wait for counted sets and sends.
    while (System.nanoTime() < end && !(prom.contains("p2p_send_duration_seconds_bucket")
        && prom.matches("(?s).*\\nparsigex_received_total\\{[^}]*} [1-9].*"))) {
      prom = get("/actuator/prometheus").body();
      Thread.sleep(200);
    }
    assertThat(prom).contains("core_parsigex_set_verification_seconds_bucket")
        .contains("le=\"0.005\"")
        .contains("parsigex_received_total{duty=")
        .contains("parsigex_broadcast_total{duty=")
        .contains("p2p_send_duration_seconds_bucket")
        .contains("parsigex_connected_peers")
        .containsPattern("(?m)^parsigex_received_total\\{[^}]*} [1-9]");
    // Node 0's send durations are its own sends to the other members, not the demo members'
    // sends to node 0.
    // (Charon's app_peerinfo_* series do name node 0 itself, as Charon's do.)
    assertThat(prom.lines().filter(l -> l.startsWith("p2p_send_duration_seconds"))
        .filter(l -> l.contains("peer=\"" + runtime.peerId() + "\""))).isEmpty();
    assertThat(prom).contains("p2p_send_duration_seconds_bucket{");
  }

  @Test
  void payloadsDecodeAndEncodeAndErrorsAreJson() throws Exception {
    String randao = "{\"epoch\":\"3\",\"signature\":\"0x" + "bb".repeat(96) + "\"}";
    HttpResponse<String> enc = post("/api/v1/payloads/encode",
        "{\"duty_type\":\"randao\",\"data\":" + randao + "}", null);
    assertThat(enc.statusCode()).isEqualTo(200);
    assertThat(enc.body()).contains("\"encoding\":\"json\"")
        .contains("\"message_root\":\"0x0300000000000000000000000000000000000000000000000000000000000000\"");
    String b64 = enc.body().replaceAll(".*\"data_base64\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> dec = post("/api/v1/payloads/decode",
        "{\"duty_type\":\"randao\",\"data_base64\":\"" + b64 + "\"}", null);
    assertThat(dec.statusCode()).isEqualTo(200);
    assertThat(dec.body()).contains("\"type\":\"SignedRandao\"").contains("\"epoch\":\"3\"");

    HttpResponse<String> bad = post("/api/v1/payloads/decode",
        "{\"duty_type\":\"attester\",\"data_base64\":\"AAEC\"}", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).startsWith("{\"error\":");
    assertThat(post("/api/v1/payloads/decode", "not json", null).statusCode()).isEqualTo(400);
    assertThat(post("/api/v1/payloads/encode", "{\"duty_type\":\"nope\",\"data\":{}}", null)
        .body()).contains("unknown duty type");
  }

  @Test
  void broadcastNeedsTheTokenAndReportsEveryPeer() throws Exception {
    String body = "{\"duty\":{\"slot\":\"5\",\"type\":\"randao\"},\"set\":{\"0x" + "aa".repeat(48)
        + "\":{\"share_idx\":1,\"data\":{\"epoch\":\"0\",\"signature\":\"0x" + "bb".repeat(96)
        + "\"}}}}";
    assertThat(post("/api/v1/parsigex/broadcast", body, null).statusCode()).isEqualTo(401);
    assertThat(post("/api/v1/parsigex/broadcast", body, "wrong").statusCode()).isEqualTo(403);
    HttpResponse<String> ok = post("/api/v1/parsigex/broadcast", body, "secret");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"results\"");
    assertThat(ok.body().split("\"outcome\":\"sent\"", -1)).hasSize(4);
    // The peers refuse it: the pubkey is not a cluster validator.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < end) {
      Thread.sleep(50);
    }
  }
}
