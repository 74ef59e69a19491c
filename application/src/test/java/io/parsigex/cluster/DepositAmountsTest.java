package io.parsigex.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.testsupport.SharedTestData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Charon's definition readers refuse invalid {@code deposit_amounts} (v1.8 and later; the check
 * became effective in charon ac61f1e5c, 2026-08-12): each at least 1 ETH, at most 32 ETH (2048 ETH
 * when compounding), together at least 32 ETH. Its golden locks carry 16 + 16 ETH.
 */
class DepositAmountsTest {

  private static final String V1_11 = "charon-cluster/cluster_lock_v1_11_0.json";
  private static final String V1_8 = "charon-cluster/cluster_lock_v1_8_0.json";

  private static String withAmounts(String file, String amounts) {
    String json = new String(SharedTestData.read(file), StandardCharsets.UTF_8);
    String golden = json.replaceAll("\"deposit_amounts\":\\s*\\[[^\\]]*\\]",
        "\"deposit_amounts\": [" + amounts + "]");
    assertThat(golden).as("the golden has deposit_amounts")
        .contains("\"deposit_amounts\": [" + amounts + "]");
    return golden;
  }

  private static ClusterLock read(String json) throws ClusterException {
    return new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
        .load(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theGoldensAmountsAreAccepted() throws Exception {
    assertThat(read(withAmounts(V1_11, "\"16000000000\", \"16000000000\"")).definition()
        .depositAmounts()).containsExactly(16_000_000_000L, 16_000_000_000L);
    assertThat(read(withAmounts(V1_8, "")).definition().depositAmounts()).isEmpty();
    assertThat(read(withAmounts(V1_8, "\"1000000000\", \"31000000000\"")).definition()
        .depositAmounts()).hasSize(2);
  }

  @Test
  void anAmountBelowOneEthIsRefused() {
    assertThatThrownBy(() -> read(withAmounts(V1_11, "\"999999999\", \"32000000000\"")))
        .isInstanceOf(ClusterException.InvalidField.class)
        .hasMessageContaining("deposit_amounts").hasMessageContaining("at least 1 ETH");
  }

  @Test
  void aTotalBelow32EthIsRefused() {
    assertThatThrownBy(() -> read(withAmounts(V1_8, "\"16000000000\", \"15000000000\"")))
        .isInstanceOf(ClusterException.InvalidField.class)
        .hasMessageContaining("at least 32 ETH");
  }

  @Test
  void anAmountAbove32EthNeedsCompounding() throws Exception {
    assertThatThrownBy(() -> read(withAmounts(V1_11, "\"64000000000\"")))
        .isInstanceOf(ClusterException.InvalidField.class)
        .hasMessageContaining("compounding");
    String compounding = withAmounts(V1_11, "\"64000000000\"")
        .replaceFirst("\"compounding\":\\s*false", "\"compounding\": true");
    assertThat(read(compounding).definition().depositAmounts()).containsExactly(64_000_000_000L);
    assertThatThrownBy(() -> read(withAmounts(V1_11, "\"2048000000001\"")
        .replaceFirst("\"compounding\":\\s*false", "\"compounding\": true")))
        .isInstanceOf(ClusterException.InvalidField.class);
  }
}
