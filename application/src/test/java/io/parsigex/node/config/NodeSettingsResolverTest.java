package io.parsigex.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.cluster.ClusterLockGenerator;
import io.parsigex.libp2p.crypto.KeyFile;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NodeSettingsResolverTest {

  @TempDir Path dir;

  private static ParsigexProperties bind(Map<String, String> props) {
    return new Binder(new MapConfigurationPropertySource(props))
        .bindOrCreate("parsigex", ParsigexProperties.class);
  }

  private ClusterLockGenerator.GeneratedCluster generated() throws Exception {
    ClusterLockGenerator.GeneratedCluster g = new ClusterLockGenerator(new Random(7)).generate(
        new ClusterLockGenerator.Spec(4, 2, 3, Bytes.of(HexFormat.of().parseHex("10000910")),
            List.of(3610, 3611, 3612, 3613), "2026-11-23T00:00:00Z"));
    g.writeTo(dir);
    return g;
  }

  @Test
  void unusableLimitsAreRefusedAtBindingNamingTheProperty() {
    Map<String, String> bad = Map.of(
        "parsigex.protocol.verify-queue", "0",
        "parsigex.protocol.event-queue", "2147483647",
        "parsigex.protocol.max-inbound-streams", "-1",
        "parsigex.protocol.send-timeout", "-1s",
        "parsigex.protocol.receive-timeout", "0s",
        "parsigex.protocol.verify-workers", "100000",
        "parsigex.demo.threshold", "5",
        "parsigex.demo.slot-duration", "500ms");
    bad.forEach((property, value) -> assertThatThrownBy(() -> bind(Map.of(property, value)))
        .as(property).rootCause().isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(property + " must be"));
    // The defaults, and the documented "0 = one verification thread per core", bind.
    ParsigexProperties defaults = bind(Map.of());
    assertThat(defaults.protocol().verifyWorkers()).isZero();
    assertThat(defaults.protocol().sendTimeout()).hasSeconds(7);
    assertThat(defaults.p2p().listen()).containsExactly(NodeSettingsResolver.DEFAULT_LISTEN);
    assertThat(bind(Map.of("parsigex.p2p.listen", "/ip4/127.0.0.1/tcp/4000")).p2p().listen())
        .containsExactly("/ip4/127.0.0.1/tcp/4000");
  }

  @Test
  void aLockAndAKeyFileAreEnoughToJoin() throws Exception {
    ClusterLockGenerator.GeneratedCluster g = generated();
    NodeSettings s = NodeSettingsResolver.resolve(bind(Map.of(
        "parsigex.cluster.lock-file", dir.resolve("cluster-lock.json").toString(),
        "parsigex.identity.key-file", dir.resolve("node1/charon-enr-private-key").toString())));
    assertThat(s.cluster().members()).hasSize(4);
    assertThat(s.cluster().selfMember().shareIndex()).isEqualTo(2);
    assertThat(s.cluster().members()).extracting(m -> m.peerId())
        .containsExactlyElementsOf(g.lock().peerIds());
    assertThat(s.cluster().members().get(3).addresses()).hasToString("[/ip4/127.0.0.1/tcp/3613]");
    assertThat(s.cluster().validators()).hasSize(2);
    g.lock().validators().forEach(dv -> assertThat(
        s.cluster().validators().get(dv.publicKey()).publicShares())
        .containsExactlyElementsOf(dv.publicShares()));
    assertThat(s.chain().name()).isEqualTo("hoodi");
  }

  @Test
  void peersEntriesOverrideEnrAddresses() throws Exception {
    ClusterLockGenerator.GeneratedCluster g = generated();
    PeerId p0 = g.lock().peerIds().get(0);
    NodeSettings s = NodeSettingsResolver.resolve(bind(Map.of(
        "parsigex.cluster.lock-file", dir.resolve("cluster-lock.json").toString(),
        "parsigex.identity.key-file", dir.resolve("node1/charon-enr-private-key").toString(),
        "parsigex.cluster.peers[0]", "/ip4/10.1.2.3/tcp/9999/p2p/" + p0)));
    assertThat(s.cluster().members().get(0).addresses()).hasToString("[/ip4/10.1.2.3/tcp/9999]");
  }

  @Test
  void aForeignKeyIsRefusedNamingTheKeyFile() throws Exception {
    generated();
    Path foreign = dir.resolve("foreign-key");
    Files.writeString(foreign, KeyFile.format(Secp256k1PrivateKey.generate(new SecureRandom())));
    assertThatThrownBy(() -> NodeSettingsResolver.resolve(bind(Map.of(
        "parsigex.cluster.lock-file", dir.resolve("cluster-lock.json").toString(),
        "parsigex.identity.key-file", foreign.toString()))))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.property()).isEqualTo("parsigex.identity.key-file"));
  }

  @Test
  void aTamperedLockIsRefusedUnlessVerificationIsOverridden() throws Exception {
    ClusterLockGenerator.GeneratedCluster g = generated();
    Path lock = dir.resolve("cluster-lock.json");
    String json = Files.readString(lock);
    String share = g.lock().validators().get(0).publicShares().get(0).wireKey();
    String flipped = share.substring(0, 10) + (share.charAt(10) == '0' ? '1' : '0')
        + share.substring(11);
    Files.writeString(lock, json.replace(share, flipped));
    Map<String, String> props = new HashMap<>(Map.of(
        "parsigex.cluster.lock-file", lock.toString(),
        "parsigex.identity.key-file", dir.resolve("node0/charon-enr-private-key").toString()));
    assertThatThrownBy(() -> NodeSettingsResolver.resolve(bind(props)))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.property()).isEqualTo("parsigex.cluster.lock-file"));
    props.put("parsigex.cluster.lock-verification", "none");
    assertThat(NodeSettingsResolver.resolve(bind(props)).cluster().members()).hasSize(4);
  }

  @Test
  void badSettingsNameTheirProperty() throws Exception {
    Path key = dir.resolve("k");
    Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(new SecureRandom());
    Files.writeString(key, KeyFile.format(k));
    PeerId self = PeerId.fromPublicKey(k.publicKey());
    String me = "/ip4/127.0.0.1/tcp/3610/p2p/" + self;
    Secp256k1PrivateKey other = Secp256k1PrivateKey.generate(new SecureRandom());
    String them = "/ip4/127.0.0.1/tcp/3611/p2p/" + PeerId.fromPublicKey(other.publicKey());
    expect(Map.of("parsigex.identity.key-file", dir.resolve("missing").toString(),
        "parsigex.cluster.peers[0]", me), "parsigex.identity.key-file");
    expect(Map.of("parsigex.identity.key-file", key.toString(),
        "parsigex.cluster.peers[0]", them), "parsigex.cluster.peers");
    expect(Map.of("parsigex.identity.key-file", key.toString(),
        "parsigex.cluster.peers[0]", me, "parsigex.cluster.peers[1]", me),
        "parsigex.cluster.peers[1]");
    expect(Map.of("parsigex.identity.key-file", key.toString(),
        "parsigex.cluster.peers[0]", me, "parsigex.chain.preset", "holesky"),
        "parsigex.chain.preset");
    expect(Map.of("parsigex.identity.key-file", key.toString(),
        "parsigex.cluster.peers[0]", me,
        "parsigex.cluster.validators[0].public-key", "0x" + "ab".repeat(48),
        "parsigex.cluster.validators[0].public-shares[0]", "0x1234"),
        "parsigex.cluster.validators[0].public-shares[0]");
  }

  private static void expect(Map<String, String> props, String property) {
    assertThatThrownBy(() -> NodeSettingsResolver.resolve(bind(props)))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.property()).isEqualTo(property));
  }
}
