package io.parsigex.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.cluster.crypto.Bls;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import supranational.blst.P2;

class ThresholdKeysTest {

  /** Combines partial signatures into the group signature: sum of λ_i · σ_i (Lagrange at 0). */
  private static byte[] combine(Map<Integer, byte[]> partials) {
    P2 acc = null;
    for (var e : partials.entrySet()) {
      P2 term = new P2(e.getValue()).mult(Bls.lagrangeAtZero(e.getKey(), partials.keySet()));
      acc = acc == null ? term : acc.add(term);
    }
    return acc.compress();
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
    assertThat(Bls.verify(keys.publicShares().get(1).bytes(), root, p2)).isTrue();
    assertThat(Bls.verify(keys.publicShares().get(0).bytes(), root, p2)).as("wrong share").isFalse();
    byte[] group = keys.publicKey().bytes();
    assertThat(Bls.verify(group, root, combine(Map.of(1, p1, 2, p2, 3, p3)))).isTrue();
    assertThat(Bls.verify(group, root, combine(Map.of(2, p2, 3, p3, 4, p4)))).isTrue();
    assertThat(Bls.verify(group, root, combine(Map.of(1, p1, 4, p4))))
        .as("below threshold").isFalse();
  }
}
