package io.parsigex.libp2p.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.testsupport.TestSeed;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The arithmetic and parsing behind the libp2p bench's table (runs in the normal suite). */
@ExtendWith(TestSeed.class)
class Libp2pBenchFiguresTest {

  @Test
  void medianIsTheMiddleSampleAndLeavesTheSamplesAlone() {
    long seed = TestSeed.seed("Libp2pBenchFiguresTest.medianIsTheMiddleSampleAndLeavesTheSamplesAlone");
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 200; trial++) {
      double[] samples = new double[1 + rnd.nextInt(9)];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = rnd.nextInt(1000) / 10.0;
      }
      double[] before = samples.clone();
      double m = Libp2pBench.median(samples);
      assertThat(samples).as("seed %d", seed).containsExactly(before);
      long below = Arrays.stream(samples).filter(x -> x < m).count();
      long above = Arrays.stream(samples).filter(x -> x > m).count();
      assertThat(below).as("seed %d: %s -> %s", seed, Arrays.toString(samples), m)
          .isLessThanOrEqualTo(samples.length / 2);
      assertThat(above).as("seed %d: %s -> %s", seed, Arrays.toString(samples), m)
          .isLessThanOrEqualTo(samples.length / 2);
    }
    assertThat(Libp2pBench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThatThrownBy(() -> Libp2pBench.median(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheFiguresTheJsScriptPrints() {
    String json = "{\"kind\":\"streams\",\"count\":1000,\"inFlight\":16,\"seconds\":0.5,"
        + "\"streamsPerSecond\":2000.5}";
    assertThat(JsPeersWorkload.figure(json, "streamsPerSecond")).isEqualTo(2000.5);
    assertThat(JsPeersWorkload.figure("{\"mibPerSecond\":1.5e2}", "mibPerSecond"))
        .isEqualTo(150.0);
    assertThatThrownBy(() -> JsPeersWorkload.figure(json, "mibPerSecond"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("mibPerSecond");
  }

  @Test
  void runFiguresAreRatesAndRefuseNonsense() {
    RunResult r = RunResult.of(256, 2, 4);
    assertThat(r.perSecond()).isEqualTo(128);
    assertThat(r.perCpuSecond()).isEqualTo(64);
    assertThatThrownBy(() -> RunResult.of(256, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RunResult.of(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tableShowsRatiosAndFlagsThoseBelowTheTarget() {
    String table = Libp2pBench.table(List.of(new Libp2pBench.Row("a", 300, 100, 40, 10),
        new Libp2pBench.Row("b", 150, 100, 10, 20)), 5);
    assertThat(table).contains("| a | 300.0 | 100.0 | 3.00x | 4.00x |")
        .contains("| b | 150.0 | 100.0 | 1.50x (below the 3x target) | 0.50x |")
        .contains("median of 5 alternating rounds");
  }
}
