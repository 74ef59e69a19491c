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
    ReceiveWindow w = new ReceiveWindow(WINDOW);
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
    ReceiveWindow w = new ReceiveWindow(WINDOW);
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
  void growthIsGrantedWithTheNextBatchAndMovesTheThreshold() {
    ReceiveWindow w = new ReceiveWindow(WINDOW);
    assertThat(w.receive(WINDOW)).isTrue();
    long[] asked = new long[1];
    assertThat(w.consume(THRESHOLD - 1, true, win -> {
      asked[0] = win;
      return WINDOW;
    })).as("no update due, so growth is not asked").isZero();
    assertThat(asked[0]).isZero();
    assertThat(w.consume(1, true, win -> {
      asked[0] = win;
      return WINDOW;
    })).as("the batch plus the growth").isEqualTo(THRESHOLD + WINDOW);
    assertThat(asked[0]).isEqualTo(WINDOW);
    assertThat(w.window()).isEqualTo(2 * WINDOW);
    assertThat(w.threshold()).isEqualTo(WINDOW);
    assertThat(w.remaining()).isEqualTo(THRESHOLD + WINDOW);
    assertThat(w.receive(THRESHOLD + WINDOW)).isTrue();
    assertThat(w.receive(1)).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> w.consume(WINDOW, true, win -> -1));
  }

  @Test
  void randomTrafficWithGrowthKeepsTheInvariant() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    ReceiveWindow w = new ReceiveWindow(WINDOW);
    long cap = 16L * WINDOW;
    long granted = 0;
    long consumed = 0;
    long grown = 0;
    for (int i = 0; i < STEPS; i++) {
      if (rnd.nextBoolean()) {
        long n = rnd.nextInt((int) w.window() / 4 + 1);
        long before = w.remaining();
        assertThat(w.receive(n)).as("seed %d", seed).isEqualTo(n <= before);
      } else {
        long n = w.buffered() == 0 ? 0 : 1 + (long) rnd.nextInt((int) w.buffered());
        consumed += n;
        long[] extra = new long[1];
        granted += w.consume(n, true, win -> {
          extra[0] = rnd.nextBoolean() ? Math.min(win, cap - win) : 0;
          return extra[0];
        });
        grown += extra[0];
      }
      assertThat(w.window()).as("seed %d", seed).isEqualTo(WINDOW + grown).isLessThanOrEqualTo(cap);
      assertThat(w.remaining() + w.buffered() + w.unreturned()).as("seed %d", seed)
          .isEqualTo(w.window());
      assertThat(granted).as("credit never exceeds consumption plus growth, seed %d", seed)
          .isLessThanOrEqualTo(consumed + grown);
      assertThat(w.unreturned()).as("seed %d", seed).isLessThan(w.threshold());
    }
  }

  @Test
  void rejectsImpossibleArguments() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveWindow(1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ReceiveWindow(YamuxConfig.MAX_WINDOW + 1));
    ReceiveWindow w = new ReceiveWindow(WINDOW);
    assertThat(w.receive(-1)).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> w.consume(1, true));
  }
}
