package io.parsigex.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.node.runtime.NodeRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node against the README's Interfaces section, on a quiet demo node (no verifier, no demo signing): every
 * documented metric is on {@code /actuator/prometheus} before the first set, the REST calls answer
 * malformed requests with 4xx JSON (never 500), and input refused below the parsigex protocol (a
 * peer that is not a cluster member) is counted in a metric and reported on health.
 */
// A context of its own, closed after the class: a cached one (a demo cluster, relay resolver) would
// keep running beside later tests.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.mode=demo", "parsigex.plugins.dir=target/no-such-plugin-dir",
        "parsigex.verification.enabled=false", "parsigex.demo.signing=false",
        "parsigex.api.token=secret", "parsigex.api.max-request-size=1MB"})
class InterfacesContractTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PUBKEY = "0x" + "aa".repeat(48);
  private static final String RANDAO = "{\"epoch\":\"3\",\"signature\":\"0x" + "bb".repeat(96)
      + "\"}";

  @LocalServerPort int port;
  @Autowired NodeRuntime runtime;
  private final JsonMapper json = JsonMapper.builder().build();

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String contentType, String body)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", contentType).header("Authorization", "Bearer secret")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double sample(String prom, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(prom);
    assertThat(m.find()).as("series %s on /actuator/prometheus", series).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private JsonNode parsigexHealth() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    return json.readTree(health.body()).get("components").get("parsigex");
  }

  @Test
  void everyDocumentedMetricIsThereBeforeTheFirstSet() throws Exception {
    String prom = get("/actuator/prometheus").body();
    assertThat(sample(prom, "parsigex_received_total{duty=\"randao\"}")).isZero();
    // every reason with its fault: the peer's, or the node's own (plugins, capacity, bugs)
    assertThat(sample(prom, "parsigex_rejected_total{duty=\"attester\",fault=\"peer\","
        + "reason=\"invalid_signature\"}")).isZero();
    assertThat(sample(prom, "parsigex_rejected_total{duty=\"signature\",fault=\"node\","
        + "reason=\"plugin_failed\"}")).isZero();
    assertThat(sample(prom, "parsigex_rejected_total{duty=\"randao\",fault=\"node\","
        + "reason=\"plugin_timeout\"}")).isZero();
    assertThat(sample(prom, "parsigex_rejected_total{duty=\"randao\",fault=\"node\","
        + "reason=\"internal\"}")).isZero();
    assertThat(sample(prom, "parsigex_rejected_total{duty=\"attester\",fault=\"peer\","
        + "reason=\"wrong_share\"}")).isZero();
    assertThat(sample(prom, "parsigex_rejected_total{duty=\"unknown\",fault=\"peer\","
        + "reason=\"malformed\"}")).isZero();
    assertThat(prom).doesNotContain("fault=\"peer\",reason=\"plugin_")
        .doesNotContain("fault=\"node\",reason=\"invalid_signature\"");
    // each extension point's own worker pool
    assertThat(sample(prom, "parsigex_plugin_workers{point=\"verifier\"}")).isPositive();
    assertThat(sample(prom, "parsigex_plugin_abandoned_threads{point=\"gater\"}")).isZero();
    assertThat(sample(prom, "parsigex_broadcast_total{duty=\"proposer\",outcome=\"failed\"}"))
        .isZero();
    assertThat(sample(prom,
        "core_parsigex_set_verification_seconds_bucket{duty=\"sync_message\",le=\"0.005\"}"))
        .isZero();
    assertThat(prom).contains("parsigex_connected_peers ").contains("parsigex_configured_peers ")
        .contains("parsigex_ws_dropped_clients_total{reason=\"buffer_full\"}")
        .doesNotContain("duty=\"info_sync\"").doesNotContain("duty=\"builder_proposer\"");
    // What is refused or lost outside a set is counted too (the gated-peer test may run first).
    for (String series : List.of("parsigex_dropped_events_total{queue=\"receive\"}",
        "parsigex_dropped_events_total{queue=\"events\"}", "parsigex_refused_streams_total",
        "parsigex_p2p_gated_connections_total", "parsigex_p2p_handshake_failures_total",
        "parsigex_p2p_stream_negotiation_failures_total", "parsigex_p2p_refused_connections_total",
        "parsigex_p2p_connection_errors_total", "parsigex_p2p_relay_resolution_failures_total",
        "parsigex_p2p_refused_relay_stops_total",
        "parsigex_p2p_preauth_refused_total{reason=\"per_ip\"}",
        "parsigex_p2p_preauth_refused_total{reason=\"handshake_timeout\"}",
        "parsigex_p2p_preauth_pending",
        "parsigex_p2p_yamux_refused_streams_total{fault=\"peer\",reason=\"stream_limit\"}",
        "parsigex_p2p_yamux_refused_streams_total{fault=\"node\",reason=\"handler_failed\"}",
        "parsigex_ws_invalid_messages_total",
        "parsigex_plugins_left_out")) {
      assertThat(sample(prom, series)).as(series).isNotNegative();
    }
    assertThat(sample(prom, "parsigex_plugins_without_extensions")).isZero();
    // p2p_send_duration_seconds has a series per peer and topic: it appears with the first send.
    String body = "{\"duty\":{\"slot\":\"5\",\"type\":\"randao\"},\"set\":{\"" + PUBKEY
        + "\":{\"share_idx\":1,\"data\":" + RANDAO + "}}}";
    HttpResponse<String> sent = post("/api/v1/parsigex/broadcast", "application/json", body);
    assertThat(sent.statusCode()).isEqualTo(200);
    // A sent result's error is null (the interface leaves it open; the feed says the same).
    JsonNode results = json.readTree(sent.body()).get("results");
    assertThat(results).hasSize(3).allSatisfy(r -> {
      assertThat(r.get("outcome").stringValue()).isEqualTo("sent");
      assertThat(r.has("error")).isTrue();
      assertThat(r.get("error").isNull()).as(r.toString()).isTrue();
    });
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!prom.contains("parsigex_broadcast_total{duty=\"randao\",outcome=\"sent\"} 3.0")
        && System.nanoTime() < end) {
      Thread.sleep(50);
      prom = get("/actuator/prometheus").body();
    }
    assertThat(sample(prom, "parsigex_broadcast_total{duty=\"randao\",outcome=\"sent\"}"))
        .isEqualTo(3.0);
    assertThat(prom).containsPattern("(?m)^p2p_send_duration_seconds_bucket\\{[^}]*"
        + "protocol=\"/charon/parsigex/2.0.0\",topic=\"parsigex_randao\"[^}]*}");
  }

  @Test
  void theDashboardSnapshotHasItsDocumentedShape() throws Exception {
    HttpResponse<String> r = get("/api/v1/dashboard");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode d = json.readTree(r.body());
    assertThat(d.propertyNames()).containsExactly("peer_id", "totals", "peers", "plugins");
    assertThat(d.get("totals").propertyNames()).containsExactly("since", "all", "duties",
        "rejected_by_reason", "rejected_by_peer", "sends_by_peer");
    assertThat(d.get("totals").get("all").propertyNames()).containsExactly("received", "rejected",
        "broadcasts", "sent", "failed");
    assertThat(d.get("peers")).hasSize(3).allSatisfy(p -> {
      assertThat(p.propertyNames()).containsExactly("peer_id", "share_index", "connection",
          "send");
      assertThat(p.get("connection").stringValue()).isIn("direct", "relayed", "none");
      assertThat(p.get("send").propertyNames()).containsExactly("sends", "p50_ms", "last_ms");
    });
    assertThat(d.get("plugins").propertyNames()).containsExactly("status", "loaded", "points",
        "left_out", "without_extensions");
  }

  @Test
  void healthReportsPeersVerificationAndWhatWasRefused() throws Exception {
    JsonNode h = parsigexHealth();
    assertThat(h.get("status").stringValue()).isEqualTo("UP");
    JsonNode d = h.get("details");
    assertThat(d.get("connected_peers").intValue()).isBetween(0, 3);
    assertThat(d.get("configured_peers").intValue()).isEqualTo(3);
    assertThat(d.get("verification").stringValue()).startsWith("DISABLED");
    assertThat(d.get("dropped_events").longValue()).isZero();
    for (String counter : List.of("gated_connections", "handshake_failures",
        "stream_negotiation_failures", "refused_connections", "connection_errors",
        "refused_relay_stops", "relay_resolution_failures")) {
      assertThat(d.get("p2p").get(counter).isIntegralNumber()).as(counter).isTrue();
    }
    assertThat(d.get("p2p").get("preauth_pending").isIntegralNumber()).isTrue();
    assertThat(d.get("p2p").get("preauth_refused").get("per_ip").isIntegralNumber()).isTrue();
    assertThat(d.get("p2p").get("yamux_refused_streams").get("stream_limit").isIntegralNumber())
        .isTrue();
    assertThat(d.has("plugins_left_out")).isFalse();
    assertThat(d.has("plugins_without_extensions")).isFalse();
  }

  @Test
  void aPeerOutsideTheClusterIsRefusedCountedAndReported() throws Exception {
    long before = runtime.node().host().stats().gatedPeers();
    Secp256k1PrivateKey stranger = Secp256k1PrivateKey.generate(new SecureRandom());
    Multiaddr node = runtime.node().host().listenAddresses().get(0).withPeerId(runtime.peerId());
    try (Host host = Host.start(HostConfig.of(stranger, List.of(),
        ConnectionGater.allowOnly(Set.of(runtime.peerId()))))) {
      // The node accepts the Noise handshake, then its gater closes the connection.
      assertThatThrownBy(() -> host.dial(node)
          .thenCompose(c -> host.newStream(c, "/charon/parsigex/2.0.0"))
          .get(10, TimeUnit.SECONDS)).isNotNull();
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (runtime.node().host().stats().gatedPeers() == before && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(sample(get("/actuator/prometheus").body(), "parsigex_p2p_gated_connections_total"))
        .isEqualTo(before + 1.0);
    assertThat(parsigexHealth().get("details").get("p2p").get("gated_connections").longValue())
        .isEqualTo(before + 1);
  }

  /** Sends a request by hand (HttpClient cannot send a body its Content-Length understates). */
  private String raw(String headers, byte[] body) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      java.io.OutputStream out = s.getOutputStream();
      out.write(("POST /api/v1/payloads/decode HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nConnection: close\r\n" + headers + "\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      // Read until the JSON error is complete: the server may keep the connection open to
      // swallow a body it never reads.
      java.io.InputStream in = s.getInputStream();
      StringBuilder text = new StringBuilder();
      byte[] buf = new byte[8192];
      for (int n; !text.toString().contains("\"}") && (n = in.read(buf)) >= 0; ) {
        text.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
      }
      return text.toString();
    }
  }

  @Test
  void aBodyOverTheLimitAnswers413WithoutBeingReadWhole() throws Exception {
    long limit = 1 << 20;
    byte[] start = "{\"duty_type\":\"randao\",\"data_base64\":\"".getBytes();
    // Declared too large: refused before a byte of the body is read.
    String declared = raw("Content-Length: " + (limit + 1) + "\r\n", start);
    assertThat(declared).startsWith("HTTP/1.1 413")
        .contains("{\"error\":\"the request body is larger than " + limit + " bytes");
    // Chunked, no length: read up to the limit, then refused.
    java.io.ByteArrayOutputStream chunked = new java.io.ByteArrayOutputStream();
    byte[] piece = "A".repeat(64 * 1024).getBytes();
    chunked.writeBytes((Integer.toHexString(start.length) + "\r\n").getBytes());
    chunked.writeBytes(start);
    chunked.writeBytes("\r\n".getBytes());
    for (int i = 0; i < 17; i++) {
      chunked.writeBytes((Integer.toHexString(piece.length) + "\r\n").getBytes());
      chunked.writeBytes(piece);
      chunked.writeBytes("\r\n".getBytes());
    }
    chunked.writeBytes("0\r\n\r\n".getBytes());
    String streamed = raw("Transfer-Encoding: chunked\r\n", chunked.toByteArray());
    assertThat(streamed).startsWith("HTTP/1.1 413")
        .contains("{\"error\":\"the request body is larger than " + limit + " bytes");
    // Under the limit, the same call is served.
    assertThat(post("/api/v1/payloads/decode", "application/json",
        "{\"duty_type\":\"randao\",\"data_base64\":\"" + "A".repeat(1000) + "\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void malformedRequestsAnswer4xxJsonNeverA500() throws Exception {
    // share_idx beyond the int range used to escape as a 500 (JsonNodeException).
    HttpResponse<String> big = post("/api/v1/parsigex/broadcast", "application/json",
        "{\"duty\":{\"slot\":\"5\",\"type\":\"randao\"},\"set\":{\"" + PUBKEY
            + "\":{\"share_idx\":4294967297,\"data\":" + RANDAO + "}}}");
    assertThat(big.statusCode()).isEqualTo(400);
    assertThat(json.readTree(big.body()).get("error").stringValue()).contains("share_idx");
    // Refused before a controller is chosen: still our JSON, saying what to send instead.
    HttpResponse<String> method = get("/api/v1/payloads/decode");
    assertThat(method.statusCode()).isEqualTo(405);
    assertThat(method.body()).isEqualTo("{\"error\":\"GET is not supported here; use POST\"}");
    HttpResponse<String> media = post("/api/v1/payloads/encode", "text/plain", "{}");
    assertThat(media.statusCode()).isEqualTo(415);
    assertThat(json.readTree(media.body()).get("error").stringValue()).contains("application/json");
    for (HttpResponse<String> r : List.of(
        get("/api/v1/payloads/decode"),
        post("/api/v1/node", "application/json", "{}"),
        post("/api/v1/payloads/encode", "text/plain", "{}"),
        post("/api/v1/payloads/encode", "application/json", "[]"),
        post("/api/v1/payloads/decode", "application/json", "{\"duty_type\":\"randao\"}"),
        post("/api/v1/payloads/decode", "application/json",
            "{\"duty_type\":\"randao\",\"data_base64\":\"@@@\"}"),
        post("/api/v1/parsigex/broadcast", "application/json", "{\"duty\":{}}"))) {
      assertThat(r.statusCode()).as(r.request().uri() + " " + r.body()).isBetween(400, 499);
      assertThat(json.readTree(r.body()).get("error").isString()).as(r.body()).isTrue();
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
