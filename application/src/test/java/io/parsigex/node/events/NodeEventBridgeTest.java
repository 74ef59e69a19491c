package io.parsigex.node.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.broadcast.SendFailure;
import io.parsigex.core.testing.TextData;
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
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
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
    }, new ParSigExMetrics(meters))) {
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
      // A broadcast whose event is dropped is still counted in parsigex_broadcast_total.
      PubKey key = PubKey.fromBytes(new byte[PubKey.LENGTH]);
      bridge.onBroadcast(new BroadcastResult(new Duty(7, DutyType.RANDAO),
          ParSignedDataSet.of(key, new ParSignedData(new TextData("r", new byte[96]), 1)),
          List.of(PeerOutcome.sent("p1"), PeerOutcome.failed("p2", SendFailure.TIMEOUT, "slow"))));
      assertThat(bridge.droppedEvents()).isEqualTo(11);
      assertThat(meters.get("parsigex.broadcast").tags("duty", "randao", "outcome", "sent")
          .counter().count()).isEqualTo(1.0);
      assertThat(meters.get("parsigex.broadcast").tags("duty", "randao", "outcome", "failed")
          .counter().count()).isEqualTo(1.0);
      release.countDown();
    }
    assertThat(threads.get(0)).isEqualTo("parsigex-events");
  }
}
