package io.parsigex.core.protocol;

import io.netty.buffer.Unpooled;
import io.parsigex.core.broadcast.PeerSender;
import io.parsigex.core.broadcast.SendException;
import io.parsigex.core.broadcast.SendFailure;
import io.parsigex.core.receive.FrameBody;
import io.parsigex.core.receive.InboundBudget;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostException;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.multistream.MultistreamException;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.peer.PeerIdException;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStreamResetException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * {@code /charon/parsigex/2.0.0} on a libp2p {@link Host}: one message per stream, no response.
 * Inbound streams are read on the event loop under per-peer and global caps and handed to the
 * {@link ReceivePipeline}; outbound, it is the {@link PeerSender} the broadcaster uses. At the
 * per-peer cap, the peer's oldest in-flight stream is shed for the new one when it is a straggler
 * ({@link PeerStreams}); otherwise the new stream is refused. Both are counted in
 * {@link #refusedStreams()} and reported as {@link RejectReason#OVERLOADED}.
 */
public final class ParSigExProtocol implements PeerSender {

  /** The protocol id. */
  public static final String PROTOCOL_ID = "/charon/parsigex/2.0.0";

  private final Host host;
  private final ReceivePipeline pipeline;
  private final InboundLimits limits;
  private final ToIntFunction<PeerId> shareIndexOf;
  private final Clock clock;
  private final InboundBudget budget;
  private final Map<PeerId, PeerStreams> perPeer = new ConcurrentHashMap<>();
  private final PeerIdTexts peerIds = new PeerIdTexts();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong refusedStreams = new AtomicLong();
  private final AtomicLong throttledStreams = new AtomicLong();
  private final AtomicLong shedStreams = new AtomicLong();
  private final long minShedAgeNanos;
  private final LongSupplier nanoClock;

  /**
   * The youngest age at which an in-flight stream may be shed for a newer stream of the same peer
   * at the per-peer cap; it must also be open twice as long as that peer's streams typically are
   * (see {@link PeerStreams}). Younger streams are never shed (the new stream is refused instead):
   * an honest set's stream delivers in milliseconds, so one open this long is stalled or far
   * behind, and its slot is better spent on newer work.
   */
  public static final Duration MIN_SHED_AGE = Duration.ofMillis(500);

  /**
   * Registers the protocol on a host.
   *
   * @param host the libp2p host
   * @param pipeline where received messages go
   * @param limits inbound bounds
   * @param shareIndexOf a peer's share index (0 when it holds none)
   * @param clock time source
   */
  public ParSigExProtocol(Host host, ReceivePipeline pipeline, InboundLimits limits,
      ToIntFunction<PeerId> shareIndexOf, Clock clock) {
    this(host, pipeline, limits, shareIndexOf, clock, MIN_SHED_AGE, System::nanoTime);
  }

  /**
   * Registers the protocol on a host, with another shedding age and clock (tests).
   *
   * @param host the libp2p host
   * @param pipeline where received messages go
   * @param limits inbound bounds
   * @param shareIndexOf a peer's share index (0 when it holds none)
   * @param clock time source
   * @param minShedAge the youngest in-flight stream shed at the per-peer cap
   * @param nanoClock monotonic nanoseconds, for stream ages
   */
  public ParSigExProtocol(Host host, ReceivePipeline pipeline, InboundLimits limits,
      ToIntFunction<PeerId> shareIndexOf, Clock clock, Duration minShedAge,
      LongSupplier nanoClock) {
    if (minShedAge.isNegative()) {
      throw new IllegalArgumentException("minShedAge must not be negative: " + minShedAge);
    }
    this.minShedAgeNanos = minShedAge.toNanos();
    this.nanoClock = nanoClock;
    this.host = host;
    this.pipeline = pipeline;
    this.limits = limits;
    this.shareIndexOf = shareIndexOf;
    this.clock = clock;
    this.budget = new InboundBudget(limits.maxBufferedBytes(), limits.maxBufferedBytesPerPeer());
    host.setStreamHandler(PROTOCOL_ID, this::onStream);
  }

  /**
   * Inbound streams refused because a cap was reached.
   *
   * @return the count
   */
  public long refusedStreams() {
    return refusedStreams.get();
  }

  /**
   * In-flight streams shed at the per-peer cap for a newer stream of the same peer (also counted
   * in {@link #refusedStreams()}).
   *
   * @return the count
   */
  public long shedStreams() {
    return shedStreams.get();
  }

  /**
   * Inbound streams refused at open because their peer is throttled.
   *
   * @return the count
   */
  public long throttledStreams() {
    return throttledStreams.get();
  }

  /**
   * The inbound byte budget (held from the first byte read until the set is settled).
   *
   * @return the budget
   */
  public InboundBudget budget() {
    return budget;
  }

  /**
   * Inbound streams being read now.
   *
   * @return the count
   */
  public int inFlight() {
    return inFlight.get();
  }

  private void onStream(HostStream stream) {
    PeerId peer = stream.remotePeer();
    String peerText = peerIds.text(peer);
    int shareIndex = shareIndexOf.applyAsInt(peer);
    if (shareIndex < 1) {
      // Admitted by the gater as a circuit relay, but not a cluster member: not a sender.
      stream.reset();
      pipeline.reportRejected(peerText, Optional.empty(), RejectReason.UNKNOWN_PEER,
          "stream refused: " + peerText + " is not a cluster member");
      return;
    }
    PeerStreams mine = perPeer.computeIfAbsent(peer, p -> new PeerStreams(minShedAgeNanos));
    if (!pipeline.admitsStream(peerText, mine.size())) {
      throttledStreams.incrementAndGet();
      stream.reset();
      pipeline.reportRejected(peerText, Optional.empty(), RejectReason.THROTTLED,
          "stream refused: peer is throttled (its recent sets kept failing verification)");
      return;
    }
    long now = nanoClock.getAsLong();
    PeerStreams.Admission admission = mine.admit(limits.maxStreamsPerPeer(), minShedAgeNanos,
        now);
    if (!admission.admitted()) {
      refuse(stream, peerText, "peer has " + limits.maxStreamsPerPeer()
          + " parsigex streams in flight already, none of them a straggler (open "
          + mine.shedAgeNanos(minShedAgeNanos) / 1_000_000 + " ms or more)");
      return;
    }
    PeerStreams.Slot slot = admission.slot();
    if (admission.shed() != null) {
      // The shed stream's place in the node-wide count passes to this one.
      shed(admission.shed());
    } else if (inFlight.incrementAndGet() > limits.maxStreams()) {
      inFlight.decrementAndGet();
      mine.release(slot, now);
      refuse(stream, peerText, "node has " + limits.maxStreams()
          + " parsigex streams in flight already");
      return;
    }
    InboundBudget.Reservation reservation = budget.open(peerText);
    InboundStreamReader reader = new InboundStreamReader(stream.yamux(), limits, reservation,
        peerText, pipeline::shedForBytes, new InboundStreamReader.Sink() {
          private void release() {
            if (mine.release(slot, nanoClock.getAsLong())) {
              inFlight.decrementAndGet();
            }
          }

          @Override
          public void message(FrameBody body) {
            release();
            pipeline.submitBody(peerText, shareIndex, body, clock.instant(), reservation);
          }

          @Override
          public void refused(String reason, String message, boolean overloaded,
              boolean timeout) {
            release();
            RejectReason r = overloaded ? RejectReason.OVERLOADED
                : timeout ? RejectReason.TIMEOUT : RejectReason.ofWireError(reason);
            pipeline.reportRejected(peerText, Optional.empty(), r, reason + ": " + message);
          }

          @Override
          public void ended() {
            release();
          }
        });
    reader.start();
    stream.handler(reader);
    slot.onShed(reader.eventLoop(), () -> {
      String why = "this peer had " + limits.maxStreamsPerPeer() + " parsigex streams in flight;"
          + " this one, its oldest, was open " + (nanoClock.getAsLong() - slot.openedAtNanos)
          / 1_000_000 + " ms without a complete message and was reset to read a newer one (the"
          + " oldest work is dropped first)";
      if (reader.shed(why)) {
        shedStreams.incrementAndGet();
        refusedStreams.incrementAndGet();
      }
    });
  }

  /** Resets a shed stream on its own event loop (a peer may have more than one connection). */
  private static void shed(PeerStreams.Slot victim) {
    Runnable r = victim.shedder();
    io.netty.channel.EventLoop loop = victim.loop();
    if (loop.inEventLoop()) {
      r.run();
    } else {
      loop.execute(r);
    }
  }

  private void refuse(HostStream stream, String peer, String why) {
    refusedStreams.incrementAndGet();
    stream.reset();
    pipeline.reportRejected(peer, Optional.empty(), RejectReason.OVERLOADED,
        "stream refused: " + why);
  }

  @Override
  public CompletableFuture<Void> send(String peerId, String topic, byte[] frame,
      Duration deadline) {
    PeerId peer;
    try {
      peer = peerIds.parse(peerId);
    } catch (PeerIdException e) {
      return CompletableFuture.failedFuture(
          new SendException(SendFailure.OTHER, "not a peer id: " + peerId, e));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    host.newStream(peer, PROTOCOL_ID).whenComplete((stream, err) -> {
      if (err != null) {
        done.completeExceptionally(classify(err));
        return;
      }
      // Charon never reads from a parsigex stream; the remote's close is drained and ignored.
      stream.handler((s, data) -> data.release());
      stream.write(Unpooled.wrappedBuffer(frame)).addListener(w -> {
        if (!w.isSuccess()) {
          stream.reset();
          done.completeExceptionally(classify(w.cause()));
          return;
        }
        stream.closeWrite().addListener(c -> {
          if (c.isSuccess()) {
            done.complete(null);
          } else {
            done.completeExceptionally(classify(c.cause()));
          }
        });
      });
    });
    return done.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  static SendException classify(Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof YamuxStreamResetException) {
        return new SendException(SendFailure.RESET, "stream reset: " + c.getMessage(), t);
      }
      if (c instanceof MultistreamException.NoAgreement) {
        return new SendException(SendFailure.PROTOCOL_UNSUPPORTED,
            "peer does not speak " + PROTOCOL_ID, t);
      }
      if (c instanceof MultistreamException.Timeout) {
        return new SendException(SendFailure.TIMEOUT, "protocol negotiation timed out", t);
      }
    }
    if (t instanceof HostException.DialFailed || t instanceof HostException.NoAddress
        || t instanceof HostException.SecurityFailed || t instanceof HostException.Gated) {
      return new SendException(SendFailure.DIAL_FAILED, t.getMessage(), t);
    }
    if (t instanceof HostException.Closed || t instanceof YamuxException) {
      return new SendException(SendFailure.CONNECTION_CLOSED, t.getMessage(), t);
    }
    if (t instanceof java.util.concurrent.TimeoutException) {
      return new SendException(SendFailure.TIMEOUT, "send timed out", t);
    }
    return new SendException(SendFailure.OTHER, String.valueOf(t.getMessage()), t);
  }
}
