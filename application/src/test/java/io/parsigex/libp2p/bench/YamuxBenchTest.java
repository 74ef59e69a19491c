package io.parsigex.libp2p.bench;

import io.parsigex.testsupport.Prerequisite;
import org.junit.jupiter.api.Test;

/** Runs {@link YamuxBench} in the bench profile ({@code -Dparsigex.bench=true}). */
class YamuxBenchTest {
  @Test
  void yamuxThroughputAndStreamRate() throws Exception {
    Prerequisite.optIn("parsigex.bench", "the benchmark (./mvnw -Pbench ...)");
    YamuxBench.main(new String[0]);
  }
}
