package io.parsigex.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.DutyType;
import io.parsigex.libp2p.crypto.KeyFile;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.node.demo.ThresholdKeys;
import io.parsigex.testsupport.NodeJs;
import io.parsigex.testsupport.SharedTestData;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Java node (its own JVM, started as an operator would) and a js-libp2p peer
 * ({@code parsigex-peer.mjs}: TCP, Noise, Yamux, identify, and {@code /charon/parsigex/2.0.0} with a
 * hand-written protobuf codec) form a two-member cluster and exchange Charon's golden payloads in
 * both directions: SSZ {@code SignedSyncMessage} and {@code VersionedAttestation} (fulu), JSON
 * {@code SignedRandao}.
 *
 * <p>The goldens' signatures are fuzzed bytes, not curve points, so the Java node runs with
 * {@code parsigex.verification.enabled=false} and no plugins; everything else (gating, decoding,
 * publishing, encoding, framing) is the real path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JsParSigExInteropTest {

  private static final String TOKEN = "interop-token";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration EXCHANGE = Duration.ofSeconds(20);
  private static final int JAVA_SHARE = 1;
  private static final int JS_SHARE = 2;
  private static final int VALIDATORS = 2;
  private static final String MAX_UINT64 = "18446744073709551615";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A golden payload with the duty that carries it. */
  private record Golden(DutyType duty, String slot, String jsonFile, String sszFile) {
    JsonNode json() {
      return JSON.readTree(SharedTestData.read("charon/" + jsonFile));
    }

    /** The bytes Go puts on the wire: the SSZ golden, or the golden JSON in compact form. */
    byte[] wireBytes() {
      return sszFile != null ? SharedTestData.read("charon/" + sszFile)
          : JSON.writeValueAsString(json()).getBytes(StandardCharsets.UTF_8);
    }

    String encoding() {
      return sszFile != null ? "ssz" : "json";
    }

    /** The payload's signature (the protobuf {@code signature} field Charon writes). */
    String signatureHex() {
      return json().findValue("signature").asString().substring(2);
    }
  }

  private static final List<Golden> GOLDENS = List.of(
      new Golden(DutyType.SYNC_MESSAGE, "4242",
          "TestJSONSerialisation_SignedSyncMessage.json.golden",
          "TestSSZSerialisation_SignedSyncMessage.ssz.golden"),
      new Golden(DutyType.ATTESTER, "1000001",
          "TestJSONSerialisation_VersionedAttestation.json.golden",
          "TestSSZSerialisation_VersionedAttestation.ssz.golden"),
      new Golden(DutyType.RANDAO, MAX_UINT64,
          "TestJSONSerialisation_SignedRandao.json.golden", null));

  private Path dir;

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> validatorKeys = new ArrayList<>();
  private NodeProcess java;
  private NodeJs.JsProcess js;
  private FeedRecorder feed;
  private String javaPeerId;
  private String jsPeerId;

  @BeforeAll
  void start() throws Exception {
    SharedTestData.root();
    NodeJs nodeJs = NodeJs.get();
    dir = Files.createTempDirectory("parsigex-interop");
    SecureRandom random = new SecureRandom();
    Secp256k1PrivateKey javaKey = Secp256k1PrivateKey.generate(random);
    Secp256k1PrivateKey jsKey = Secp256k1PrivateKey.generate(random);
    javaPeerId = PeerId.fromPublicKey(javaKey.publicKey()).toString();
    jsPeerId = PeerId.fromPublicKey(jsKey.publicKey()).toString();
    int javaPort = NodeProcess.freePort();
    int jsPort = NodeProcess.freePort();
    Path keyFile = dir.resolve("java.key");
    Files.writeString(keyFile, KeyFile.format(javaKey));
    Path noPlugins = Files.createDirectories(dir.resolve("no-plugins"));
    List<String> args = new ArrayList<>(List.of(
        "--parsigex.identity.key-file=" + keyFile,
        "--parsigex.p2p.listen[0]=/ip4/127.0.0.1/tcp/" + javaPort,
        "--parsigex.cluster.peers[0]=/ip4/127.0.0.1/tcp/" + javaPort + "/p2p/" + javaPeerId,
        "--parsigex.cluster.peers[1]=/ip4/127.0.0.1/tcp/" + jsPort + "/p2p/" + jsPeerId,
        "--parsigex.plugins.dir=" + noPlugins,
        "--parsigex.verification.enabled=false",
        "--parsigex.api.token=" + TOKEN));
    for (int v = 0; v < VALIDATORS; v++) {
      ThresholdKeys t = ThresholdKeys.generate(2, 2, random);
      validatorKeys.add(t.publicKey().wireKey());
      args.add("--parsigex.cluster.validators[" + v + "].public-key=" + t.publicKey().wireKey());
      for (int s = 0; s < 2; s++) {
        args.add("--parsigex.cluster.validators[" + v + "].public-shares[" + s + "]="
            + t.publicShares().get(s).wireKey());
      }
    }
    try {
      js = nodeJs.start("parsigex-peer.mjs", HexFormat.of().formatHex(jsKey.bytes()),
          Integer.toString(jsPort), javaPeerId);
      assertThat(js.awaitLine("listening ", STARTUP)).endsWith(jsPeerId);
      java = NodeProcess.start("java-node", NodeProcess.freePort(), args,
          dir.resolve("java-node.log"), http);
      java.awaitGet("/api/v1/node", b -> b.contains("\"connected\":true"), STARTUP);
      feed = FeedRecorder.connect(http, java.httpPort());
    } catch (Throwable t) {
      stop();
      throw t;
    }
  }

  @AfterAll
  void stop() {
    if (feed != null) {
      feed.close();
    }
    if (js != null) {
      js.close();
    }
    if (java != null) {
      java.close();
    }
    NodeProcess.deleteTree(dir);
  }

  @Test
  @Order(1)
  void javaNodePublishesExactlyWhatTheJsPeerSent() throws Exception {
    for (Golden g : GOLDENS) {
      ObjectNode msg = JSON.createObjectNode();
      msg.put("slot", g.slot());
      msg.put("type", g.duty().code());
      var entries = msg.putArray("entries");
      for (String key : validatorKeys) {
        entries.addObject().put("pubkey", key)
            .put("data", HexFormat.of().formatHex(g.wireBytes()))
            .put("signature", g.signatureHex())
            .put("share_idx", JS_SHARE);
      }
      js.send("send " + javaPeerId + " " + JSON.writeValueAsString(msg));
      assertThat(js.awaitLine("sent", EXCHANGE)).startsWith("sent ");
    }
    assertThat(feed.await("received", l -> l.size() >= GOLDENS.size(), EXCHANGE))
        .as("received %s, rejected %s", feed.ofType("received"), feed.ofType("rejected"))
        .isTrue();
    assertThat(feed.ofType("rejected")).isEmpty();
    List<JsonNode> received = feed.ofType("received");
    assertThat(received).hasSize(GOLDENS.size());
    for (Golden g : GOLDENS) {
      JsonNode m = received.stream()
          .filter(r -> r.path("duty").path("type").asString().equals(g.duty().charonName()))
          .findFirst().orElseThrow(() -> new AssertionError("no " + g.duty() + " in " + received));
      assertThat(m.path("peer_id").asString()).isEqualTo(jsPeerId);
      assertThat(m.path("duty").path("slot").asString()).isEqualTo(g.slot());
      assertThat(m.path("set").size()).isEqualTo(VALIDATORS);
      for (String key : validatorKeys) {
        JsonNode e = m.path("set").path(key);
        assertThat(e.path("share_idx").asInt()).isEqualTo(JS_SHARE);
        assertThat(e.path("encoding").asString()).isEqualTo(g.encoding());
        assertThat(e.path("signature").asString()).isEqualTo("0x" + g.signatureHex());
        assertThat(e.path("data")).as("%s as the Java node publishes it", g.duty())
            .isEqualTo(g.json());
      }
    }
  }

  @Test
  @Order(2)
  void jsPeerReceivesByteIdenticalPayloadsFromTheJavaNode() throws Exception {
    for (Golden g : GOLDENS) {
      ObjectNode body = JSON.createObjectNode();
      body.putObject("duty").put("slot", g.slot()).put("type", g.duty().charonName());
      ObjectNode set = body.putObject("set");
      for (String key : validatorKeys) {
        set.putObject(key).put("share_idx", JAVA_SHARE).set("data", g.json());
      }
      HttpResponse<String> r = java.post("/api/v1/parsigex/broadcast",
          JSON.writeValueAsString(body), TOKEN, EXCHANGE);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode results = JSON.readTree(r.body()).path("results");
      assertThat(results.size()).isEqualTo(1);
      assertThat(results.get(0).path("peer_id").asString()).isEqualTo(jsPeerId);
      assertThat(results.get(0).path("outcome").asString()).as(r.body()).isEqualTo("sent");

      String line = js.awaitLine("received", EXCHANGE);
      assertThat(line).startsWith("received " + javaPeerId + " ");
      JsonNode m = JSON.readTree(line.substring(("received " + javaPeerId + " ").length()));
      assertThat(m.path("slot").asString()).isEqualTo(g.slot());
      assertThat(m.path("type").asInt()).isEqualTo(g.duty().code());
      assertThat(m.path("entries").size()).isEqualTo(VALIDATORS);
      List<String> keys = new ArrayList<>();
      for (JsonNode e : m.path("entries")) {
        keys.add(e.path("pubkey").asString());
        assertThat(e.path("share_idx").asInt()).isEqualTo(JAVA_SHARE);
        assertThat(e.path("data").asString()).as("%s payload bytes", g.duty())
            .isEqualTo(HexFormat.of().formatHex(g.wireBytes()));
        assertThat(e.path("signature").asString()).isEqualTo(g.signatureHex());
      }
      assertThat(keys).containsExactlyInAnyOrderElementsOf(validatorKeys);
      byte[] frame = HexFormat.of().parseHex(m.path("frame").asString());
      assertThat(frame.length).isGreaterThan(VALIDATORS * g.wireBytes().length);
    }
    assertThat(js.process().isAlive()).isTrue();
  }
}
