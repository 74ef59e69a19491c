package io.parsigex.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class YamuxConfigTest {

  @Test
  void defaultsFollowTheSpec() {
    YamuxConfig c = YamuxConfig.defaults();
    assertThat(c.receiveWindow()).isEqualTo(256 * 1024);
    assertThat(c.maxUnackedInboundStreams()).isEqualTo(256);
    assertThat(c.maxReceiveWindow()).isEqualTo(16 * 1024 * 1024);
    assertThat(c.autoTunesWindows()).isTrue();
    assertThat(c.withoutWindowAutoTuning().autoTunesWindows()).isFalse();
    assertThat(c.withReceiveWindow(32 * 1024 * 1024).maxReceiveWindow())
        .as("a larger base window lifts the ceiling with it").isEqualTo(32 * 1024 * 1024);
    assertThat(c.keepAliveInterval()).isPositive();
  }

  @Test
  void invalidLimitsAreRejectedWithTheirName() {
    YamuxConfig c = YamuxConfig.defaults();
    assertThatIllegalArgumentException().isThrownBy(() -> c.withReceiveWindow(1024))
        .withMessageContaining("receiveWindow");
    assertThatIllegalArgumentException().isThrownBy(() -> c.withStreamLimits(0, 10))
        .withMessageContaining("maxUnackedInboundStreams");
    assertThatIllegalArgumentException().isThrownBy(() -> c.withStreamLimits(10, -1))
        .withMessageContaining("maxConcurrentStreams");
    assertThatIllegalArgumentException().isThrownBy(() -> c.withMaxPendingWriteBytes(0))
        .withMessageContaining("maxPendingWriteBytes");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> c.withKeepAliveInterval(Duration.ofSeconds(-1)))
        .withMessageContaining("keepAliveInterval");
    assertThatIllegalArgumentException().isThrownBy(() -> c.withPingTimeout(Duration.ZERO))
        .withMessageContaining("pingTimeout");
    assertThat(c.withKeepAliveInterval(Duration.ZERO).keepAliveInterval()).isZero();
    assertThatIllegalArgumentException().isThrownBy(() -> c.withWindowAutoTuning(1024, 0))
        .withMessageContaining("maxReceiveWindow");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> c.withWindowAutoTuning(c.maxReceiveWindow(), -1))
        .withMessageContaining("sessionWindowBudget");
  }
}
