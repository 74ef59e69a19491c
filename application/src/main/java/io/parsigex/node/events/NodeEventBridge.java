package io.parsigex.node.events;

import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.node.metrics.ParSigExMetrics;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Where the pipeline's outcomes go: metrics, Spring application events and the Java subscriber API.
 * Called on the pipeline's publisher thread (bounded queue), never on a network thread.
 */
public final class NodeEventBridge implements ReceiveListener, ParSigSubscriptions {

  private static final Logger log = LoggerFactory.getLogger(NodeEventBridge.class);

  private final ApplicationEventPublisher events;
  private final ParSigExMetrics metrics;
  private final List<Consumer<VerifiedSet>> subscribers = new CopyOnWriteArrayList<>();

  /**
   * Creates the bridge.
   *
   * @param events Spring's publisher
   * @param metrics the metrics
   */
  public NodeEventBridge(ApplicationEventPublisher events, ParSigExMetrics metrics) {
    this.events = Objects.requireNonNull(events, "events");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void onAccepted(VerifiedSet set) {
    metrics.accepted(set);
    for (Consumer<VerifiedSet> s : subscribers) {
      try {
        s.accept(set);
      } catch (RuntimeException e) {
        log.error("Partial signature subscriber failed on {}; other subscribers still run",
            set.duty(), e);
      }
    }
    publish(new ParSigReceivedEvent(this, set));
  }

  @Override
  public void onRejected(Rejection rejection) {
    metrics.rejected(rejection);
    publish(new ParSigRejectedEvent(this, rejection));
  }

  /**
   * Reports a finished broadcast.
   *
   * @param result the broadcast
   */
  public void onBroadcast(BroadcastResult result) {
    metrics.broadcast(result);
    publish(new ParSigBroadcastEvent(this, result));
  }

  /**
   * Reports a peer connection change.
   *
   * @param peerId the peer
   * @param connected its state
   */
  public void onPeer(String peerId, boolean connected) {
    publish(new PeerConnectionEvent(this, peerId, connected));
  }

  @Override
  public AutoCloseable subscribe(Consumer<VerifiedSet> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  private void publish(Object event) {
    try {
      events.publishEvent(event);
    } catch (RuntimeException e) {
      log.error("Application event listener failed on {}", event.getClass().getSimpleName(), e);
    }
  }
}
