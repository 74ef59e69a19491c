package io.parsigex.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.node.plugins.broken.BrokenCodec;
import io.parsigex.testsupport.PluginArtifacts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/payloads/decode} and {@code /encode} on a duty type a deliberately broken codec
 * plugin ({@link BrokenCodec}, loaded from a plugin zip in its own class loader) handles: whatever
 * the plugin's codec or the values it produces do (throw, hang, answer invalid JSON), the caller
 * gets a JSON error naming the plugin, never a 500 and never a hang beyond the plugin call timeout,
 * and the failure is counted in {@code parsigex_plugin_failures_total} as the pipeline counts it.
 */
// A context of its own, closed after the class: a cached one (a demo cluster, relay resolver) would
// keep running beside later tests.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.mode=demo", "parsigex.verification.enabled=false", "parsigex.demo.signing=false",
        "parsigex.plugins.call-timeout=1s", "parsigex.plugins.workers=4",
        // every failure here is counted one by one; the breaker has its own tests
        "parsigex.plugins.breaker.failure-threshold=1000",
        "parsigex.api.token=" + PluginPayloadApiTest.TOKEN})
class PluginPayloadApiTest {

  static final String TOKEN = "secret";
  private static final String PLUGIN = "broken-codec";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort int port;
  @Autowired MeterRegistry registry;
  private final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void plugins(DynamicPropertyRegistry props) throws Exception {
    // under target/, so that the zip and the folder PF4J expands it into go with the build
    Path target = Files.createDirectories(Path.of("target"));
    Path dir = Files.createTempDirectory(target, "broken-plugin");
    PluginArtifacts.testPlugin(dir, PLUGIN, BrokenCodec.class);
    props.add("parsigex.plugins.dir", dir::toString);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Broadcasts this node's own one-entry signature set holding the plugin's value. */
  private HttpResponse<String> broadcast(String mode) throws Exception {
    String body = "{\"duty\":{\"slot\":\"5\",\"type\":\"signature\"},\"set\":{\"0x"
        + "aa".repeat(48) + "\":{\"share_idx\":1,\"data\":{\"mode\":\"" + mode + "\"}}}}";
    return HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/parsigex/broadcast"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> decode(String payload) throws Exception {
    return post("/api/v1/payloads/decode", "{\"duty_type\":\"signature\",\"data_base64\":\""
        + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "\"}");
  }

  private HttpResponse<String> encode(String mode) throws Exception {
    return post("/api/v1/payloads/encode",
        "{\"duty_type\":\"signature\",\"data\":{\"mode\":\"" + mode + "\"}}");
  }

  private double failures(String kind) {
    return registry.find("parsigex.plugin.failures").tag("plugin", PLUGIN).tag("point", "codec")
        .tag("kind", kind).counters().stream().mapToDouble(Counter::count).sum();
  }

  /** Sends a request the plugin fails on; checks the answer and that one failure was counted. */
  private String pluginFailure(String kind, Request request) throws Exception {
    double before = failures(kind);
    HttpResponse<String> r = request.send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    String error = json.readTree(r.body()).get("error").stringValue();
    assertThat(error).startsWith("plugin " + PLUGIN + " failed").doesNotContain("\tat ");
    assertThat(failures(kind)).as("parsigex_plugin_failures_total{kind=%s}", kind)
        .isEqualTo(before + 1);
    return error;
  }

  @FunctionalInterface
  private interface Request {
    HttpResponse<String> send() throws Exception;
  }

  @Test
  void aWellBehavedPluginValueDecodesAndEncodes() throws Exception {
    HttpResponse<String> dec = decode("fine");
    assertThat(dec.statusCode()).as(dec.body()).isEqualTo(200);
    JsonNode d = json.readTree(dec.body());
    assertThat(d.get("encoding").stringValue()).isEqualTo("custom");
    assertThat(d.get("type").stringValue()).isEqualTo("BrokenData");
    assertThat(d.get("data").get("mode").stringValue()).isEqualTo("fine");
    assertThat(d.get("signature").stringValue()).isEqualTo("0x" + "00".repeat(96));
    assertThat(d.has("message_root")).isFalse();
    HttpResponse<String> enc = encode("fine");
    assertThat(enc.statusCode()).as(enc.body()).isEqualTo(200);
    assertThat(json.readTree(enc.body()).get("data_base64").stringValue())
        .isEqualTo(Base64.getEncoder().encodeToString("fine".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aPayloadThePluginRefusesIsA400WithItsReason() throws Exception {
    HttpResponse<String> r = decode("refuse");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json.readTree(r.body()).get("error").stringValue())
        .contains("not a broken payload").contains(PLUGIN);
  }

  @Test
  void aCodecThatThrowsIsA502NamingThePlugin() throws Exception {
    assertThat(pluginFailure("failed", () -> decode("throw"))).contains("decode exploded");
    assertThat(pluginFailure("failed", () -> encode("encode-throws")))
        .contains("encode exploded");
  }

  @Test
  void valuesWhoseMethodsFailAre502NamingThePlugin() throws Exception {
    assertThat(pluginFailure("failed", () -> decode("data-throws")))
        .contains("toCharonJson exploded");
    assertThat(pluginFailure("failed", () -> decode("bad-json"))).contains("JSON");
    assertThat(pluginFailure("failed", () -> encode("root-throws"))).contains("root exploded");
  }

  @Test
  void aHangingPluginIsCutOffAtTheCallTimeout() throws Exception {
    for (Request hanging : new Request[] {() -> decode("hang"), () -> decode("data-hangs")}) {
      long start = System.nanoTime();
      assertThat(pluginFailure("timeout", hanging)).contains("timed out");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(Duration.ofMillis(BrokenCodec.HANG_MILLIS - 1_000));
    }
  }

  @Test
  void broadcastingAPluginValueWhoseSignatureHangsOrThrowsIsA502WithinTheCallTimeout()
      throws Exception {
    long start = System.nanoTime();
    assertThat(pluginFailure("timeout", () -> broadcast("sig-hangs"))).contains("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Duration.ofMillis(BrokenCodec.HANG_MILLIS - 1_000));
    assertThat(pluginFailure("failed", () -> broadcast("sig-throws")))
        .contains("signature exploded");
    HttpResponse<String> fine = broadcast("fine");
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
    assertThat(json.readTree(fine.body()).get("results").size()).isPositive();
  }
}
