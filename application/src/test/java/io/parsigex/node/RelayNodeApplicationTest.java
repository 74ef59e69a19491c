package io.parsigex.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.libp2p.crypto.KeyFile;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.relay.JsRelay;
import io.parsigex.libp2p.relay.RelayClient;
import io.parsigex.libp2p.relay.RelayRouter;
import io.parsigex.node.runtime.NodeRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring node configured with {@code parsigex.p2p.relays} and a cluster peer that has no
 * address ({@code /p2p/<id>} only): it reserves on js-libp2p's relay, reaches the peer through it
 * (or is reached, by Charon's smaller-id rule), and reports the relay on health and metrics; a
 * relay URL that does not answer is reported on health and counted.
 */
// A context of its own, closed after the class: a cached one (a demo cluster, relay resolver) would
// keep running beside later tests.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parsigex.plugins.dir=target/plugins"})
class RelayNodeApplicationTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DEAD_RELAY_URL = "http://127.0.0.1:1/relay";
  private static JsRelay relay;
  private static Host other;
  private static RelayClient otherRelays;
  private static RelayRouter otherRouter;

  @LocalServerPort
  int port;
  @Autowired
  NodeRuntime runtime;

  @DynamicPropertySource
  static void cluster(DynamicPropertyRegistry registry) throws Exception {
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey nodeKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey otherKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId nodeId = PeerId.fromPublicKey(nodeKey.publicKey());
    PeerId otherId = PeerId.fromPublicKey(otherKey.publicKey());
    relay = new JsRelay(relayKey, 0, Duration.ofMinutes(10), null, 0);
    // the other member: a bare host using the same relay and routing rule
    other = Host.start(HostConfig.of(otherKey, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(Set.of(relay.peerId, nodeId)))
        .withRedialBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)));
    otherRelays = RelayClient.start(other, List.of(relay.address));
    otherRouter = RelayRouter.start(other, otherRelays, Map.of(nodeId, List.of()));
    Path key = Files.createTempFile("relay-node", ".key");
    key.toFile().deleteOnExit();
    Files.writeString(key, KeyFile.format(nodeKey));
    registry.add("parsigex.identity.key-file", key::toString);
    registry.add("parsigex.p2p.listen[0]", () -> "/ip4/127.0.0.1/tcp/0");
    registry.add("parsigex.p2p.relays[0]", relay.address::toString);
    // a relay URL nobody answers: failing, counted and reported, never fatal
    registry.add("parsigex.p2p.relays[1]", () -> DEAD_RELAY_URL);
    registry.add("parsigex.cluster.peers[0]", () -> "/p2p/" + nodeId);
    registry.add("parsigex.cluster.peers[1]", () -> "/p2p/" + otherId);
  }

  @AfterAll
  static void stop() {
    otherRouter.close();
    otherRelays.close();
    other.close();
    relay.close();
  }

  private String get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void reachesTheAddresslessPeerThroughTheRelayAndReportsIt() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end && runtime.connectedPeers() < 1) {
      Thread.sleep(50);
    }
    assertThat(runtime.connectedPeers()).isEqualTo(1);
    assertThat(runtime.node().host().openConnection(other.peerId()).orElseThrow().isRelayed())
        .isTrue();
    String health = "";
    String prom = "";
    end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < end && !(health.contains("\"relays_reserved\":\"1/1\"")
        && prom.contains("p2p_relay_connections{peer=\"" + relay.peerId + "\"} 1.0")
        && health.contains(DEAD_RELAY_URL))) {
      health = get("/actuator/health");
      prom = get("/actuator/prometheus");
      Thread.sleep(100);
    }
    assertThat(health).contains("\"relays_reserved\":\"1/1\"")
        .contains("\"peer_id\":\"" + relay.peerId + "\"").contains("\"relayed_connections\":1");
    assertThat(prom).contains("p2p_relay_connections{peer=\"" + relay.peerId + "\"} 1.0");
    // The dead relay URL: on health with why, and counted.
    assertThat(health).contains("\"relay_url_errors\"").contains(DEAD_RELAY_URL);
    assertThat(prom).containsPattern(
        "(?m)^parsigex_p2p_relay_resolution_failures_total [1-9][0-9]*\\.0$");
    assertThat(runtime.relayResolutionFailures()).isPositive();
  }
}
