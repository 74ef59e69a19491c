package io.parsigex.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowTunerTest {

  private static final int BASE = YamuxConfig.INITIAL_WINDOW;
  private static final int MAX = 4 * BASE;
  private static final long RTT = Duration.ofMillis(10).toNanos();

  private static WindowTuner tuner(int budget) {
    return new WindowTuner(YamuxConfig.defaults().withWindowAutoTuning(MAX, budget));
  }

  @Test
  void nothingGrowsBeforeARoundTripIsKnown() {
    WindowTuner t = tuner(MAX);
    assertThat(t.grow(BASE, 0)).isZero();
    t.onRoundTrip(Duration.ofNanos(RTT));
    assertThat(t.roundTripNanos()).isEqualTo(RTT);
    assertThat(t.grow(BASE, RTT)).isEqualTo(BASE);
  }

  @Test
  void onlyUpdatesWithinFourRoundTripsGrowAndTheWindowDoublesUpToTheMaximum() {
    WindowTuner t = tuner(MAX);
    t.onRoundTrip(Duration.ofNanos(RTT));
    assertThat(t.grow(BASE, WindowTuner.FAST_ROUND_TRIPS * RTT)).as("a slow reader").isZero();
    assertThat(t.grow(BASE, WindowTuner.FAST_ROUND_TRIPS * RTT - 1)).isEqualTo(BASE);
    assertThat(t.grow(2 * BASE, 0)).isEqualTo(2 * BASE);
    assertThat(t.grow(MAX, 0)).as("at the maximum").isZero();
    assertThat(t.grow(3 * BASE, 0)).as("never past the maximum").isEqualTo(BASE);
  }

  @Test
  void growthComesFromTheSessionBudgetAndReturnsToIt() {
    WindowTuner t = tuner(BASE + BASE / 2);
    t.onRoundTrip(Duration.ofNanos(RTT));
    assertThat(t.grow(BASE, 0)).isEqualTo(BASE);
    assertThat(t.grow(BASE, 0)).as("what is left of the budget").isEqualTo(BASE / 2);
    assertThat(t.grow(BASE, 0)).as("budget spent").isZero();
    assertThat(t.reserved()).isEqualTo(BASE + BASE / 2);
    t.release(BASE);
    assertThat(t.reserved()).isEqualTo(BASE / 2);
    assertThat(t.highWater()).as("never shrinks").isEqualTo(BASE + BASE / 2);
    assertThat(t.grow(2 * BASE, 0)).isEqualTo(BASE);
  }

  @Test
  void disabledTuningNeverGrows() {
    WindowTuner t = new WindowTuner(YamuxConfig.defaults().withoutWindowAutoTuning());
    t.onRoundTrip(Duration.ofNanos(RTT));
    assertThat(t.grow(BASE, 0)).isZero();
  }
}
