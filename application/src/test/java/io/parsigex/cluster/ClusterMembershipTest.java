package io.parsigex.cluster;

import io.parsigex.libp2p.crypto.KeyFile;
import io.parsigex.libp2p.peer.PeerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.testsupport.SharedTestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterMembershipTest {

  // Charon's example DKG (examples/cluster-lock-003.json, v1.7.0) was run with the well-known test
  // keys 32 x 0x01, 32 x 0x02, ... as operator identities; their peer ids are pinned in PeerIdTest
  // and RelayResolverTest (checked with js-libp2p).
  private static final String KEY_01 = "01".repeat(32);
  private static final String KEY_02 = "02".repeat(32);

  private static ClusterLock realLock() throws ClusterException {
    return new ClusterLockLoader().load(SharedTestData.read("charon-cluster/examples/cluster-lock-003.json"));
  }

  @Test
  void keyFileOfOperatorZeroMakesThisNodeShareIndexOne(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("charon-enr-private-key");
    Files.writeString(keyFile, KEY_01 + "\n");
    ClusterLock lock = realLock();
    ClusterMembership me = ClusterMembership.resolve(lock, NodeKey.load(keyFile));
    assertThat(me.shareIndex()).isEqualTo(1);
    assertThat(me.peerId().toString()).isEqualTo("16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi");
    assertThat(me.peers()).hasSize(lock.operators().size() - 1)
        .noneMatch(o -> o.peerId().equals(me.peerId()));
    assertThat(me.ownPublicShares()).hasSize(lock.validators().size());
    lock.validators().forEach(dv ->
        assertThat(me.ownPublicShares().get(dv.publicKey())).isEqualTo(dv.publicShares().get(0)));
    assertThat(me.publicSharesByValidator().get(lock.validators().get(0).publicKey()))
        .containsKeys(1, 2, 3, 4);
  }

  @Test
  void secondKeyIsShareIndexTwoWithPrefixAndCrlf() throws Exception {
    ClusterMembership me = ClusterMembership.resolve(realLock(),
        NodeKey.parse("0x" + KEY_02 + "\r\n", "test"));
    assertThat(me.shareIndex()).isEqualTo(2);
    assertThat(me.peerId().toString()).isEqualTo("16Uiu2HAkzdQ5Y9SYT91K1ue5SxXwgmajXntfScGnLYeip5hHyWmT");
  }

  @Test
  void foreignKeyIsRefusedNamingItsPeerIdAndTheOperators() throws Exception {
    ClusterLock lock = realLock();
    NodeKey foreign = NodeKey.parse("2a".repeat(32), "test");
    assertThatThrownBy(() -> ClusterMembership.resolve(lock, foreign))
        .isInstanceOf(ClusterException.NotAMember.class)
        .hasMessageContaining(foreign.peerId().toString())
        .hasMessageContaining(lock.operators().get(0).peerId().toString())
        .hasMessageContaining(lock.operators().get(3).peerId().toString())
        .hasMessageNotContaining("2a2a2a");
  }

  @Test
  void malformedKeyFilesAreRefused(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> NodeKey.parse(KEY_01.substring(1), "k"))
        .isInstanceOf(ClusterException.InvalidKeyFile.class).hasMessageContaining("64 hex");
    assertThatThrownBy(() -> NodeKey.parse("zz" + KEY_01.substring(2), "k"))
        .isInstanceOf(ClusterException.InvalidKeyFile.class).hasMessageContaining("hex");
    assertThatThrownBy(() -> NodeKey.parse("00".repeat(32), "k"))
        .isInstanceOf(ClusterException.InvalidKeyFile.class).hasMessageContaining("not a valid key");
    assertThatThrownBy(() -> NodeKey.parse("ff".repeat(32), "k"))
        .isInstanceOf(ClusterException.InvalidKeyFile.class);
    assertThatThrownBy(() -> NodeKey.parse(KEY_01 + "\n\n", "k"))
        .isInstanceOf(ClusterException.InvalidKeyFile.class);
    assertThatThrownBy(() -> NodeKey.load(dir.resolve("absent")))
        .isInstanceOf(ClusterException.InvalidKeyFile.class).hasMessageContaining("absent");
    Path big = dir.resolve("big");
    Files.writeString(big, "0".repeat(KeyFile.MAX_FILE_BYTES + 1));
    assertThatThrownBy(() -> NodeKey.load(big)).isInstanceOf(ClusterException.InvalidKeyFile.class);
  }

  @Test
  void keyTextRoundTripsAndNeverShowsTheSecret() throws Exception {
    NodeKey key = NodeKey.parse(KEY_01, "k");
    assertThat(key.toFileText()).isEqualTo(KEY_01);
    assertThat(key.toString()).doesNotContain(KEY_01).contains(key.peerId().toString());
    // The libp2p package derives the same peer id from the same key, and reads the same file text.
    assertThat(PeerId.fromPublicKey(key.privateKey().publicKey())).isEqualTo(key.peerId());
    assertThat(KeyFile.parse(KEY_01 + "\n", "k").bytes()).isEqualTo(key.privateKey().bytes());
  }
}
