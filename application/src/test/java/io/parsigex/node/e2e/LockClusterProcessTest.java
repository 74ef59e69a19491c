package io.parsigex.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.cluster.ClusterLockGenerator;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A 4-operator cluster of separate node JVMs, each configured only by a generated, signed
 * {@code cluster-lock.json} and its operator's key file (plus its listen address, plugin folder
 * and API token): all four find each other from the lock's ENRs, and every operator's real BLS
 * partial signatures are verified by the other three.
 */
class LockClusterProcessTest {

  private static final int OPERATORS = 4;
  private static final int VALIDATORS = 2;
  private static final long EPOCH = 11;
  private static final String TOKEN = "lock-token";
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration DELIVERY = Duration.ofSeconds(30);
  private static final Pattern RECEIVED_RANDAO = Pattern.compile(
      "(?m)^parsigex_received_total\\{[^}]*duty=\"randao\"[^}]*} ([0-9.Ee+]+)$");

  @Test
  void fourOperatorsJoinFromTheLockAndVerifyEachOther() throws Exception {
    Path dir = Files.createTempDirectory("parsigex-lock-e2e");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < OPERATORS; i++) {
        ports.add(NodeProcess.freePort());
      }
      ClusterLockGenerator.GeneratedCluster cluster = new ClusterLockGenerator(
          new SecureRandom()).generate(new ClusterLockGenerator.Spec(OPERATORS, VALIDATORS, 3,
              Bytes.of(new byte[] {0, 0, 0, 0}), ports, "2026-11-23T00:00:00Z"));
      Path clusterDir = dir.resolve("cluster");
      cluster.writeTo(clusterDir);
      for (int i = 0; i < OPERATORS; i++) {
        nodes.add(NodeProcess.start("op" + i, NodeProcess.freePort(), List.of(
            "--parsigex.cluster.lock-file=" + clusterDir.resolve(ClusterLockGenerator.LOCK_FILE),
            "--parsigex.identity.key-file=" + clusterDir.resolve("node" + i)
                .resolve(ClusterLockGenerator.KEY_FILE),
            "--parsigex.p2p.listen[0]=/ip4/127.0.0.1/tcp/" + ports.get(i),
            "--parsigex.plugins.dir=" + NodeProcess.pluginCopy(dir.resolve("op" + i + "-plugins")),
            "--parsigex.api.token=" + TOKEN), dir.resolve("op" + i + ".log"), http));
      }
      for (int i = 0; i < OPERATORS; i++) {
        String info = nodes.get(i).awaitGet("/api/v1/node",
            body -> body.split("\"connected\":true", -1).length == OPERATORS, STARTUP);
        assertThat(info).contains("\"share_index\":" + (i + 1))
            .contains(cluster.lock().operators().get(i).peerId().toString());
      }
      for (int i = 0; i < OPERATORS; i++) {
        ShareSecrets secrets = ShareSecrets.load(clusterDir.resolve("node" + i)
            .resolve(ClusterLockGenerator.SHARES_FILE));
        StringBuilder set = new StringBuilder();
        for (Map.Entry<String, byte[]> v : secrets.byValidator().entrySet()) {
          String sig = "0x" + HexFormat.of().formatHex(
              ShareSecrets.sign(v.getValue(), RandaoSigning.signingRoot(EPOCH)));
          set.append(set.isEmpty() ? "" : ",").append('"').append(v.getKey())
              .append("\":{\"share_idx\":").append(i + 1).append(",\"data\":{\"epoch\":\"")
              .append(EPOCH).append("\",\"signature\":\"").append(sig).append("\"}}");
        }
        HttpResponse<String> r = nodes.get(i).post("/api/v1/parsigex/broadcast",
            "{\"duty\":{\"slot\":\"" + EPOCH * 32 + "\",\"type\":\"randao\"},\"set\":{" + set
                + "}}", TOKEN, Duration.ofSeconds(30));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body().split("\"outcome\":\"sent\"", -1)).hasSize(OPERATORS);
      }
      for (int i = 0; i < OPERATORS; i++) {
        String prom = nodes.get(i).awaitGet("/actuator/prometheus", body -> {
          Matcher m = RECEIVED_RANDAO.matcher(body);
          return m.find() && Double.parseDouble(m.group(1)) >= OPERATORS - 1;
        }, DELIVERY);
        Matcher m = RECEIVED_RANDAO.matcher(prom);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as("operator %d verified sets", i)
            .isEqualTo(OPERATORS - 1);
        assertThat(prom).doesNotContainPattern("(?m)^parsigex_rejected_total\\{.*} [1-9]");
      }
    } finally {
      nodes.forEach(NodeProcess::close);
      NodeProcess.deleteTree(dir);
    }
  }
}
