package io.parsigex.node.runtime;

import io.parsigex.core.broadcast.PeerSender;
import io.parsigex.core.protocol.ParSigExProtocol;
import io.parsigex.node.metrics.ParSigExMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Observes {@code p2p_send_duration_seconds} around every successful send. */
record TimedSender(PeerSender delegate, ParSigExMetrics metrics) implements PeerSender {

  @Override
  public CompletableFuture<Void> send(String peerId, String topic, byte[] frame,
      Duration deadline) {
    long start = System.nanoTime();
    return delegate.send(peerId, topic, frame, deadline).whenComplete((ok, err) -> {
      if (err == null) {
        metrics.sendDuration(peerId, ParSigExProtocol.PROTOCOL_ID, topic,
            Duration.ofNanos(System.nanoTime() - start));
      }
    });
  }
}
