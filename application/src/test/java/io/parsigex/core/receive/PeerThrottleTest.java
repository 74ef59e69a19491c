package io.parsigex.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeerThrottleTest {

  private final AtomicLong now = new AtomicLong();
  private final PeerThrottle t = new PeerThrottle(now::get);

  private void fail(int n) {
    for (int i = 0; i < n; i++) {
      t.record("A", false, RejectReason.INVALID_SIGNATURE);
    }
  }

  @Test
  void peerFaultsThrottleAndNodeFaultsDoNot() {
    for (int i = 0; i < 100; i++) {
      t.record("A", false, RejectReason.TIMEOUT);
      t.record("A", false, RejectReason.PLUGIN_TIMEOUT);
      t.record("A", false, RejectReason.OVERLOADED);
      t.record("A", false, RejectReason.GATED);
    }
    assertThat(t.throttled("A")).isFalse();
    fail((int) PeerThrottle.THROTTLE_AT - 1);
    assertThat(t.throttled("A")).isFalse();
    fail(1);
    assertThat(t.throttled("A")).isTrue();
    assertThat(t.throttledPeers()).containsOnlyKeys("A");
    assertThat(t.throttled("B")).isFalse();
  }

  @Test
  void decayRestoresAThrottledPeer() {
    fail(20);
    assertThat(t.throttled("A")).isTrue();
    now.addAndGet(PeerThrottle.HALF_LIFE.toNanos()); // 10
    assertThat(t.throttled("A")).isTrue();
    now.addAndGet(PeerThrottle.HALF_LIFE.toNanos()); // 5
    assertThat(t.throttled("A")).isTrue();
    now.addAndGet(PeerThrottle.HALF_LIFE.toNanos()); // 2.5
    assertThat(t.throttled("A")).isFalse();
    assertThat(t.throttledPeers()).isEmpty();
  }

  @Test
  void verifiedSetsRestoreAThrottledPeer() {
    fail(20);
    int good = 0;
    while (t.throttled("A")) {
      t.record("A", true, null);
      good++;
    }
    assertThat(good).isEqualTo(9); // 20 - 9 * 2 = 2 < 4
  }
}
