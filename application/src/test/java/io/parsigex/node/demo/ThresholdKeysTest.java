package io.parsigex.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

class ThresholdKeysTest {

  private static boolean verify(byte[] pub, byte[] msg, byte[] sig) {
    return new P2_Affine(sig).core_verify(new P1_Affine(pub), true, msg, ThresholdKeys.DST)
        == BLST_ERROR.BLST_SUCCESS;
  }

  @Test
  void anyThresholdOfPartialsCombinesIntoTheGroupSignature() {
    ThresholdKeys keys = ThresholdKeys.generate(4, 3, new SecureRandom());
    byte[] root = new byte[32];
    root[5] = 7;
    byte[] p1 = keys.sign(1, root);
    byte[] p2 = keys.sign(2, root);
    byte[] p3 = keys.sign(3, root);
    byte[] p4 = keys.sign(4, root);
    assertThat(verify(keys.publicShares().get(1).bytes(), root, p2)).isTrue();
    assertThat(verify(keys.publicShares().get(0).bytes(), root, p2)).as("wrong share").isFalse();
    byte[] group = keys.publicKey().bytes();
    assertThat(verify(group, root, ThresholdKeys.combine(Map.of(1, p1, 2, p2, 3, p3)))).isTrue();
    assertThat(verify(group, root, ThresholdKeys.combine(Map.of(2, p2, 3, p3, 4, p4)))).isTrue();
    assertThat(verify(group, root, ThresholdKeys.combine(Map.of(1, p1, 4, p4))))
        .as("below threshold").isFalse();
  }
}
