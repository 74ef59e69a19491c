package io.parsigex.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceiveWindowTest {

  private static final long WINDOW = YamuxConfig.INITIAL_WINDOW;
  private static final long THRESHOLD = WINDOW / 2;
  private static final int STEPS = 20_000;

  @Test
  void creditIsGrantedOnlyForConsumedBytesInBatches() {
    ReceiveWindow w = new ReceiveWindow(WINDOW, THRESHOLD);
    assertThat(w.receive(WINDOW)).isTrue();
    assertThat(w.receive(1)).as("no window left").isFalse();
    assertThat(w.buffered()).isEqualTo(WINDOW);
    assertThat(w.consume(THRESHOLD - 1, true)).as("below the threshold").isZero();
    assertThat(w.remaining()).isZero();
    assertThat(w.consume(1, true)).isEqualTo(THRESHOLD);
    assertThat(w.remaining()).isEqualTo(THRESHOLD);
    assertThat(w.consume(THRESHOLD, false)).as("no grants after the peer's FIN").isZero();
    assertThat(w.unreturned()).isEqualTo(THRESHOLD);
  }

  @Test
  void randomTrafficKeepsTheInvariant() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    ReceiveWindow w = new ReceiveWindow(WINDOW, THRESHOLD);
    long granted = 0;
    long consumed = 0;
    for (int i = 0; i < STEPS; i++) {
      if (rnd.nextBoolean()) {
        long n = rnd.nextInt((int) WINDOW / 4);
        long before = w.remaining();
        boolean ok = w.receive(n);
        assertThat(ok).as("seed %d", seed).isEqualTo(n <= before);
      } else {
        long n = w.buffered() == 0 ? 0 : 1 + (long) rnd.nextInt((int) w.buffered());
        consumed += n;
        granted += w.consume(n, true);
      }
      assertThat(w.remaining() + w.buffered() + w.unreturned()).as("seed %d", seed)
          .isEqualTo(WINDOW);
      assertThat(w.buffered()).as("seed %d", seed).isBetween(0L, WINDOW);
      assertThat(granted).as("credit never exceeds consumption, seed %d", seed)
          .isLessThanOrEqualTo(consumed);
      assertThat(w.unreturned()).as("seed %d", seed).isLessThan(THRESHOLD);
    }
  }

  @Test
  void rejectsImpossibleArguments() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveWindow(10, 20));
    ReceiveWindow w = new ReceiveWindow(WINDOW, THRESHOLD);
    assertThat(w.receive(-1)).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> w.consume(1, true));
  }
}
