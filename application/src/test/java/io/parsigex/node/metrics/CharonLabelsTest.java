package io.parsigex.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.cluster.ClusterLock;
import io.parsigex.cluster.ClusterLockLoader;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.SharedTestData;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The labels Charon derives from a lock ({@code app/app.go}: {@code Hex7} of the lock hash, the
 * lock's name, the peer id, the network of its fork version), on Charon's own golden lock;
 * Charon's release check for a Charon peer's version; peer labels that never merge two members.
 */
class CharonLabelsTest {

  @Test
  void derivesCharonsConstantLabelsFromCharonsGoldenLock() throws Exception {
    ClusterLock lock = new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
        .load(SharedTestData.file("charon-cluster/cluster_lock_v1_11_0.json"));
    PeerId self = lock.peerIds().get(0);
    ClusterLabels labels = ClusterLabels.of(lock, self.toString(), "nick", "v0.1.0");
    String hash = HexFormat.of().formatHex(lock.lockHash().toArray());
    assertThat(labels.clusterHash()).hasSize(7).isEqualTo(hash.substring(0, 7));
    assertThat(labels.clusterName()).isEqualTo(lock.definition().name());
    assertThat(labels.clusterPeer()).isEqualTo(self.toString());
    assertThat(labels.clusterNetwork()).isEqualTo(ClusterLabels.NETWORKS.getOrDefault(
        lock.definition().forkVersion().to0xHex(), ClusterLabels.UNKNOWN_NETWORK));
    assertThat(labels.operators()).isEqualTo(lock.operators().size());
    assertThat(labels.tags().stream().map(t -> t.getKey()).toList()).containsExactlyInAnyOrder(
        "cluster_hash", "cluster_name", "cluster_network", "cluster_peer", "nickname",
        "charon_version");
  }

  @Test
  void namesNetworksAsCharonsForkVersionTableDoes() {
    assertThat(ClusterLabels.NETWORKS).containsEntry("0x00000000", "mainnet")
        .containsEntry("0x10000910", "hoodi").containsEntry("0x00001020", "goerli")
        .hasSize(6);
  }

  @Test
  void supportsTheCharonVersionsCharonSupports() {
    for (String v : List.of("v1.0.0", "v1.7", "v1.10.3", "v1.11.0-rc3", "v1.11-dev", "v1.12.0",
        "v2.0.0", "v99999999999999999999.0")) {
      assertThat(PeerInfoMetrics.isSupportedCharonVersion(v)).as(v).isTrue();
    }
    for (String v : List.of("v0.19.2", "1.10.0", "", "unknown", "v1", "v1.x")) {
      assertThat(PeerInfoMetrics.isSupportedCharonVersion(v)).as(v).isFalse();
    }
  }

  @Test
  void peerLabelsAreThePeerIds() {
    PeerId a = PeerId.fromPublicKey(io.parsigex.libp2p.crypto.Secp256k1PrivateKey
        .generate(new java.security.SecureRandom()).publicKey());
    assertThat(PeerLabels.ids().of(a)).isEqualTo(a.toString());
    assertThat(PeerLabels.ids().of(a.toString())).isEqualTo(a.toString());
  }
}
