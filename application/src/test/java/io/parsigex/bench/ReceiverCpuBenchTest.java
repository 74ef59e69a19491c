package io.parsigex.bench;

import io.parsigex.testsupport.Prerequisite;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ReceiverCpuBench} when {@code -Dparsigex.bench=true}: receiver CPU per received set,
 * Java node against js-libp2p, cold and warm, and the ratio.
 */
class ReceiverCpuBenchTest {

  @Test
  void javaReceiverSpendsLessCpuPerSetThanJsLibp2p() throws Exception {
    Prerequisite.optIn("parsigex.bench", "the receiver CPU benchmark (./mvnw -Pbench ...)");
    System.out.println("---- receiver CPU per set (js-libp2p sender, new stream per set) ----");
    List<ReceiverCpuBench.Result> results = ReceiverCpuBench.runAll();
    String summary = ReceiverCpuBench.summary(results);
    System.out.println(summary);
    for (ReceiverCpuBench.Result r : results) {
      assertThat(r.failures()).as(r.format()).isZero();
    }
    if (results.stream().noneMatch(r -> r.who().equals("js"))) {
      Prerequisite.optional("js receiver not run (bench.receiver.jsToo=false): nothing to compare");
    }
    assertThat(ReceiverCpuBench.median(results, "java", false))
        .as(summary).isLessThan(ReceiverCpuBench.median(results, "js", false));
    // cold (the first 6,000 sets of a fresh JVM) is printed, not asserted: the JIT's own CPU
    // dominates it, and on a loaded machine it is above js-libp2p's (see the README)
  }
}
