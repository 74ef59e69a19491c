package io.parsigex.node.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.node.metrics.ParSigExMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeEventBridgeTest {

  @Test
  void peerEventsReachListenersOnTheEventThreadNotTheCallersAndAFullQueueDropsAndCounts()
      throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    try (NodeEventBridge bridge = new NodeEventBridge(event -> {
      threads.add(Thread.currentThread().getName());
      first.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, new ParSigExMetrics(new SimpleMeterRegistry()))) {
      Thread caller = new Thread(() -> bridge.onPeer("16Uiu2HAm-peer", true), "netty-io-thread");
      caller.start();
      caller.join();
      assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
      // The listener is stuck: the caller never waits, the queue fills, and the excess is counted.
      long t0 = System.nanoTime();
      for (int i = 0; i < NodeEventBridge.EVENT_QUEUE + 10; i++) {
        bridge.onPeer("p" + i, false);
      }
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
      assertThat(bridge.droppedEvents()).isEqualTo(10);
      release.countDown();
    }
    assertThat(threads.get(0)).isEqualTo("parsigex-events");
  }
}
