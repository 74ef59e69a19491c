package io.parsigex.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.testsupport.NodeJs;
import io.parsigex.testsupport.SharedTestData;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peer ids this package derives from lock ENRs agree with js-libp2p's. */
class ClusterPeerIdsJsTest {

  @Test
  void peerIdsOfRealAndGoldenLocksMatchJsLibp2p() throws Exception {
    Map<String, String> ours = new LinkedHashMap<>();
    ClusterLock real = new ClusterLockLoader()
        .load(SharedTestData.read("charon-cluster/examples/cluster-lock-000.json"));
    ClusterLock golden = new ClusterLockLoader(ClusterLockLoader.Verification.HASHES_ONLY)
        .load(SharedTestData.read("charon-cluster/cluster_lock_v1_11_0.json"));
    for (ClusterLock lock : new ClusterLock[] {real, golden}) {
      for (ClusterOperator o : lock.operators()) {
        ours.put(HexFormat.of().formatHex(o.enr().publicKey().compressed()), o.peerId().toString());
      }
    }
    assertThat(ours).hasSize(real.operators().size() + golden.operators().size());
    String out = NodeJs.get().run(Duration.ofSeconds(30), "cluster-peer-ids.mjs",
        ours.keySet().toArray(String[]::new));
    Map<String, String> theirs = new LinkedHashMap<>();
    out.lines().filter(l -> !l.isBlank()).forEach(l -> {
      String[] parts = l.trim().split(" ");
      theirs.put(parts[0], parts[1]);
    });
    assertThat(theirs).isEqualTo(ours);
  }
}
