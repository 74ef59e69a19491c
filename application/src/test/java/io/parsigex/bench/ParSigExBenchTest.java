package io.parsigex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.testsupport.Prerequisite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ParSigExBench} when {@code -Dparsigex.bench=true} (off by default: it takes about a
 * minute and wants the machine to itself).
 */
class ParSigExBenchTest {

  @Test
  void javaPairBeatsTheJsPairOnEveryFigure() throws Exception {
    Prerequisite.optIn("parsigex.bench", "the benchmark (./mvnw -Pbench ...)");
    List<ParSigExBench.Result> results = ParSigExBench.runAll(true);
    System.out.println("---- parsigex end-to-end benchmark ----");
    results.forEach(r -> System.out.println(r.format()));
    for (ParSigExBench.Result r : results) {
      assertThat(r.failures()).as(r.format()).isZero();
    }
    for (ParSigExBench.Result java : results) {
      if (!java.who().equals("java")) {
        continue;
      }
      for (ParSigExBench.Result js : results) {
        if (js.who().equals("js") && js.entries() == java.entries()
            && js.verify() == java.verify()) {
          String both = java.format() + "\n" + js.format();
          assertThat(java.setsPerSecond()).as(both).isGreaterThan(js.setsPerSecond());
          assertThat(java.p50Micros()).as(both).isLessThan(js.p50Micros());
          assertThat(java.p99Micros()).as(both).isLessThan(js.p99Micros());
        }
      }
    }
  }
}
