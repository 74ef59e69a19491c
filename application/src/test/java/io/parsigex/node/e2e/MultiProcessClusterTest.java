package io.parsigex.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.cluster.ClusterLockGenerator;
import io.parsigex.testsupport.SharedTestData;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three parsigex nodes as three separate JVMs on loopback, each started the way an operator starts
 * one: {@code ParsigexApplication} with a generated, signed Charon {@code cluster-lock.json} (whose
 * ENRs carry the loopback ports), the node's {@code charon-enr-private-key}, the built plugin folder
 * and an API token. The test reads each node's secret BLS shares from the generator's test-only
 * shares file, signs
 * real RANDAO partial signatures for each node, broadcasts them through each node's REST API and
 * watches each node's WebSocket feed and Prometheus counters: every node receives and verifies (with
 * the bls-verifier plugin) every other node's set exactly once and never its own, which is Charon's
 * {@code TestMemEx} fan-out. Then one JVM is killed and the other two report it {@code failed}
 * while they keep exchanging.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessClusterTest {

  private static final int NODES = 3;
  private static final int THRESHOLD = 2;
  private static final int VALIDATORS = 2;
  private static final int SLOTS_PER_EPOCH = 32;
  private static final String TOKEN = "e2e-token";
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration DELIVERY = Duration.ofSeconds(20);
  private static final Duration SETTLE = Duration.ofMillis(1500);
  private static final Duration BROADCAST_ANSWER = Duration.ofSeconds(30);
  private static final Pattern RECEIVED_RANDAO = Pattern.compile(
      "(?m)^parsigex_received_total\\{[^}]*duty=\"randao\"[^}]*} ([0-9.Ee+]+)$");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Path dir;

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<FeedRecorder> feeds = new ArrayList<>();
  private final List<String> peerIds = new ArrayList<>();
  private final List<ShareSecrets> shares = new ArrayList<>();

  @BeforeAll
  void startCluster() throws Exception {
    dir = Files.createTempDirectory("parsigex-e2e");
    List<Integer> p2pPorts = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      p2pPorts.add(NodeProcess.freePort());
    }
    ClusterLockGenerator.GeneratedCluster cluster = new ClusterLockGenerator(new SecureRandom())
        .generate(new ClusterLockGenerator.Spec(NODES, VALIDATORS, THRESHOLD,
            Bytes.of(new byte[] {0, 0, 0, 0}), p2pPorts, "2026-11-23T00:00:00Z"));
    Path clusterDir = dir.resolve("cluster");
    cluster.writeTo(clusterDir);
    for (int i = 0; i < NODES; i++) {
      peerIds.add(cluster.lock().operators().get(i).peerId().toString());
      shares.add(ShareSecrets.load(clusterDir.resolve("node" + i)
          .resolve(ClusterLockGenerator.SHARES_FILE)));
    }
    try {
      for (int i = 0; i < NODES; i++) {
        List<String> args = List.of(
            "--parsigex.cluster.lock-file=" + clusterDir.resolve(ClusterLockGenerator.LOCK_FILE),
            "--parsigex.identity.key-file=" + clusterDir.resolve("node" + i)
                .resolve(ClusterLockGenerator.KEY_FILE),
            "--parsigex.p2p.listen[0]=/ip4/127.0.0.1/tcp/" + p2pPorts.get(i),
            "--parsigex.plugins.dir=" + NodeProcess.pluginCopy(dir.resolve("node" + i + "-plugins")),
            "--parsigex.api.token=" + TOKEN,
            "--parsigex.protocol.send-timeout=3s");
        nodes.add(NodeProcess.start("node" + i, NodeProcess.freePort(), args,
            dir.resolve("node" + i + ".log"), http));
      }
      for (NodeProcess n : nodes) {
        n.awaitGet("/api/v1/node", body -> body.split("\"connected\":true", -1).length == NODES,
            STARTUP);
      }
      for (NodeProcess n : nodes) {
        feeds.add(FeedRecorder.connect(http, n.httpPort()));
      }
    } catch (Throwable t) {
      stopCluster();
      throw t;
    }
  }

  @AfterAll
  void stopCluster() {
    feeds.forEach(FeedRecorder::close);
    nodes.forEach(NodeProcess::close);
    NodeProcess.deleteTree(dir);
  }

  /** One node's partial RANDAO signatures of {@code epoch} for every validator, as REST JSON. */
  private String randaoBroadcast(int node, long epoch, Map<String, String> signaturesOut) {
    int share = node + 1;
    StringBuilder set = new StringBuilder();
    for (Map.Entry<String, byte[]> v : shares.get(node).byValidator().entrySet()) {
      String sig = "0x" + HexFormat.of().formatHex(
          ShareSecrets.sign(v.getValue(), RandaoSigning.signingRoot(epoch)));
      signaturesOut.put(v.getKey(), sig);
      if (!set.isEmpty()) {
        set.append(',');
      }
      set.append('"').append(v.getKey()).append("\":{\"share_idx\":").append(share)
          .append(",\"data\":{\"epoch\":\"").append(epoch).append("\",\"signature\":\"")
          .append(sig).append("\"}}");
    }
    return "{\"duty\":{\"slot\":\"" + epoch * SLOTS_PER_EPOCH + "\",\"type\":\"randao\"},\"set\":{"
        + set + "}}";
  }

  private JsonNode broadcast(int node, long epoch, Map<String, String> signatures)
      throws Exception {
    HttpResponse<String> r = nodes.get(node).post("/api/v1/parsigex/broadcast",
        randaoBroadcast(node, epoch, signatures), TOKEN, BROADCAST_ANSWER);
    assertThat(r.statusCode()).as("broadcast answer from node %d: %s", node, r.body())
        .isEqualTo(200);
    return JSON.readTree(r.body()).get("results");
  }

  private static String outcome(JsonNode results, String peerId) {
    for (JsonNode r : results) {
      if (peerId.equals(r.path("peer_id").asString())) {
        return r.path("outcome").asString();
      }
    }
    throw new AssertionError("no result for " + peerId + " in " + results);
  }

  /** The received sets of one epoch in node {@code target}'s feed. */
  private List<JsonNode> receivedOfEpoch(int target, long epoch) {
    return feeds.get(target).ofType("received").stream()
        .filter(m -> m.path("duty").path("slot").asString()
            .equals(Long.toString(epoch * SLOTS_PER_EPOCH)))
        .toList();
  }

  /** Checks that a feed message carries exactly the set node {@code source} signed. */
  private void assertIsSetOf(JsonNode received, int source, long epoch,
      Map<String, String> signatures) {
    assertThat(received.path("peer_id").asString()).isEqualTo(peerIds.get(source));
    assertThat(received.path("duty").path("type").asString()).isEqualTo("randao");
    JsonNode set = received.path("set");
    assertThat(set.size()).isEqualTo(VALIDATORS);
    for (Map.Entry<String, String> e : signatures.entrySet()) {
      JsonNode entry = set.path(e.getKey());
      assertThat(entry.path("share_idx").asInt()).isEqualTo(source + 1);
      assertThat(entry.path("signature").asString()).isEqualTo(e.getValue());
      assertThat(entry.path("data").path("epoch").asString()).isEqualTo(Long.toString(epoch));
      assertThat(entry.path("data").path("signature").asString()).isEqualTo(e.getValue());
    }
  }

  @Test
  @Order(1)
  void everyNodeVerifiesEveryOtherNodesSetExactlyOnceAndNeverItsOwn() throws Exception {
    long epoch = 7;
    List<Map<String, String>> sent = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      Map<String, String> sigs = new java.util.LinkedHashMap<>();
      JsonNode results = broadcast(i, epoch, sigs);
      sent.add(sigs);
      assertThat(results.size()).isEqualTo(NODES - 1);
      for (int j = 0; j < NODES; j++) {
        if (j != i) {
          assertThat(outcome(results, peerIds.get(j))).as("node %d to node %d", i, j)
              .isEqualTo("sent");
        }
      }
    }
    for (int t = 0; t < NODES; t++) {
      int target = t;
      assertThat(feeds.get(t).await("received",
          l -> receivedOfEpoch(target, epoch).size() >= NODES - 1, DELIVERY))
          .as("node %d received %s", t, feeds.get(t).ofType("received")).isTrue();
    }
    Thread.sleep(SETTLE.toMillis()); // a duplicate would arrive within this
    List<int[]> edges = new ArrayList<>();
    for (int t = 0; t < NODES; t++) {
      List<JsonNode> got = receivedOfEpoch(t, epoch);
      assertThat(got).as("node %d's received sets", t).hasSize(NODES - 1);
      for (JsonNode m : got) {
        int source = peerIds.indexOf(m.path("peer_id").asString());
        assertThat(source).isNotNegative().isNotEqualTo(t);
        assertIsSetOf(m, source, epoch, sent.get(source));
        edges.add(new int[] {source, t});
      }
      assertThat(feeds.get(t).ofType("rejected")).as("node %d rejections", t).isEmpty();
      assertThat(feeds.get(t).unparsable()).isEmpty();
    }
    assertThat(sorted(edges)).isEqualTo(sorted(memExGolden()));
    for (int t = 0; t < NODES; t++) {
      String prom = nodes.get(t).get("/actuator/prometheus");
      assertThat(prom).isNotNull();
      Matcher m = RECEIVED_RANDAO.matcher(prom);
      assertThat(m.find()).as("parsigex_received_total{duty=randao} on node %d", t).isTrue();
      assertThat(Double.parseDouble(m.group(1))).isEqualTo(NODES - 1);
      assertThat(prom).doesNotContainPattern("(?m)^parsigex_rejected_total\\{.*} [1-9]");
      assertThat(nodes.get(t).get("/actuator/health")).contains("\"verification\":\"enabled\"");
    }
  }

  @Test
  @Order(2)
  void aKilledNodeIsReportedFailedWhileTheOtherTwoKeepExchanging() throws Exception {
    long epoch = 9;
    int dead = 2;
    assertThat(nodes.get(dead).kill()).as("node 2 killed").isTrue();
    List<Map<String, String>> sent = new ArrayList<>();
    for (int i = 0; i < NODES - 1; i++) {
      Map<String, String> sigs = new java.util.LinkedHashMap<>();
      JsonNode results = broadcast(i, epoch, sigs);
      sent.add(sigs);
      int other = 1 - i;
      assertThat(outcome(results, peerIds.get(other))).as("node %d to node %d", i, other)
          .isEqualTo("sent");
      assertThat(outcome(results, peerIds.get(dead))).as("node %d to the killed node", i)
          .isEqualTo("failed");
    }
    for (int t = 0; t < NODES - 1; t++) {
      int target = t;
      assertThat(feeds.get(t).await("received",
          l -> receivedOfEpoch(target, epoch).size() >= 1, DELIVERY))
          .as("node %d received %s", t, feeds.get(t).ofType("received")).isTrue();
    }
    Thread.sleep(SETTLE.toMillis());
    for (int t = 0; t < NODES - 1; t++) {
      List<JsonNode> got = receivedOfEpoch(t, epoch);
      assertThat(got).hasSize(1);
      assertIsSetOf(got.get(0), 1 - t, epoch, sent.get(1 - t));
      assertThat(feeds.get(t).ofType("broadcast")).anySatisfy(b ->
          assertThat(b.path("results").toString()).contains(peerIds.get(dead))
              .contains("\"outcome\":\"failed\""));
      assertThat(nodes.get(t).get("/api/v1/node")).isNotNull();
    }
  }

  private static List<int[]> memExGolden() {
    JsonNode golden = JSON.readTree(SharedTestData.read("charon/TestMemEx.golden"));
    List<int[]> out = new ArrayList<>();
    for (JsonNode e : golden) {
      out.add(new int[] {e.get("Source").asInt(), e.get("Target").asInt()});
    }
    return out;
  }

  private static List<String> sorted(List<int[]> edges) {
    return edges.stream().map(e -> e[0] + "->" + e[1]).sorted(Comparator.naturalOrder()).toList();
  }
}
