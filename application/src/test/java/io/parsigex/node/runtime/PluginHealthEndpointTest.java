package io.parsigex.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plugins on {@code /actuator/health}: a plugin codec (loaded from a zip) that keeps throwing is
 * taken out of service by its breaker, the {@code parsigex} component and the whole health answer
 * turn DEGRADED (still HTTP 200) with the plugin's id and state, and after the cool-down a call that
 * the plugin answers puts it back, and health back to UP.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.mode=demo", "parsigex.verification.enabled=false",
        "parsigex.demo.signing=false", "parsigex.plugins.call-timeout=1s", "parsigex.plugins.breaker.failure-threshold=3",
        "parsigex.plugins.breaker.cool-down=1s"})
class PluginHealthEndpointTest {

  private static final String PLUGIN = "broken-codec";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort int port;
  private final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void plugins(DynamicPropertyRegistry props) throws Exception {
    Path target = Files.createDirectories(Path.of("target"));
    Path dir = Files.createTempDirectory(target, "broken-plugin");
    PluginArtifacts.testPlugin(dir, PLUGIN, BrokenCodec.class);
    props.add("parsigex.plugins.dir", dir::toString);
  }

  private HttpResponse<String> decode(String payload) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/payloads/decode"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString("{\"duty_type\":\"signature\",\"data_base64\":\""
            + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode health() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private static JsonNode codecState(JsonNode health) {
    for (JsonNode p : health.get("components").get("parsigex").get("details").get("plugins")) {
      if (p.get("plugin").stringValue().equals(PLUGIN)
          && p.get("point").stringValue().equals("codec")) {
        return p;
      }
    }
    throw new AssertionError("no " + PLUGIN + " codec in " + health);
  }

  @Test
  void aPluginOutOfServiceIsDegradedWithItsIdAndComesBackAfterTheProbe() throws Exception {
    JsonNode up = health();
    assertThat(up.get("components").get("parsigex").get("status").stringValue()).isEqualTo("UP");
    assertThat(codecState(up).get("state").stringValue()).isEqualTo("in_service");

    for (int i = 0; i < 3; i++) {
      assertThat(decode("throw").statusCode()).isEqualTo(502);
    }
    HttpResponse<String> refused = decode("fine");
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.body()).contains("out of service");

    JsonNode degraded = health();
    assertThat(degraded.get("status").stringValue()).isEqualTo("DEGRADED");
    assertThat(degraded.get("components").get("parsigex").get("status").stringValue())
        .isEqualTo("DEGRADED");
    JsonNode st = codecState(degraded);
    assertThat(st.get("state").stringValue()).isEqualTo("out_of_service");
    assertThat(st.get("last_failure").stringValue()).contains("decode exploded");

    Thread.sleep(1_300);
    assertThat(decode("fine").statusCode()).as("the probe").isEqualTo(200);
    JsonNode back = health();
    assertThat(back.get("components").get("parsigex").get("status").stringValue())
        .isEqualTo("UP");
    assertThat(codecState(back).get("state").stringValue()).isEqualTo("in_service");
  }
}
