package io.parsigex.libp2p.bench;

import io.parsigex.testsupport.Prerequisite;
import org.junit.jupiter.api.Test;

/** Runs {@link Libp2pBench} in the bench profile ({@code -Dparsigex.bench=true}). */
class Libp2pBenchTest {
  @Test
  void javaAgainstJsLibp2pThroughputAndStreamRate() throws Exception {
    Prerequisite.optIn("parsigex.bench", "the benchmark (./mvnw -Pbench ...)");
    Libp2pBench.main(new String[0]);
  }
}
