package io.parsigex.plugins.bls;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs {@link BatchVerifierBench} in the bench profile ({@code -Dparsigex.bench=true}). */
class BatchVerifierBenchTest {
  @Test
  void batchAgainstOneByOne() {
    Assumptions.assumeTrue(Boolean.getBoolean("parsigex.bench"),
        "SKIPPED: benchmark runs only with -Dparsigex.bench=true (./mvnw -Pbench ...)");
    BatchVerifierBench.main(new String[0]);
  }
}
