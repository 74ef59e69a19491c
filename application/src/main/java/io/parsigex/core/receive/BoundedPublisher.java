package io.parsigex.core.receive;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands outcomes to a {@link ReceiveListener} on one dedicated thread through a bounded queue. The
 * producer never waits: when the queue is full the outcome is dropped and counted. A listener that
 * throws is logged and the next outcome is still delivered.
 */
public final class BoundedPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BoundedPublisher.class);
  private static final long POLL_MILLIS = 200;

  private final BlockingQueue<ReceiveOutcome> queue;
  private final ReceiveListener listener;
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running = true;

  /**
   * Starts the publisher thread.
   *
   * @param capacity queue capacity
   * @param listener where outcomes go
   * @param threadName name of the publisher thread
   */
  public BoundedPublisher(int capacity, ReceiveListener listener, String threadName) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.listener = listener;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues an outcome without waiting.
   *
   * @param outcome the outcome
   * @return false when the queue was full and the outcome was dropped
   */
  public boolean offer(ReceiveOutcome outcome) {
    if (queue.offer(outcome)) {
      return true;
    }
    long n = dropped.incrementAndGet();
    if (Long.bitCount(n) == 1) {
      log.warn("Event queue full: {} outcomes dropped so far (listeners too slow)", n);
    }
    return false;
  }

  /**
   * Outcomes dropped because the queue was full.
   *
   * @return the count
   */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Outcomes waiting.
   *
   * @return the queue length
   */
  public int backlog() {
    return queue.size();
  }

  private void run() {
    while (running || !queue.isEmpty()) {
      ReceiveOutcome o;
      try {
        o = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (o != null) {
        deliver(o, listener::onAccepted, listener::onRejected);
      }
    }
  }

  private static void deliver(ReceiveOutcome o, Consumer<VerifiedSet> accepted,
      Consumer<Rejection> rejected) {
    try {
      if (o instanceof ReceiveOutcome.Accepted a) {
        accepted.accept(a.set());
      } else if (o instanceof ReceiveOutcome.Rejected r) {
        rejected.accept(r.rejection());
      }
    } catch (RuntimeException e) {
      log.error("Receive listener failed; continuing with the next outcome", e);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
