package io.parsigex.plugins.bls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/** The bucket sums equal the plain sums of scalar multiplications, for every window width used. */
class MsmTest {

  @Test
  void bucketSumsEqualPlainSums() {
    long seed = Long.getLong("bls.test.seed", System.nanoTime());
    Random random = new Random(seed);
    // Sizes that use no buckets, then windows of 2 bits and up (see Msm.windowBits).
    for (int n : new int[] {1, 2, 5, 9, 17, 40, 130, 600}) {
      P1_Affine[] keys = new P1_Affine[n];
      P2_Affine[] sigs = new P2_Affine[n];
      long[] scalars = new long[n];
      for (int i = 0; i < n; i++) {
        P1 k = P1.generator().mult(Msm.unsigned(random.nextLong()));
        keys[i] = k.to_affine();
        sigs[i] = P2.generator().mult(Msm.unsigned(random.nextLong())).to_affine();
        scalars[i] = switch (random.nextInt(6)) {
          case 0 -> -1L; // all 64 bits set
          case 1 -> 1L;
          case 2 -> Long.MIN_VALUE; // only the top bit
          default -> random.nextLong();
        };
      }
      // A repeated point exercises additions of equal points (doubling inside a bucket).
      if (n > 1) {
        keys[n - 1] = keys[0];
        sigs[n - 1] = sigs[0];
        scalars[n - 1] = scalars[0];
      }
      P1 plain1 = new P1();
      P2 plain2 = new P2();
      for (int i = 0; i < n; i++) {
        plain1.add(keys[i].to_jacobian().mult(Msm.unsigned(scalars[i])));
        plain2.add(sigs[i].to_jacobian().mult(Msm.unsigned(scalars[i])));
      }
      int from = n > 2 ? 1 : 0;
      P1 part1 = new P1();
      P2 part2 = new P2();
      for (int i = from; i < n; i++) {
        part1.add(keys[i].to_jacobian().mult(Msm.unsigned(scalars[i])));
        part2.add(sigs[i].to_jacobian().mult(Msm.unsigned(scalars[i])));
      }
      assertThat(Msm.sumG1(keys, scalars, 0, n).is_equal(plain1)).as("seed %d n %d G1", seed, n)
          .isTrue();
      assertThat(Msm.sumG2(sigs, scalars, 0, n).is_equal(plain2)).as("seed %d n %d G2", seed, n)
          .isTrue();
      assertThat(Msm.sumG1(keys, scalars, from, n).is_equal(part1)).as("seed %d n %d", seed, n)
          .isTrue();
      assertThat(Msm.sumG2(sigs, scalars, from, n).is_equal(part2)).as("seed %d n %d", seed, n)
          .isTrue();
    }
  }

  @Test
  void windowWidthGrowsWithTheNumberOfPoints() {
    assertThat(Msm.windowBits(1)).isZero();
    assertThat(Msm.windowBits(2)).isZero();
    assertThat(Msm.windowBits(1000)).isBetween(6, 9);
    assertThat(Msm.windowBits(100_000)).isGreaterThan(Msm.windowBits(1000));
  }
}
