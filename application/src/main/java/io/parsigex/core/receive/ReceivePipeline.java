package io.parsigex.core.receive;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.common.log.RateLimitedLog;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.core.wire.WireFormatException;
import io.parsigex.core.wire.WireMessage;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The receive pipeline, in Charon's order: gate the duty, decode every entry, verify the whole set,
 * publish. Any failure refuses the whole set. The work runs on a fixed set of verify workers, never
 * on the caller's (network) thread, fed by a {@link FairQueue}: one queue per peer, served
 * round-robin, so one member's flood delays only that member. Overload is shed by an explicit
 * policy: the set of the oldest duty (lowest slot) goes first, refused as
 * {@link RejectReason#OVERLOADED} with a message that says it was shed, and counted by cause
 * ({@link #shedSets()}). A set still queued late (less than 10% of its receive timeout left) is
 * shed without being verified, as is one that reaches its deadline in the queue: waiting in this
 * node's queue is the node's fault. One still being verified at its deadline is refused as
 * {@link RejectReason#OVERLOADED} too: the sender delivered in time. Deadlines are checked on each arrival, by the workers and by one
 * sweeper every {@link #SWEEP_INTERVAL}, not by a timer per set.
 *
 * <p>A set received from the network holds its {@link InboundBudget.Reservation} until it is
 * published or refused; the pipeline releases it exactly once on every path. A peer whose sets
 * keep failing is throttled ({@link PeerThrottle}). Rejections are logged per peer and reason: the
 * first in full, then a summary per window ({@link RateLimitedLog}); counters stay exact. Every
 * outcome is handed to the {@link ReceiveListener} through a {@link BoundedPublisher}.
 *
 * <p>Verification runs per set: a batch never mixes sets, so one bad entry costs only its own
 * set's work, never that of an honest set queued with it.
 */
public final class ReceivePipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReceivePipeline.class);

  /** How often queued and running sets are checked against their receive deadline. */
  public static final Duration SWEEP_INTERVAL = Duration.ofMillis(25);
  /**
   * The share of the receive timeout after which a set still waiting is late: once the oldest
   * waiting set is late, the workers are not keeping up, and sets of the oldest duties are shed
   * until it is no longer late, so overload becomes shedding rather than timeouts. Measured on the
   * queue itself, not predicted from verification times.
   */
  public static final double LATE_AFTER = 0.9;

  /**
   * Sizes and limits.
   *
   * @param workers verification threads
   * @param queueCapacity sets all peers together may have waiting for a worker
   * @param receiveTimeout how long one message may take from read to outcome (Charon: 5 s)
   * @param publishQueueCapacity outcomes waiting for the listener
   * @param peerQueueCapacity sets one peer may have waiting for a worker
   */
  public record Config(int workers, int queueCapacity, Duration receiveTimeout,
      int publishQueueCapacity, int peerQueueCapacity) {

    /** Charon's receive timeout. */
    public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(5);
    /** Default node-wide verify queue. */
    public static final int DEFAULT_QUEUE = 4096;
    /** Default per-peer verify queue. */
    public static final int DEFAULT_PEER_QUEUE = 1024;

    /** Validates. */
    public Config {
      if (workers < 1 || queueCapacity < 1 || publishQueueCapacity < 1 || peerQueueCapacity < 1) {
        throw new IllegalArgumentException("pipeline sizes must be positive");
      }
      Objects.requireNonNull(receiveTimeout, "receiveTimeout");
    }

    /**
     * Sizes where one peer may fill the whole queue.
     *
     * @param workers verification threads
     * @param queueCapacity sets waiting for a worker
     * @param receiveTimeout receive deadline
     * @param publishQueueCapacity outcomes waiting for the listener
     */
    public Config(int workers, int queueCapacity, Duration receiveTimeout,
        int publishQueueCapacity) {
      this(workers, queueCapacity, receiveTimeout, publishQueueCapacity, queueCapacity);
    }

    /**
     * Defaults: one worker per core, 4,096 queued sets (1,024 per peer), 5 s, 65,536 queued
     * outcomes.
     *
     * @return the defaults
     */
    public static Config defaults() {
      return new Config(Math.max(2, Runtime.getRuntime().availableProcessors()), DEFAULT_QUEUE,
          DEFAULT_RECEIVE_TIMEOUT, 65_536, DEFAULT_PEER_QUEUE);
    }
  }

  /** One queued set. */
  private static final class Task {
    final String peer;
    final Optional<Duty> duty;
    final long deadline;
    final InboundBudget.Reservation reservation;
    final CompletableFuture<ReceiveOutcome> result = new CompletableFuture<>();
    final AtomicBoolean settled = new AtomicBoolean();
    volatile Supplier<ReceiveOutcome> work;

    Task(String peer, Optional<Duty> duty, long deadline, InboundBudget.Reservation reservation,
        Supplier<ReceiveOutcome> work) {
      this.peer = peer;
      this.duty = duty;
      this.deadline = deadline;
      this.reservation = reservation;
      this.work = work;
    }

    void release() {
      if (reservation != null) {
        reservation.release();
      }
    }
  }

  private final Config config;
  private final SetProcessor processor;
  private final Clock clock;
  private final FairQueue<Task> queue;
  private final List<Thread> workers = new ArrayList<>();
  private final Set<Task> running = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sweeper;
  private final BoundedPublisher publisher;
  private final PeerThrottle throttle = new PeerThrottle(System::nanoTime);
  private final RateLimitedLog infoLog = new RateLimitedLog(log, Level.INFO,
      RateLimitedLog.DEFAULT_WINDOW);
  private final RateLimitedLog warnLog = new RateLimitedLog(log, Level.WARN,
      RateLimitedLog.DEFAULT_WINDOW);
  private final Map<FairQueue.Cause, LongAdder> shed = new EnumMap<>(FairQueue.Cause.class);
  private volatile boolean closed;

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
    for (FairQueue.Cause c : FairQueue.Cause.values()) {
      shed.put(c, new LongAdder());
    }
    this.queue = new FairQueue<>(config.queueCapacity(),
        peer -> throttle.throttled(peer) ? PeerThrottle.THROTTLED_QUEUE
            : config.peerQueueCapacity(),
        Math.round(config.receiveTimeout().toMillis() * (1 - LATE_AFTER)));
    this.publisher = new BoundedPublisher(config.publishQueueCapacity(), listener,
        "parsigex-publish");
    for (int i = 1; i <= config.workers(); i++) {
      Thread t = new Thread(this::work, "parsigex-verify-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parsigex-receive-deadlines");
      t.setDaemon(true);
      return t;
    });
    long every = SWEEP_INTERVAL.toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Queues a received message. Returns at once; the future completes with the outcome (it never
   * completes exceptionally).
   *
   * @param msg the framed message
   * @return the outcome
   */
  public CompletableFuture<ReceiveOutcome> submit(InboundMessage msg) {
    Duty duty = msg.message().duty();
    return enqueue(msg.senderPeerId(), Optional.of(duty), OptionalLong.of(duty.slot()),
        msg.receivedAt(), null, () -> processor.process(msg));
  }

  /**
   * Queues a received frame body (the protobuf, without its length prefix), holding no budget.
   *
   * @param senderPeerId the authenticated sender
   * @param senderShareIndex the sender's share index, 0 if none
   * @param body the protobuf bytes
   * @param receivedAt when the frame was read completely
   * @return the outcome
   */
  public CompletableFuture<ReceiveOutcome> submitBody(String senderPeerId, int senderShareIndex,
      byte[] body, Instant receivedAt) {
    return submitBody(senderPeerId, senderShareIndex, FrameBody.of(body), receivedAt, null);
  }

  /**
   * Queues a received frame body; it is parsed on a worker, and a malformed one is refused as
   * {@link RejectReason#MALFORMED}. The reservation is released exactly once, when the set is
   * published or refused.
   *
   * @param senderPeerId the authenticated sender
   * @param senderShareIndex the sender's share index, 0 if none
   * @param body the protobuf bytes
   * @param receivedAt when the frame was read completely
   * @param reservation the budget the body holds, or null
   * @return the outcome
   */
  public CompletableFuture<ReceiveOutcome> submitBody(String senderPeerId, int senderShareIndex,
      FrameBody body, Instant receivedAt, InboundBudget.Reservation reservation) {
    return enqueue(senderPeerId, Optional.empty(), body.peekSlot(), receivedAt, reservation,
        () -> {
          WireMessage msg;
          try {
            msg = ParSigExFraming.decodeMessage(ByteBuffer.wrap(body.bytes()));
          } catch (WireFormatException e) {
            return rejected(senderPeerId, Optional.empty(),
                RejectReason.ofWireError(e.reason()), e.reason() + ": " + e.getMessage());
          }
          return processor.process(new InboundMessage(senderPeerId, senderShareIndex, msg,
              receivedAt));
        });
  }

  private CompletableFuture<ReceiveOutcome> enqueue(String peer, Optional<Duty> duty,
      OptionalLong slot, Instant receivedAt, InboundBudget.Reservation reservation,
      Supplier<ReceiveOutcome> work) {
    long deadline = receivedAt.toEpochMilli() + config.receiveTimeout().toMillis();
    Task task = new Task(peer, duty, deadline, reservation, work);
    // A body without a readable slot is shed first: it will be refused as malformed anyway.
    List<FairQueue.Shed<Task>> out = queue.offer(peer, slot.orElse(-1), deadline,
        reservation == null ? 0 : reservation.held(), task, clock.millis());
    refuseShed(out);
    return task.result;
  }

  /**
   * Frees inbound bytes for a newer message of a peer by shedding that peer's queued sets, oldest
   * duty first (never another peer's).
   *
   * @param peer whose sets to shed
   * @param need bytes wanted
   * @return whether sets were shed
   */
  public boolean shedForBytes(String peer, long need) {
    List<FairQueue.Shed<Task>> out = queue.shedBytes(peer, need);
    refuseShed(out);
    return !out.isEmpty();
  }

  private void refuseShed(List<FairQueue.Shed<Task>> out) {
    for (FairQueue.Shed<Task> s : out) {
      Task t = s.item();
      shed.get(s.cause()).increment();
      t.release();
      settle(t, rejected(t.peer, t.duty, RejectReason.OVERLOADED, "shed (" + s.cause().label()
          + "): " + shedWhy(s.cause()) + "; the oldest duty is dropped first"));
    }
  }

  private String shedWhy(FairQueue.Cause cause) {
    return switch (cause) {
      case PEER_QUEUE -> "this peer's verify queue is full";
      case NODE_QUEUE -> "the node's verify queue is full (" + config.queueCapacity() + " sets)";
      case DEADLINE -> "the workers are behind: the oldest waiting set is about to miss its "
          + "receive deadline";
      case BYTES -> "its bytes were needed for a newer message";
    };
  }

  private void work() {
    while (!closed) {
      Task t;
      try {
        t = queue.take(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (t == null) {
        continue;
      }
      if (clock.millis() >= t.deadline) {
        expired(t);
        continue;
      }
      running.add(t);
      ReceiveOutcome o;
      try {
        Supplier<ReceiveOutcome> w = t.work;
        t.work = null;
        o = w.get();
      } catch (RuntimeException e) {
        log.error("Unexpected failure handling a set from {}", t.peer, e);
        o = rejected(t.peer, t.duty, RejectReason.INTERNAL, "unexpected failure: " + e);
      } finally {
        running.remove(t);
        t.release();
      }
      settle(t, o);
    }
  }

  private void sweep() {
    try {
      long now = clock.millis();
      refuseShed(queue.shedLate(now));
      for (Task t : queue.expire(now)) {
        expired(t);
      }
      for (Task t : running) {
        if (now >= t.deadline) {
          // Its worker still holds the bytes; it releases them when it returns. The sender
          // delivered in time: a set still being handled at its deadline is this node's fault
          // (its verifier or its CPU is too slow for the load), not the peer's.
          settle(t, rejected(t.peer, t.duty, RejectReason.OVERLOADED,
              "still being verified at the receive deadline of "
                  + config.receiveTimeout().toMillis() + " ms"));
        }
      }
    } catch (RuntimeException e) {
      log.error("Receive deadline sweep failed", e);
    }
  }

  private void expired(Task t) {
    t.release();
    // Waiting in this node's queue past the deadline is the node's fault, not the peer's.
    settle(t, rejected(t.peer, t.duty, RejectReason.OVERLOADED, "expired in the verify queue "
        + "(receive timeout " + config.receiveTimeout().toMillis() + " ms); not verified"));
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
    ReceiveOutcome.Rejected o = (ReceiveOutcome.Rejected) rejected(senderPeerId, duty, reason,
        message);
    outcome(o);
    publisher.offer(o);
  }

  private void settle(Task t, ReceiveOutcome o) {
    if (!t.settled.compareAndSet(false, true)) {
      return;
    }
    outcome(o);
    publisher.offer(o);
    t.result.complete(o);
  }

  private void outcome(ReceiveOutcome o) {
    boolean changed;
    String peer;
    if (o instanceof ReceiveOutcome.Rejected r) {
      Rejection x = r.rejection();
      logRejection(x);
      peer = x.senderPeerId();
      changed = throttle.record(peer, false, x.reason());
    } else {
      peer = ((ReceiveOutcome.Accepted) o).set().senderPeerId();
      changed = throttle.record(peer, true, null);
    }
    if (changed) {
      boolean now = throttle.throttled(peer);
      warnLog.log("throttle " + peer, () -> now
          ? "Throttling peer " + peer + ": its recent sets keep failing (score "
              + Math.round(throttle.score(peer)) + " >= " + (int) PeerThrottle.THROTTLE_AT
              + "); its verify queue is cut to " + PeerThrottle.THROTTLED_QUEUE
              + " sets and its new streams are refused as throttled"
          : "Peer " + peer + " is no longer throttled");
    }
  }

  private ReceiveOutcome rejected(String peer, Optional<Duty> duty, RejectReason reason,
      String message) {
    return new ReceiveOutcome.Rejected(new Rejection(peer, duty, reason, message, clock.instant()));
  }

  private void logRejection(Rejection r) {
    RateLimitedLog to = r.reason().fault() == RejectReason.Fault.NODE
        || r.reason() == RejectReason.TIMEOUT ? warnLog : infoLog;
    to.log("peer " + r.senderPeerId() + " " + r.reason().label(), () -> "Rejected "
        + r.duty().map(Duty::toString).orElse("?") + " from " + r.senderPeerId() + ": "
        + r.message() + " (" + r.reason().label() + ")");
  }

  /**
   * Whether a new stream from a peer may be read: always, unless the peer is throttled and already
   * has {@link PeerThrottle#THROTTLED_STREAMS} streams in flight and sets queued.
   *
   * @param peer the peer
   * @param streamsInFlight its streams being read now
   * @return false to refuse the stream as {@link RejectReason#THROTTLED}
   */
  public boolean admitsStream(String peer, int streamsInFlight) {
    return !throttle.throttled(peer)
        || streamsInFlight + queue.depth(peer) < PeerThrottle.THROTTLED_STREAMS;
  }

  /**
   * Whether a peer is throttled now.
   *
   * @param peer the peer
   * @return true while throttled
   */
  public boolean throttled(String peer) {
    return throttle.throttled(peer);
  }

  /**
   * The throttled peers and their failure scores.
   *
   * @return peer to score
   */
  public Map<String, Double> throttledPeers() {
    return throttle.throttledPeers();
  }

  /**
   * Sets one peer has waiting for verification.
   *
   * @param peer the peer
   * @return the count
   */
  public int queueDepth(String peer) {
    return queue.depth(peer);
  }

  /**
   * Sets all peers have waiting for verification.
   *
   * @return the count
   */
  public int queueDepth() {
    return queue.size();
  }

  /**
   * Sets shed so far, by cause ({@code peer_queue}, {@code node_queue}, {@code deadline},
   * {@code bytes}).
   *
   * @return cause label to count
   */
  public Map<String, Long> shedSets() {
    Map<String, Long> out = new LinkedHashMap<>();
    shed.forEach((c, n) -> out.put(c.label(), n.sum()));
    return out;
  }

  /**
   * Lines the rejection logs have written (full lines and summaries).
   *
   * @return the count
   */
  public long rejectionLogLines() {
    return infoLog.linesWritten() + warnLog.linesWritten();
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
    closed = true;
    sweeper.shutdownNow();
    List<Task> left = queue.close();
    for (Thread t : workers) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      t.interrupt();
    }
    for (Task t : left) {
      t.release();
      settle(t, rejected(t.peer, t.duty, RejectReason.OVERLOADED, "the node is shutting down"));
    }
    for (Task t : running) {
      settle(t, rejected(t.peer, t.duty, RejectReason.OVERLOADED, "the node is shutting down"));
    }
    processor.close();
    infoLog.close();
    warnLog.close();
    publisher.close();
  }
}
