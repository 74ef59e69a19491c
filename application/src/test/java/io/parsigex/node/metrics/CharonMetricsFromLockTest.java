package io.parsigex.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.cluster.ClusterLockGenerator;
import io.parsigex.core.peerinfo.LocalPeerInfo;
import io.parsigex.core.peerinfo.PeerInfoProtocol;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.node.runtime.NodeRuntime;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring node started from a {@code cluster-lock.json} (2 operators, hoodi) labels its metrics
 * as a Charon node of that lock would: Charon's constant labels on every series on
 * {@code /actuator/prometheus}, the operator's peer names ({@code parsigex.metrics.peer-names}) in
 * {@code peer} and {@code cluster_peer} labels, and Charon's
 * {@code app_*}, {@code cluster_*}, {@code p2p_*} and {@code app_peerinfo_*} series fed by real
 * traffic with the lock's other operator (a host of ours with that operator's key, answering ping,
 * and peerinfo with version v1.11.0).
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.plugins.dir=target/no-such-plugin-dir",
        "parsigex.verification.enabled=false", "parsigex.peerinfo.nickname=op0-jvm"})
class CharonMetricsFromLockTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** The operator's names of the two members, as Charon would print them. */
  private static final List<String> NAMES = List.of("calm-river", "happy-floor");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Path dir;
  private static ClusterLockGenerator.GeneratedCluster cluster;
  private static Host other;
  private static PeerInfoProtocol otherPeerInfo;

  @LocalServerPort int port;
  @Autowired NodeRuntime runtime;

  @DynamicPropertySource
  static void lock(DynamicPropertyRegistry registry) throws Exception {
    dir = Files.createTempDirectory("charon-metrics-lock");
    List<Integer> ports = List.of(freePort(), freePort());
    cluster = new ClusterLockGenerator(new SecureRandom()).generate(
        new ClusterLockGenerator.Spec(2, 1, 2, Bytes.of(new byte[] {0x10, 0, 0x09, 0x10}), ports,
            "2026-12-04T00:00:00Z"));
    cluster.writeTo(dir);
    PeerId op0 = cluster.nodeKeys().get(0).peerId();
    other = Host.start(HostConfig.of(cluster.nodeKeys().get(1).privateKey(),
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + ports.get(1))),
        ConnectionGater.allowOnly(Set.of(op0))));
    otherPeerInfo = new PeerInfoProtocol(other, List.of(op0, cluster.nodeKeys().get(1).peerId()),
        new LocalPeerInfo("v1.11.0", "abcdef1",
            HexFormat.of().formatHex(cluster.lock().lockHash().toArray()), Instant.now(), false,
            "op1-charon"), Clock.systemUTC());
    registry.add("parsigex.cluster.lock-file",
        () -> dir.resolve(ClusterLockGenerator.LOCK_FILE).toString());
    registry.add("parsigex.identity.key-file",
        () -> dir.resolve("node0").resolve(ClusterLockGenerator.KEY_FILE).toString());
    registry.add("parsigex.p2p.listen[0]", () -> "/ip4/127.0.0.1/tcp/" + ports.get(0));
    for (int i = 0; i < 2; i++) {
      String entry = cluster.nodeKeys().get(i).peerId() + "=" + NAMES.get(i);
      registry.add("parsigex.metrics.peer-names[" + i + "]", () -> entry);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    otherPeerInfo.close();
    other.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static int freePort() throws Exception {
    return io.parsigex.testsupport.FreePorts.loopbackPort();
  }

  private String prometheus() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The value of the first series of {@code name} that has every one of {@code labels}. */
  static OptionalDouble sample(String prom, String name, Map<String, String> labels) {
    for (String line : prom.split("\n")) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      String set = line.substring(name.length(), line.lastIndexOf('}') + 1);
      // a whole label: peer="x" must not match cluster_peer="x"
      if (labels.entrySet().stream().allMatch(e -> java.util.regex.Pattern.compile("[{,]"
          + java.util.regex.Pattern.quote(e.getKey() + "=\"" + e.getValue() + "\"") + "[,}]")
          .matcher(set).find())) {
        return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return OptionalDouble.empty();
  }

  private double awaitSample(String name, Map<String, String> labels, DoublePredicate ok)
      throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    OptionalDouble v = OptionalDouble.empty();
    while (System.nanoTime() < end) {
      runtime.charonMetrics().orElseThrow().refresh();
      v = sample(prometheus(), name, labels);
      if (v.isPresent() && ok.test(v.getAsDouble())) {
        return v.getAsDouble();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + labels + " never satisfied the condition; last " + v);
  }

  private static String name(int operator) {
    return NAMES.get(operator);
  }

  @Test
  void everySeriesCarriesCharonsClusterLabels() throws Exception {
    String hash = HexFormat.of().formatHex(cluster.lock().lockHash().toArray()).substring(0, 7);
    String prom = prometheus();
    List<String> series = prom.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    assertThat(series).hasSizeGreaterThan(100).allSatisfy(l -> assertThat(l)
        .contains("cluster_hash=\"" + hash + "\"")
        .contains("cluster_name=\"generated cluster\"")
        .contains("cluster_network=\"hoodi\"")
        .contains("cluster_peer=\"" + name(0) + "\"")
        .contains("nickname=\"op0-jvm\"")
        .contains("charon_version=\"" + LocalPeerInfo.DEFAULT_VERSION + "\""));
    // our own series are still there, with the labels added
    assertThat(sample(prom, "parsigex_received_total", Map.of("duty", "randao"))).hasValue(0);
    assertThat(sample(prom, "app_peer_name", Map.of("peer_name", name(0)))).hasValue(1);
    assertThat(sample(prom, "cluster_network", Map.of("network", "hoodi"))).hasValue(1);
    assertThat(sample(prom, "cluster_operators", Map.of())).hasValue(2);
    assertThat(sample(prom, "cluster_threshold", Map.of())).hasValue(2);
    assertThat(sample(prom, "cluster_validators", Map.of())).hasValue(1);
    assertThat(sample(prom, "app_version", Map.of("version", LocalPeerInfo.DEFAULT_VERSION)))
        .hasValue(1);
    assertThat(sample(prom, "parsigex_peer", Map.of("peer", name(1),
        "peer_id", cluster.nodeKeys().get(1).peerId().toString()))).hasValue(1);
  }

  @Test
  void pingConnectionStreamAndByteSeriesFollowTheOtherOperator() throws Exception {
    Map<String, String> peer = Map.of("peer", name(1));
    // the node dials the ENR address and pings the other operator once a second
    awaitSample("p2p_ping_success", peer, v -> v == 1);
    awaitSample("p2p_ping_latency_secs_count", peer, v -> v >= 2);
    awaitSample("p2p_peer_connection_total", peer, v -> v >= 1);
    awaitSample("p2p_peer_connection_types", Map.of("peer", name(1), "type", "direct",
        "protocol", "tcp"), v -> v == 1);
    awaitSample("p2p_peer_connection_types", Map.of("peer", name(1), "type", "relay",
        "protocol", "tcp"), v -> v == 0);
    double pingIn = awaitSample("p2p_peer_network_receive_bytes_total", Map.of("peer", name(1),
        "protocol", Ping.PROTOCOL_ID, "transport", "tcp"), v -> v >= 2 * Ping.PAYLOAD_LENGTH);
    assertThat(pingIn % Ping.PAYLOAD_LENGTH).isZero();

    // bytes the other operator sends on a parsigex stream are counted as the node reads them
    PeerId op0 = cluster.nodeKeys().get(0).peerId();
    double before = sample(prometheus(), "p2p_peer_network_receive_bytes_total", Map.of("peer",
        name(1), "protocol", "/charon/parsigex/2.0.0")).orElse(0);
    HostStream parsigex = other.newStream(op0, "/charon/parsigex/2.0.0").get(20, TimeUnit.SECONDS);
    parsigex.handler((s, data) -> data.release());
    parsigex.write(Unpooled.wrappedBuffer(new byte[] {(byte) 0xe8, 0x07})); // declares 1,000
    parsigex.write(Unpooled.wrappedBuffer(new byte[500]));
    awaitSample("p2p_peer_network_receive_bytes_total", Map.of("peer", name(1),
        "protocol", "/charon/parsigex/2.0.0", "transport", "tcp"), v -> v >= before + 502);
    // a stream the other operator holds open is an inbound stream of its protocol
    HostStream held = other.newStream(op0, Ping.PROTOCOL_ID).get(20, TimeUnit.SECONDS);
    held.handler((s, data) -> data.release());
    awaitSample("p2p_peer_streams", Map.of("peer", name(1), "direction", "Inbound",
        "protocol", Ping.PROTOCOL_ID, "transport", "tcp"), v -> v >= 1);
    held.reset();
    parsigex.reset();
    awaitSample("p2p_peer_streams", Map.of("peer", name(1), "direction", "Inbound",
        "protocol", Ping.PROTOCOL_ID, "transport", "tcp"), v -> v == 0);
    // the node's own outbound ping streams, and what it sent on them
    awaitSample("p2p_peer_network_sent_bytes_total", Map.of("peer", name(1),
        "protocol", Ping.PROTOCOL_ID), v -> v >= 2 * Ping.PAYLOAD_LENGTH);
    assertThat(sample(prometheus(), "p2p_peer_streams", Map.of("peer", name(1), "direction",
        "Outbound", "protocol", Ping.PROTOCOL_ID))).isPresent();
    assertThat(sample(prometheus(), "p2p_reachability_status", Map.of())).hasValue(0);
  }

  @Test
  void peerInfoSeriesShowTheOtherOperatorsAnswerAndOurOwn() throws Exception {
    PeerId op1 = cluster.nodeKeys().get(1).peerId();
    long end = System.nanoTime() + WAIT.toNanos();
    while (!runtime.node().isConnected(op1) && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    // Charon asks once a minute; ask now
    runtime.node().peerInfo().request(op1).get(20, TimeUnit.SECONDS);
    Map<String, String> peer = Map.of("peer", name(1));
    awaitSample("app_peerinfo_version", Map.of("peer", name(1), "version", "v1.11.0"),
        v -> v == 1);
    String prom = prometheus();
    // our PeerInfoProtocol announces client type parsigex-jvm: no Charon release check, so 1
    assertThat(sample(prom, "app_peerinfo_dv_client", Map.of("peer", name(1), "dv_client",
        LocalPeerInfo.DV_CLIENT))).hasValue(1);
    assertThat(sample(prom, "app_peerinfo_version_support", peer)).hasValue(1);
    assertThat(sample(prom, "app_peerinfo_git_commit", Map.of("peer", name(1), "git_hash",
        "abcdef1"))).hasValue(1);
    assertThat(sample(prom, "app_peerinfo_nickname", Map.of("peer", name(1), "peer_nickname",
        "op1-charon"))).hasValue(1);
    assertThat(sample(prom, "app_peerinfo_builder_api_enabled", peer)).hasValue(0);
    assertThat(sample(prom, "app_peerinfo_clock_offset_seconds", peer).orElseThrow())
        .isBetween(-5.0, 5.0);
    assertThat(sample(prom, "app_peerinfo_start_time_secs", peer).orElseThrow())
        .isGreaterThan(1.7e9);
    assertThat(sample(prom, "app_peerinfo_index", Map.of("peer", name(0)))).hasValue(0);
    assertThat(sample(prom, "app_peerinfo_index", peer)).hasValue(1);
    // our own, set at start
    assertThat(sample(prom, "app_peerinfo_dv_client", Map.of("peer", name(0), "dv_client",
        LocalPeerInfo.DV_CLIENT))).hasValue(1);
    assertThat(sample(prom, "app_peerinfo_nickname", Map.of("peer", name(0), "peer_nickname",
        "op0-jvm"))).hasValue(1);
    assertThat(sample(prom, "app_peerinfo_version", Map.of("peer", name(0), "version",
        LocalPeerInfo.DEFAULT_VERSION))).hasValue(1);
    // ours: peerinfo problems by reason and fault, every reason there from the start
    assertThat(sample(prom, "parsigex_peerinfo_problems_total", Map.of("reason",
        "missing_timestamps", "fault", "peer"))).isPresent();
    assertThat(sample(prom, "parsigex_peerinfo_problems_total", Map.of("reason", "internal",
        "fault", "node"))).isPresent();
    assertThat(sample(prom, "parsigex_peerinfo_answered_total", Map.of())).isPresent();
  }
}
