package io.parsigex.node.events;

import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.node.metrics.ParSigExMetrics;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Where the pipeline's outcomes go: metrics, Spring application events and the Java subscriber API.
 * Receive outcomes arrive on the pipeline's publisher thread (bounded queue). Broadcast results and
 * peer connection changes can arrive on a network thread, so they are handed to this bridge's own
 * bounded event thread first: no listener ever runs on a network thread.
 */
public final class NodeEventBridge implements ReceiveListener, ParSigSubscriptions, AutoCloseable {

  /** Broadcast and peer events waiting for the event thread before new ones are dropped. */
  public static final int EVENT_QUEUE = 4096;

  private static final Logger log = LoggerFactory.getLogger(NodeEventBridge.class);

  private final ApplicationEventPublisher events;
  private final ParSigExMetrics metrics;
  private final List<Consumer<VerifiedSet>> subscribers = new CopyOnWriteArrayList<>();
  private final ThreadPoolExecutor eventThread = new ThreadPoolExecutor(1, 1, 0,
      TimeUnit.SECONDS, new ArrayBlockingQueue<>(EVENT_QUEUE), r -> {
        Thread t = new Thread(r, "parsigex-events");
        t.setDaemon(true);
        return t;
      }, new ThreadPoolExecutor.AbortPolicy());
  private final AtomicLong dropped = new AtomicLong();

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
    // Counted before the queue: a full event queue drops the event, never the count.
    metrics.broadcast(result);
    later(() -> publish(new ParSigBroadcastEvent(this, result)));
  }

  /**
   * Reports a peer connection change.
   *
   * @param peerId the peer
   * @param connected its state
   */
  public void onPeer(String peerId, boolean connected) {
    later(() -> publish(new PeerConnectionEvent(this, peerId, connected)));
  }

  /**
   * Broadcast and peer events dropped because the event queue was full (Prometheus
   * {@code parsigex_dropped_events_total{queue="events"}}).
   *
   * @return the count
   */
  public long droppedEvents() {
    return dropped.get();
  }

  private void later(Runnable task) {
    try {
      eventThread.execute(task);
    } catch (RejectedExecutionException e) {
      long n = dropped.incrementAndGet();
      if (Long.bitCount(n) == 1) {
        log.warn("Event queue full: {} broadcast/peer events dropped so far", n);
      }
    }
  }

  @Override
  public void close() {
    eventThread.shutdown();
    try {
      eventThread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    eventThread.shutdownNow();
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
