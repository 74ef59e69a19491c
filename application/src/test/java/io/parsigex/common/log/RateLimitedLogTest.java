package io.parsigex.common.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class RateLimitedLogTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger("test"),
      Level.INFO, Duration.ofSeconds(10), now::get, false);

  @Test
  void firstOccurrenceIsWrittenTheRestSummarisedOncePerWindow() {
    assertThat(log.log("peer-a invalid_signature", () -> "first")).isTrue();
    for (int i = 0; i < 20_000; i++) {
      assertThat(log.log("peer-a invalid_signature", () -> "again")).isFalse();
    }
    assertThat(log.linesWritten()).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    log.flush();
    assertThat(log.linesWritten()).isEqualTo(2);
    log.flush();
    assertThat(log.linesWritten()).as("nothing new to summarise").isEqualTo(2);
  }

  @Test
  void keysAreIndependent() {
    assertThat(log.log("a", () -> "x")).isTrue();
    assertThat(log.log("b", () -> "x")).isTrue();
    assertThat(log.log("a", () -> "x")).isFalse();
    assertThat(log.linesWritten()).isEqualTo(2);
  }

  @Test
  void aQuietKeyIsNewsAgainAfterItsWindow() {
    log.log("a", () -> "x");
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(log.log("a", () -> "y")).isTrue();
    assertThat(log.linesWritten()).isEqualTo(2);
  }

  @Test
  void aFloodPastTheWindowWritesItsSummaryOnTheNextOccurrence() {
    log.log("a", () -> "x");
    log.log("a", () -> "x");
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(log.log("a", () -> "x")).isTrue();
    assertThat(log.linesWritten()).isEqualTo(2);
  }

  @Test
  void keysBeyondTheCapShareOneOverflowKey() {
    for (int i = 0; i < RateLimitedLog.MAX_KEYS + 500; i++) {
      int n = i;
      log.log("source-" + n, () -> "x");
    }
    assertThat(log.linesWritten()).isEqualTo(RateLimitedLog.MAX_KEYS + 1);
  }

  @Test
  void closeWritesWhatIsPending() {
    log.log("a", () -> "x");
    log.log("a", () -> "x");
    log.close();
    assertThat(log.linesWritten()).isEqualTo(2);
  }
}
