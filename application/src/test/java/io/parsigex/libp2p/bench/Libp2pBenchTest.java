package io.parsigex.libp2p.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs {@link Libp2pBench} in the bench profile ({@code -Dparsigex.bench=true}). */
class Libp2pBenchTest {
  @Test
  void javaAgainstJsLibp2pThroughputAndStreamRate() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("parsigex.bench"),
        "SKIPPED: benchmark runs only with -Dparsigex.bench=true (./mvnw -Pbench ...)");
    Libp2pBench.main(new String[0]);
  }
}
