package io.parsigex.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamDeadlinesTest {

  private static final Duration TIMEOUT = Duration.ofMillis(150);
  private final EventLoop loop = new DefaultEventLoop();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @Test
  void liveDeadlinesExpireInOrderAfterTheirTimeoutAndCancelledOnesNever() throws Exception {
    List<Integer> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    long[] startedAt = new long[1];
    long[] firstRanAt = new long[1];
    loop.execute(() -> {
      startedAt[0] = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        int n = i;
        StreamDeadlines.Deadline d = StreamDeadlines.start(loop, TIMEOUT, () -> {
          if (ran.isEmpty()) {
            firstRanAt[0] = System.nanoTime();
          }
          ran.add(n);
          done.countDown();
        });
        if (n == 1 || n == 3) {
          d.cancel();
          d.cancel();
        }
      }
    });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(TIMEOUT.toMillis());
    assertThat(ran).containsExactly(0, 2, 4);
    assertThat(firstRanAt[0] - startedAt[0]).isGreaterThanOrEqualTo(TIMEOUT.toNanos());
  }

  @Test
  void aDeadlineStartedByAnExpiringOneIsArmedToo() throws Exception {
    CountDownLatch second = new CountDownLatch(1);
    loop.execute(() -> StreamDeadlines.start(loop, TIMEOUT,
        () -> StreamDeadlines.start(loop, TIMEOUT, second::countDown)));
    assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void cancelledEntriesAreCompactedSoTheQueueStaysBounded() throws Exception {
    Duration longTimeout = Duration.ofMinutes(5);
    int[] queued = new int[1];
    loop.submit(() -> {
      for (int i = 0; i < 100_000; i++) {
        StreamDeadlines.start(loop, longTimeout, () -> { }).cancel();
      }
      queued[0] = StreamDeadlines.queued(longTimeout);
    }).get(30, TimeUnit.SECONDS);
    assertThat(queued[0]).isLessThanOrEqualTo(2 * StreamDeadlines.COMPACT_AFTER + 2);
  }

  @Test
  void offTheLoopItFallsBackToAScheduledTask() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    StreamDeadlines.start(loop, TIMEOUT, ran::countDown);
    StreamDeadlines.start(loop, TIMEOUT, never::countDown).cancel();
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(never.await(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)).isFalse();
  }
}
