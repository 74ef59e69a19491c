package io.parsigex.libp2p.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs {@link YamuxBench} in the bench profile ({@code -Dparsigex.bench=true}). */
class YamuxBenchTest {
  @Test
  void yamuxThroughputAndStreamRate() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("parsigex.bench"),
        "SKIPPED: benchmark runs only with -Dparsigex.bench=true (./mvnw -Pbench ...)");
    YamuxBench.main(new String[0]);
  }
}
