package io.parsigex.eth2.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.LodestarSsz;
import io.parsigex.testsupport.Prerequisite;
import org.junit.jupiter.api.Test;

/** Runs {@link Eth2Bench} when {@code -Dparsigex.bench=true} (off by default: it takes ~30 s). */
class Eth2BenchTest {
  @Test
  void javaIsFasterThanLodestar() throws Exception {
    Prerequisite.optIn("parsigex.bench", "the benchmark (./mvnw -Pbench ...)");
    try (LodestarSsz lodestar = LodestarSsz.start()) {
      var results = Eth2Bench.run(lodestar);
      results.forEach(r -> System.out.println(r.format()));
      assertThat(results).allSatisfy(r -> assertThat(r.javaFasterEverywhere())
          .as(r.format()).isTrue());
    }
  }
}
