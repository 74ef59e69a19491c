package io.parsigex.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.testsupport.NodeJs;
import io.parsigex.testsupport.SharedTestData;
import io.parsigex.testsupport.TestSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock, definition and config hashes this package computes for generated locks agree with an
 * independent SSZ implementation (@chainsafe/ssz, {@code cluster-lock-ssz.mjs}); the same script is
 * first checked against Charon's own golden v1.10 and v1.11 locks.
 */
@ExtendWith(TestSeed.class)
class ClusterLockSszJsTest {

  @Test
  void generatedLocksHashLikeChainsafeSsz(@TempDir Path dir) throws Exception {
    long seed = TestSeed.seed("ClusterLockSszJsTest.generatedLocksHashLikeChainsafeSsz");
    Random rnd = new Random(seed);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String golden : List.of("cluster_lock_v1_10_0.json", "cluster_lock_v1_11_0.json")) {
      Path p = SharedTestData.file("charon-cluster/" + golden);
      ClusterLock lock = new ClusterLockLoader(ClusterLockLoader.Verification.HASHES_ONLY)
          .load(Files.readAllBytes(p));
      expected.put(p.toString(), hashes(lock));
    }
    ClusterLockGenerator gen = new ClusterLockGenerator(rnd);
    for (int i = 0; i < 4; i++) {
      int operators = 1 + rnd.nextInt(9);
      int validators = 1 + rnd.nextInt(4);
      ClusterLockGenerator.GeneratedCluster c = gen.generate(new ClusterLockGenerator.Spec(
          operators, validators, 1 + rnd.nextInt(operators),
          Bytes.of(HexFormat.of().parseHex("00000000")), List.of(), "2026-11-23T00:00:0" + i + "Z"));
      Path p = dir.resolve("lock" + i + ".json");
      Files.write(p, c.lockJson());
      expected.put(p.toString(), hashes(c.lock()));
    }
    String out = NodeJs.get().run(Duration.ofSeconds(60), "cluster-lock-ssz.mjs",
        expected.keySet().toArray(String[]::new));
    Map<String, List<String>> actual = new LinkedHashMap<>();
    out.lines().filter(l -> !l.isBlank()).forEach(l -> {
      String[] parts = l.trim().split(" ");
      actual.put(parts[0], List.of(parts[1], parts[2], parts[3]));
    });
    assertThat(actual).as("seed %d", seed).isEqualTo(expected);
  }

  private static List<String> hashes(ClusterLock lock) {
    List<String> out = new ArrayList<>();
    out.add(lock.definition().configHash().to0xHex());
    out.add(lock.definition().definitionHash().to0xHex());
    out.add(lock.lockHash().to0xHex());
    return out;
  }
}
