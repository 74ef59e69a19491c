package io.parsigex.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
}
