package io.parsigex.attack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parsigex.core.protocol.ParSigExProtocol;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A cluster member turned attacker: a bare libp2p {@link Host} holding the member's identity key,
 * which opens {@code /charon/parsigex/2.0.0} streams to the victim and writes whatever it likes on
 * them. Every loop is bounded by a count and a deadline.
 */
final class RawAttacker {

  /** Bytes written per Yamux write: below the muxer's pending-write bound. */
  static final int CHUNK = 128 * 1024;
  /** Longest an attack stream is waited for before its window slot is given back anyway. */
  static final Duration STREAM_BOUND = Duration.ofSeconds(15);

  private final Host host;
  private final PeerId victim;
  private final AtomicLong bytesOut = new AtomicLong();

  RawAttacker(Host host, PeerId victim) {
    this.host = host;
    this.victim = victim;
  }

  /** How one stream ended, seen from the attacker. */
  enum End { CLOSED_BY_VICTIM, RESET_BY_VICTIM, OPEN_FAILED, WRITE_FAILED, NO_ANSWER }

  /**
   * What a flood did.
   *
   * @param opened streams the victim's protocol handler accepted for negotiation (each one it must
   *     account for)
   * @param written frames whose every byte was written
   * @param closed streams the victim closed after reading (it read a whole frame)
   * @param reset streams the victim reset
   * @param failed streams that could not be opened or written
   * @param unanswered streams neither closed nor reset within {@link #STREAM_BOUND}
   * @param bytes bytes written
   * @param elapsed from the first stream to the last end
   */
  record Flood(long opened, long written, long closed, long reset, long failed, long unanswered, long bytes,
      Duration elapsed) {}

  /**
   * Sends {@code count} frames, one per stream, at most {@code window} streams at a time (a stream
   * leaves the window when the victim closes or resets it), stopping early at {@code until}.
   *
   * @param count frames to send
   * @param window streams in flight at once
   * @param frame the frame of the i-th stream
   * @param until the deadline (System.nanoTime)
   * @return what happened
   */
  Flood flood(long count, int window, LongFunction<byte[]> frame, long until)
      throws InterruptedException {
    Semaphore slots = new Semaphore(window);
    Counts c = new Counts();
    long start = System.nanoTime();
    long i = 0;
    for (; i < count && System.nanoTime() < until; i++) {
      if (!slots.tryAcquire(STREAM_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        break;
      }
      byte[] f = frame.apply(i);
      one(f).whenComplete((o, err) -> {
        c.count(o == null ? new Outcome(End.OPEN_FAILED, false, false) : o, f.length);
        slots.release();
      });
    }
    slots.tryAcquire(window, STREAM_BOUND.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    return c.flood(Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * How one attack stream went.
   *
   * @param end how it ended
   * @param opened whether it was opened (negotiated)
   * @param wroteAll whether every byte of the frame was written
   */
  record Outcome(End end, boolean opened, boolean wroteAll) {}

  /**
   * Opens one stream, writes a whole frame and half-closes.
   *
   * @param frame the bytes
   * @return how the stream ended
   */
  CompletableFuture<Outcome> one(byte[] frame) {
    CompletableFuture<End> end = new CompletableFuture<>();
    AtomicBoolean opened = new AtomicBoolean();
    AtomicBoolean wrote = new AtomicBoolean();
    host.newStream(victim, ParSigExProtocol.PROTOCOL_ID).whenComplete((s, err) -> {
      if (err != null) {
        end.complete(End.OPEN_FAILED);
        return;
      }
      opened.set(true);
      s.handler(ending(end));
      writeChunks(s, frame, 0, bytesOut).whenComplete((v, werr) -> {
        if (werr != null) {
          end.complete(End.WRITE_FAILED);
        } else {
          wrote.set(true);
          s.closeWrite();
        }
      });
    });
    return end.completeOnTimeout(End.NO_ANSWER, STREAM_BOUND.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(e -> new Outcome(e, opened.get(),
            wrote.get() || e == End.CLOSED_BY_VICTIM));
  }

  /** Writes {@code bytes[from..]} in chunks, each after the previous one left. */
  static CompletableFuture<Void> writeChunks(HostStream s, byte[] bytes, int from,
      AtomicLong written) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    int n = Math.min(CHUNK, bytes.length - from);
    ByteBuf chunk = Unpooled.wrappedBuffer(bytes, from, n);
    s.write(chunk).addListener(f -> {
      if (!f.isSuccess()) {
        done.completeExceptionally(f.cause());
        return;
      }
      written.addAndGet(n);
      if (from + n >= bytes.length) {
        done.complete(null);
      } else {
        writeChunks(s, bytes, from + n, written).whenComplete((v, e) -> {
          if (e != null) {
            done.completeExceptionally(e);
          } else {
            done.complete(null);
          }
        });
      }
    });
    return done;
  }

  private static YamuxStreamHandler ending(CompletableFuture<End> end) {
    return new YamuxStreamHandler() {
      @Override
      public void onData(YamuxStream stream, ByteBuf data) {
        data.release();
      }

      @Override
      public void onRemoteClose(YamuxStream stream) {
        end.complete(End.CLOSED_BY_VICTIM);
      }

      @Override
      public void onReset(YamuxStream stream, YamuxException cause) {
        end.complete(End.RESET_BY_VICTIM);
      }
    };
  }

  /**
   * Bytes this attacker has written to the victim on parsigex streams so far (every chunk the
   * connection took, whether or not its frame was finished).
   *
   * @return the count
   */
  long bytesOut() {
    return bytesOut.get();
  }

  /**
   * What a slow-declare flood did.
   *
   * @param opened streams opened
   * @param failed streams that could not be opened
   * @param resetAfter for every stream the victim reset, how long after its opening was negotiated
   * @param unanswered streams still open at the end (reset by the attacker)
   * @param stillOpening streams whose opening had not finished at the end
   * @param bytes bytes trickled
   */
  record Slow(long opened, long failed, List<Duration> resetAfter, long unanswered,
      long stillOpening, long bytes) {}

  /**
   * Opens {@code streams} streams at once, each declaring {@code declared} bytes, then trickles
   * {@code chunk} bytes on every stream still open each {@code interval}, until every stream has
   * been reset or {@code until} passes.
   *
   * @param streams concurrent streams
   * @param declared the length each frame declares
   * @param chunk bytes per trickle
   * @param interval between trickles
   * @param until the deadline (System.nanoTime)
   * @return what happened
   */
  Slow slowDeclare(int streams, int declared, int chunk, Duration interval, long until)
      throws InterruptedException {
    byte[] prefix = io.parsigex.core.wire.UnsignedVarint.encode(declared);
    byte[] trickle = new byte[chunk];
    List<SlowStream> open = Collections.synchronizedList(new ArrayList<>());
    List<Duration> resets = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failed = new AtomicLong();
    List<CompletableFuture<?>> opening = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      opening.add(host.newStream(victim, ParSigExProtocol.PROTOCOL_ID).whenComplete((s, err) -> {
        if (err != null) {
          failed.incrementAndGet();
          return;
        }
        SlowStream ss = new SlowStream(s, System.nanoTime(), resets);
        s.handler(ss);
        s.write(Unpooled.wrappedBuffer(prefix));
        open.add(ss);
      }));
    }
    for (CompletableFuture<?> f : opening) {
      try {
        f.get(Math.max(1, (until - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // counted as failed above, or still opening at the deadline
      }
    }
    long bytes = 0;
    while (System.nanoTime() < until) {
      boolean any = false;
      synchronized (open) {
        for (SlowStream s : open) {
          if (!s.ended.get()) {
            any = true;
            s.stream.write(Unpooled.wrappedBuffer(trickle));
            bytes += chunk;
          }
        }
      }
      if (!any && !open.isEmpty()) {
        break;
      }
      Thread.sleep(interval.toMillis());
    }
    long unanswered = 0;
    synchronized (open) {
      for (SlowStream s : open) {
        if (!s.ended.get()) {
          unanswered++;
          s.stream.reset();
        }
      }
    }
    return new Slow(open.size(), failed.get(), List.copyOf(resets), unanswered,
        streams - open.size() - failed.get(), bytes);
  }

  /** One trickling stream: notes when the victim resets it. */
  private static final class SlowStream implements YamuxStreamHandler {
    final HostStream stream;
    final long openedAt;
    final List<Duration> resets;
    final AtomicBoolean ended = new AtomicBoolean();

    SlowStream(HostStream stream, long openedAt, List<Duration> resets) {
      this.stream = stream;
      this.openedAt = openedAt;
      this.resets = resets;
    }

    @Override
    public void onData(YamuxStream s, ByteBuf data) {
      data.release();
    }

    @Override
    public void onRemoteClose(YamuxStream s) {
      ended.set(true);
    }

    @Override
    public void onReset(YamuxStream s, YamuxException cause) {
      if (ended.compareAndSet(false, true)) {
        resets.add(Duration.ofNanos(System.nanoTime() - openedAt));
      }
    }
  }

  /** Tallies of a flood. Thread-safe. */
  private static final class Counts {
    final AtomicLong opened = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    final AtomicLong reset = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong unanswered = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    void count(Outcome o, int frameBytes) {
      if (o.opened()) {
        opened.incrementAndGet();
      }
      if (o.wroteAll()) {
        written.incrementAndGet();
        bytes.addAndGet(frameBytes);
      }
      switch (o.end()) {
        case CLOSED_BY_VICTIM -> closed.incrementAndGet();
        case RESET_BY_VICTIM -> reset.incrementAndGet();
        case NO_ANSWER -> unanswered.incrementAndGet();
        default -> failed.incrementAndGet();
      }
    }

    Flood flood(Duration elapsed) {
      return new Flood(opened.get(), written.get(), closed.get(), reset.get(), failed.get(), unanswered.get(),
          bytes.get(), elapsed);
    }
  }
}
