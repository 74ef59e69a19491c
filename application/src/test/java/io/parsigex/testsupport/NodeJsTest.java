package io.parsigex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The process runner the JavaScript interop tests rely on, against real Node scripts
 * ({@code nodejs-process.mjs}): a hung script cannot block a test past its timeout.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class NodeJsTest {

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration HANG_TIMEOUT = Duration.ofSeconds(2);
  /** Slack on a loaded 2-core machine for the kill and the drain of the output after it. */
  private static final Duration KILL_SLACK = Duration.ofSeconds(8);

  @Test
  void aScriptThatNeverExitsIsKilledAtTheTimeoutWithItsOutputSoFar() throws Exception {
    try (NodeJs.JsProcess js = NodeJs.get().start("nodejs-process.mjs", "hang")) {
      js.awaitLine("started", STARTUP);
      js.awaitLine("tick 0", STARTUP);
      long start = System.nanoTime();
      assertThatThrownBy(() -> js.awaitExit(HANG_TIMEOUT))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("nodejs-process.mjs did not exit within " + HANG_TIMEOUT)
          .hasMessageContaining("killed")
          .hasMessageContaining("started")
          // ticks printed during the wait itself were collected, not only those read before it
          .hasMessageContaining("tick 3");
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertThat(waited).isGreaterThanOrEqualTo(HANG_TIMEOUT)
          .isLessThan(HANG_TIMEOUT.plus(KILL_SLACK));
      assertThat(js.process().waitFor(KILL_SLACK.toMillis(), TimeUnit.MILLISECONDS))
          .as("the hung script was killed").isTrue();
    }
  }

  @Test
  void outputAlreadyBufferedByAwaitLineIsKeptByAwaitExit() {
    int count = 5000;
    try (NodeJs.JsProcess js = NodeJs.get().start("nodejs-process.mjs", "lines",
        Integer.toString(count))) {
      js.awaitLine("line 0", STARTUP);
      String out = js.awaitExit(STARTUP);
      assertThat(out.lines().toList()).containsExactlyElementsOf(
          IntStream.range(0, count).mapToObj(i -> "line " + i).toList());
    }
  }

  @Test
  void aNonZeroExitIsReportedWithTheOutput() {
    try (NodeJs.JsProcess js = NodeJs.get().start("nodejs-process.mjs", "fail", "3")) {
      assertThatThrownBy(() -> js.awaitExit(STARTUP))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("nodejs-process.mjs exited with 3")
          .hasMessageContaining("about to fail");
    }
  }
}
