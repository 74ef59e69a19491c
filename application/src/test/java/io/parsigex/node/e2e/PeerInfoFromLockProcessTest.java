package io.parsigex.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.cluster.ClusterLockGenerator;
import io.parsigex.core.peerinfo.LocalPeerInfo;
import io.parsigex.core.peerinfo.PeerInfoProtocol;
import io.parsigex.core.peerinfo.PeerInfoReport;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node JVM started as an operator starts it, from a Charon {@code cluster-lock.json}, a key file
 * and {@code parsigex.peerinfo.*}, answers the peerinfo request of the lock's other operator (here
 * a host of ours with that operator's key, asking as Charon's peerinfo does) with the lock's hash,
 * the configured nickname and builder-API flag, and client type {@code parsigex-jvm}.
 */
class PeerInfoFromLockProcessTest {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  @Test
  void aNodeStartedFromALockAnnouncesItsHashNicknameAndBuilderFlag() throws Exception {
    Path dir = Files.createTempDirectory("parsigex-peerinfo-e2e");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Integer> ports = List.of(NodeProcess.freePort(), NodeProcess.freePort());
    ClusterLockGenerator.GeneratedCluster cluster = new ClusterLockGenerator(new SecureRandom())
        .generate(new ClusterLockGenerator.Spec(2, 1, 2, Bytes.of(new byte[] {0, 0, 0, 0}),
            ports, "2026-12-04T00:00:00Z"));
    Path clusterDir = dir.resolve("cluster");
    cluster.writeTo(clusterDir);
    PeerId op0 = cluster.nodeKeys().get(0).peerId();
    PeerId op1 = cluster.nodeKeys().get(1).peerId();
    String lockHash = HexFormat.of().formatHex(cluster.lock().lockHash().toArray());
    try (NodeProcess node = NodeProcess.start("op0", NodeProcess.freePort(), List.of(
        "--parsigex.cluster.lock-file=" + clusterDir.resolve(ClusterLockGenerator.LOCK_FILE),
        "--parsigex.identity.key-file=" + clusterDir.resolve("node0")
            .resolve(ClusterLockGenerator.KEY_FILE),
        "--parsigex.p2p.listen[0]=/ip4/127.0.0.1/tcp/" + ports.get(0),
        "--parsigex.plugins.dir=" + NodeProcess.pluginCopy(dir.resolve("op0-plugins")),
        "--parsigex.peerinfo.nickname=op0-jvm",
        "--parsigex.peerinfo.builder-api-enabled=true"), dir.resolve("op0.log"), http);
        Host other = Host.start(HostConfig.of(cluster.nodeKeys().get(1).privateKey(),
            List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + ports.get(1))),
            ConnectionGater.allowOnly(java.util.Set.of(op0))));
        PeerInfoProtocol asker = new PeerInfoProtocol(other, List.of(op0, op1),
            new LocalPeerInfo("v1.11.0", "abcdef1", lockHash, Instant.now(), true, "op1"),
            Clock.systemUTC())) {
      node.awaitGet("/api/v1/node", body -> body.contains("\"connected\":true"), STARTUP);
      PeerInfoReport r = asker.request(op0).get(30, TimeUnit.SECONDS);
      assertThat(r.info().lockHashHex()).isEqualTo(lockHash);
      assertThat(r.lockHashMatches()).isTrue();
      assertThat(r.info().nickname()).isEqualTo("op0-jvm");
      assertThat(r.info().builderApiEnabled()).isTrue();
      assertThat(r.info().dvClient()).isEqualTo(LocalPeerInfo.DV_CLIENT);
      assertThat(r.info().gitHash()).isEqualTo(LocalPeerInfo.UNKNOWN_GIT_HASH);
      assertThat(r.info().startedAt()).isPresent();
    } finally {
      NodeProcess.deleteTree(dir);
    }
  }
}
