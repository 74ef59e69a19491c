package io.parsigex.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.testsupport.SharedTestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterLockLoaderTest {

  @ParameterizedTest(name = "golden lock v1.{0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
  void goldenLockHashesVerify(int minor) throws ClusterException {
    byte[] json = SharedTestData.read("charon-cluster/cluster_lock_v1_" + minor + "_0.json");
    ClusterLock lock = new ClusterLockLoader(ClusterLockLoader.Verification.HASHES_ONLY).load(json);
    assertThat(lock.version().text()).isEqualTo("v1." + minor + ".0");
  }

  @ParameterizedTest(name = "real lock {0}")
  @ValueSource(strings = {"cluster-lock-000.json", "cluster-lock-001.json", "cluster-lock-002.json",
      "cluster-lock-003.json"})
  void realLocksVerifyFully(String name) throws ClusterException {
    byte[] json = SharedTestData.read("charon-cluster/examples/" + name);
    ClusterLock lock = new ClusterLockLoader().load(json);
    assertThat(lock.operators()).isNotEmpty();
  }

  @ParameterizedTest(name = "golden definition v1.{0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
  void goldenDefinitionHashesVerify(int minor) throws ClusterException {
    byte[] json = SharedTestData.read("charon-cluster/cluster_definition_v1_" + minor + "_0.json");
    ClusterDefinition def =
        new ClusterLockLoader(ClusterLockLoader.Verification.HASHES_ONLY).loadDefinition(json);
    assertThat(def.version().text()).isEqualTo("v1." + minor + ".0");
  }

  @ParameterizedTest(name = "real definition {0}")
  @ValueSource(strings = {"000", "001", "002", "003", "004", "005", "006"})
  void realDefinitionsVerifyFully(String n) throws ClusterException {
    byte[] json = SharedTestData.read("charon-cluster/examples/cluster-definition-" + n + ".json");
    ClusterDefinition def = new ClusterLockLoader().loadDefinition(json);
    assertThat(def.operators()).isNotEmpty();
  }

  @ParameterizedTest(name = "fork {0} is preset {1}")
  @org.junit.jupiter.params.provider.CsvSource({"00000000,mainnet", "90000069,sepolia",
      "10000910,hoodi", "00000064,gnosis", "0000006f,chiado", "00001020,custom"})
  void forkVersionNamesTheChainPreset(String fork, String preset) throws ClusterException {
    ClusterLockGenerator.GeneratedCluster c = new ClusterLockGenerator(new java.util.Random(1))
        .generate(ClusterLockGenerator.Spec.of(1, 1,
            Bytes.of(java.util.HexFormat.of().parseHex(fork))));
    ClusterLock lock = new ClusterLockLoader().load(c.lockJson());
    assertThat(lock.chainPreset()).isEqualTo(preset);
    assertThat(lock.definition().forkVersion().to0xHex()).isEqualTo("0x" + fork);
  }

  @org.junit.jupiter.api.Test
  void realLockFieldsComeOutInOperatorOrder() throws ClusterException {
    ClusterLock lock = new ClusterLockLoader()
        .load(SharedTestData.read("charon-cluster/examples/cluster-lock-003.json"));
    assertThat(lock.version()).isEqualTo(LockVersion.V1_7);
    assertThat(lock.chainPreset()).isEqualTo("custom"); // goerli is not a preset
    assertThat(lock.threshold()).isEqualTo(3);
    assertThat(lock.operators()).extracting(ClusterOperator::shareIndex).containsExactly(1, 2, 3, 4);
    assertThat(lock.peerIds().get(0).toString())
        .isEqualTo("16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi");
    assertThat(lock.validators()).hasSize(3);
    assertThat(lock.validators().get(0).publicKey().wireKey()).isEqualTo("0x944066a805e47400c186a4d1"
        + "26cfce2d7141b039f02838ef368b0b6928c1d5eb42a71005ed1bb3f0c7b64052258a3ff1");
    assertThat(lock.validators().get(0).publicShare(2).wireKey()).isEqualTo("0x927f74cc6b5d6316a57ddf"
        + "108022c3eaaa2c607a29e9462dcfa71acd2db08478fd160626296c17b7326fe18b9dc435fe");
  }
}
