package io.parsigex.core.receive;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.core.wire.WireFormatException;
import io.parsigex.core.wire.WireMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive pipeline, in Charon's order: gate the duty, decode every entry, verify the whole set,
 * publish. Any failure refuses the whole set. All of it runs on a bounded worker pool, never on the
 * caller's (network) thread; a full queue refuses the set as {@link RejectReason#OVERLOADED}, and a
 * set not settled within the receive timeout is refused as {@link RejectReason#TIMEOUT}. Every
 * outcome is handed to the {@link ReceiveListener} through a {@link BoundedPublisher}.
 */
public final class ReceivePipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReceivePipeline.class);

  /**
   * Sizes and limits.
   *
   * @param workers verification threads
   * @param queueCapacity messages waiting for a worker
   * @param receiveTimeout how long one message may take from read to outcome (Charon: 5 s)
   * @param publishQueueCapacity outcomes waiting for the listener
   */
  public record Config(int workers, int queueCapacity, Duration receiveTimeout,
      int publishQueueCapacity) {

    /** Charon's receive timeout. */
    public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(5);

    /** Validates. */
    public Config {
      if (workers < 1 || queueCapacity < 1 || publishQueueCapacity < 1) {
        throw new IllegalArgumentException("pipeline sizes must be positive");
      }
      Objects.requireNonNull(receiveTimeout, "receiveTimeout");
    }

    /**
     * Defaults: one worker per core, 4,096 queued messages, 5 s, 65,536 queued outcomes.
     *
     * @return the defaults
     */
    public static Config defaults() {
      return new Config(Math.max(2, Runtime.getRuntime().availableProcessors()), 4096,
          DEFAULT_RECEIVE_TIMEOUT, 65_536);
    }
  }

  private final Config config;
  private final SetProcessor processor;
  private final Clock clock;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timeouts;
  private final BoundedPublisher publisher;

  /**
   * Creates the pipeline and its threads.
   *
   * @param config sizes and limits
   * @param gater the composed gaters
   * @param codecs the codec registry
   * @param verifier the composed verifiers; empty only when verification is explicitly disabled
   * @param signing chain facts for signing roots
   * @param listener where outcomes go
   * @param clock time source
   */
  public ReceivePipeline(Config config, DutyGater gater, CodecRegistry codecs,
      Optional<PartialSignatureVerifier> verifier, SigningContext signing,
      ReceiveListener listener, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.processor = new SetProcessor(gater, codecs, verifier, signing, clock);
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(config.queueCapacity()), r -> {
          Thread t = new Thread(r, "parsigex-verify-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    // One timer thread for every message's receive deadline; a settled message cancels its
    // deadline, so only messages in flight hold a timer entry.
    this.timeouts = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "parsigex-receive-timeouts");
      t.setDaemon(true);
      return t;
    });
    this.timeouts.setRemoveOnCancelPolicy(true);
    this.timeouts.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.publisher = new BoundedPublisher(config.publishQueueCapacity(), listener,
        "parsigex-publish");
  }

  /**
   * Queues a received message. Returns at once; the future completes with the outcome (it never
   * completes exceptionally).
   *
   * @param msg the framed message
   * @return the outcome
   */
  public CompletableFuture<ReceiveOutcome> submit(InboundMessage msg) {
    return enqueue(msg.senderPeerId(), Optional.of(msg.message().duty()), msg.receivedAt(),
        () -> processor.process(msg));
  }

  /**
   * Queues a received frame body (the protobuf, without its length prefix); it is parsed on a
   * worker, and a malformed one is refused as {@link RejectReason#MALFORMED}.
   *
   * @param senderPeerId the authenticated sender
   * @param senderShareIndex the sender's share index, 0 if none
   * @param body the protobuf bytes
   * @param receivedAt when the frame was read completely
   * @return the outcome
   */
  public CompletableFuture<ReceiveOutcome> submitBody(String senderPeerId, int senderShareIndex,
      byte[] body, Instant receivedAt) {
    return enqueue(senderPeerId, Optional.empty(), receivedAt, () -> {
      WireMessage msg;
      try {
        msg = ParSigExFraming.decodeMessage(java.nio.ByteBuffer.wrap(body));
      } catch (WireFormatException e) {
        return rejected(senderPeerId, Optional.empty(), RejectReason.MALFORMED,
            e.reason() + ": " + e.getMessage());
      }
      return processor.process(new InboundMessage(senderPeerId, senderShareIndex, msg, receivedAt));
    });
  }

  private CompletableFuture<ReceiveOutcome> enqueue(String peer, Optional<Duty> duty,
      Instant receivedAt, java.util.function.Supplier<ReceiveOutcome> work) {
    CompletableFuture<ReceiveOutcome> result = new CompletableFuture<>();
    AtomicBoolean settled = new AtomicBoolean();
    try {
      workers.execute(() -> {
        if (!settled.get()) {
          settle(settled, result, work.get());
        }
      });
    } catch (RejectedExecutionException e) {
      settle(settled, result, rejected(peer, duty, RejectReason.OVERLOADED,
          "verification queue full (" + config.queueCapacity() + " messages); set dropped"));
      return result;
    }
    Duration left = config.receiveTimeout().minus(Duration.between(receivedAt, clock.instant()));
    long millis = Math.max(1, left.toMillis());
    try {
      ScheduledFuture<?> deadline = timeouts.schedule(() ->
          settle(settled, result, rejected(peer, duty, RejectReason.TIMEOUT,
              "not verified within the receive timeout of " + config.receiveTimeout().toMillis()
                  + " ms")), millis, TimeUnit.MILLISECONDS);
      result.whenComplete((o, e) -> deadline.cancel(false));
    } catch (RejectedExecutionException closed) {
      // The pipeline is closing: the worker (or its shutdown) settles the message.
    }
    return result;
  }

  /**
   * Reports a message that never reached the pipeline (a malformed frame, an unknown peer), so that
   * it is counted and published like any other refusal.
   *
   * @param senderPeerId the sender
   * @param duty the duty if known
   * @param reason the class of refusal
   * @param message what was wrong
   */
  public void reportRejected(String senderPeerId, Optional<Duty> duty, RejectReason reason,
      String message) {
    ReceiveOutcome o = rejected(senderPeerId, duty, reason, message);
    logRejection(((ReceiveOutcome.Rejected) o).rejection());
    publisher.offer(o);
  }

  private void settle(AtomicBoolean settled, CompletableFuture<ReceiveOutcome> result,
      ReceiveOutcome o) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    if (o instanceof ReceiveOutcome.Rejected r) {
      logRejection(r.rejection());
    }
    publisher.offer(o);
    result.complete(o);
  }

  private ReceiveOutcome rejected(String peer, Optional<Duty> duty, RejectReason reason,
      String message) {
    return new ReceiveOutcome.Rejected(new Rejection(peer, duty, reason, message, clock.instant()));
  }

  private static void logRejection(Rejection r) {
    String duty = r.duty().map(Duty::toString).orElse("?");
    switch (r.reason()) {
      case OVERLOADED, TIMEOUT -> log.warn("Rejected {} from {}: {} ({})", duty, r.senderPeerId(),
          r.message(), r.reason().label());
      default -> log.info("Rejected {} from {}: {} ({})", duty, r.senderPeerId(), r.message(),
          r.reason().label());
    }
  }

  /**
   * Outcomes dropped because listeners were too slow.
   *
   * @return the count
   */
  public long droppedOutcomes() {
    return publisher.dropped();
  }

  @Override
  public void close() {
    workers.shutdown();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    timeouts.shutdownNow();
    publisher.close();
  }
}
