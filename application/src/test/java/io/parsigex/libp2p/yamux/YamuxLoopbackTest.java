package io.parsigex.libp2p.yamux;

import static io.parsigex.libp2p.yamux.YamuxTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.yamux.YamuxTestSupport.DigestEcho;
import io.parsigex.libp2p.yamux.YamuxTestSupport.Recorder;
import io.parsigex.testsupport.NettyLeakCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two sessions over real loopback TCP: bulk transfer, many short streams, a slow reader. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class YamuxLoopbackTest {

  private static final int WINDOW = YamuxConfig.INITIAL_WINDOW;
  private static final int CHUNK = 64 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final YamuxConfig CONFIG =
      YamuxConfig.defaults().withKeepAliveInterval(Duration.ofMillis(200));

  private LoopbackPair pair;

  @AfterEach
  void tearDown() throws Exception {
    if (pair != null) {
      pair.close();
    }
  }

  /**
   * Writes from the test thread while keeping bytes not yet sent within the stream's
   * maxPendingWriteBytes: a permit per byte, returned when its write completes.
   */
  private static final class BoundedWriter {
    private final YamuxStream stream;
    private final Semaphore bytes = new Semaphore(CONFIG.maxPendingWriteBytes());
    final AtomicLong written = new AtomicLong();
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Future<Void> last;

    BoundedWriter(YamuxStream stream) {
      this.stream = stream;
    }

    /** Writes when the bound allows within {@code waitMillis}; false when it did not. */
    boolean write(byte[] chunk, long waitMillis) throws InterruptedException {
      if (!bytes.tryAcquire(chunk.length, waitMillis, TimeUnit.MILLISECONDS)) {
        return false;
      }
      last = stream.write(ByteBufAllocator.DEFAULT.buffer(chunk.length).writeBytes(chunk));
      last.addListener(f -> {
        bytes.release(chunk.length);
        if (f.isSuccess()) {
          written.addAndGet(chunk.length);
        } else {
          failures.add(f.cause());
        }
      });
      return true;
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    assertThat(f.await(WAIT.toMillis())).as("timed out").isTrue();
    if (!f.isSuccess()) {
      throw new AssertionError("failed: " + f.cause(), f.cause());
    }
    return f.getNow();
  }

  @Test
  void sixteenMebibytesOnOneStream() throws Exception {
    pair = new LoopbackPair(CONFIG, s -> s.handler(new DigestEcho()),
        YamuxStreamAcceptor.rejectAll());
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    int total = 16 * 1024 * 1024;
    YamuxStream s = await(pair.dialer().openStream());
    Recorder answer = new Recorder();
    s.handler(answer);
    MessageDigest sha = sha256();
    BoundedWriter writer = new BoundedWriter(s);
    for (int sent = 0; sent < total; sent += CHUNK) {
      byte[] chunk = new byte[CHUNK];
      rnd.nextBytes(chunk);
      sha.update(chunk);
      assertThat(writer.write(chunk, WAIT.toMillis())).as("seed %d", seed).isTrue();
    }
    Future<Void> last = writer.last;
    await(last);
    await(s.closeWrite());
    await(s.closeFuture());
    assertThat(writer.failures).isEmpty();
    assertThat(writer.written).hasValue(total);
    assertThat(answer.received.toByteArray()).as("seed %d", seed).isEqualTo(sha.digest());
    assertThat(pair.dialer().streamCount()).isZero();
  }

  @Test
  void aReaderThatKeepsUpGrowsItsWindowWithinTheMaximumAndGivesTheGrowthBack()
      throws Exception {
    int max = 4 * WINDOW;
    CompletableFuture<YamuxStreamImpl> inbound = new CompletableFuture<>();
    pair = new LoopbackPair(CONFIG.withWindowAutoTuning(max, max), s -> {
      s.handler(new DigestEcho());
      inbound.complete((YamuxStreamImpl) s);
    }, YamuxStreamAcceptor.rejectAll());
    YamuxSessionHandler listener = (YamuxSessionHandler) pair.listener();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (onLoop(listener, () -> listener.windowTuner().roundTripNanos()) == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    int total = 32 * 1024 * 1024;
    YamuxStream s = await(pair.dialer().openStream());
    Recorder answer = new Recorder();
    s.handler(answer);
    MessageDigest sha = sha256();
    BoundedWriter writer = new BoundedWriter(s);
    long peerWindow = 0;
    for (int sent = 0; sent < total; sent += CHUNK) {
      byte[] chunk = new byte[CHUNK];
      rnd.nextBytes(chunk);
      sha.update(chunk);
      assertThat(writer.write(chunk, WAIT.toMillis())).as("seed %d", seed).isTrue();
      peerWindow = Math.max(peerWindow, s.sendWindow());
    }
    await(writer.last);
    await(s.closeWrite());
    await(s.closeFuture());
    assertThat(answer.received.toByteArray()).as("seed %d", seed).isEqualTo(sha.digest());
    YamuxStreamImpl server = inbound.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    long grown = onLoop(listener, server::receiveWindow);
    assertThat(grown).as("the window grew, by doubling, within the maximum")
        .isIn((long) 2 * WINDOW, (long) 4 * WINDOW);
    assertThat(peerWindow).as("the sender saw more than the initial window")
        .isGreaterThan(WINDOW).isLessThanOrEqualTo(max);
    assertThat(onLoop(listener, () -> listener.windowTuner().reserved()))
        .as("the ended stream gave its growth back").isZero();
  }

  private static <T> T onLoop(YamuxSessionHandler session, java.util.concurrent.Callable<T> read)
      throws Exception {
    return session.executor().submit(read).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void oneThousandShortStreams() throws Exception {
    pair = new LoopbackPair(CONFIG, s -> s.handler(new YamuxStreamHandler() {
      @Override
      public void onData(YamuxStream stream, ByteBuf data) {
        stream.write(data); // echo
      }

      @Override
      public void onRemoteClose(YamuxStream stream) {
        stream.closeWrite();
      }
    }), YamuxStreamAcceptor.rejectAll());
    int streams = 1000;
    int inFlight = 64;
    Semaphore permits = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(streams);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger ok = new AtomicInteger();
    for (int i = 0; i < streams; i++) {
      assertThat(permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      String msg = "message " + i + " " + "x".repeat(i % 300);
      pair.dialer().openStream().addListener(f -> {
        if (!f.isSuccess()) {
          problems.add("open: " + f.cause());
          permits.release();
          done.countDown();
          return;
        }
        YamuxStream s = (YamuxStream) f.getNow();
        Recorder r = new Recorder();
        s.handler(r);
        s.write(Unpooled.copiedBuffer(msg, StandardCharsets.UTF_8));
        s.closeWrite();
        s.closeFuture().addListener(c -> {
          String got = new String(r.received.toByteArray(), StandardCharsets.UTF_8);
          if (!c.isSuccess()) {
            problems.add(s + ": " + c.cause());
          } else if (!got.equals(msg)) {
            problems.add(s + ": echoed '" + got + "'");
          } else {
            ok.incrementAndGet();
          }
          permits.release();
          done.countDown();
        });
      });
    }
    assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(problems).isEmpty();
    assertThat(ok).hasValue(streams);
    assertThat(pair.dialer().streamCount()).isZero();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (pair.listener().streamCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(pair.listener().streamCount()).isZero();
    assertThat(pair.dialer().isOpen()).isTrue();
  }

  @Test
  void aSlowReaderHoldsTheSenderBackAndItsBufferStaysWithinTheWindow() throws Exception {
    AtomicInteger maxBuffered = new AtomicInteger();
    CompletableFuture<YamuxStream> inbound =
        new CompletableFuture<>();
    DigestEcho reader = new DigestEcho();
    // A fixed window, so the bound is exact however the machine's timing goes; that a slow
    // reader's window does not grow is WindowTunerTest's (timing-free) business.
    pair = new LoopbackPair(CONFIG.withoutWindowAutoTuning(), s -> {
      s.setAutoRead(false);
      s.handler(reader);
      inbound.complete(s);
    }, YamuxStreamAcceptor.rejectAll());
    int total = 4 * 1024 * 1024;
    YamuxStream s = await(pair.dialer().openStream());
    Recorder answer = new Recorder();
    s.handler(answer);
    MessageDigest sha = sha256();
    Random rnd = new Random(42);
    BoundedWriter writer = new BoundedWriter(s);
    // Offer everything we can: writes stall once the window and the pending bound are used.
    int offered = 0;
    while (offered < total) {
      byte[] c = new byte[CHUNK];
      rnd.nextBytes(c);
      if (!writer.write(c, 200)) {
        break;
      }
      sha.update(c);
      offered += CHUNK;
    }
    byte[] next = null;
    YamuxStream server = inbound.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    // Nobody reads: the window fills, then nothing more arrives however long we wait.
    long fillDeadline = System.nanoTime() + WAIT.toNanos();
    while (server.readableBytes() < WINDOW && System.nanoTime() < fillDeadline) {
      Thread.sleep(5);
    }
    Thread.sleep(300);
    assertThat(server.readableBytes()).as("the receiver buffers exactly one window")
        .isEqualTo(WINDOW);
    assertThat(reader.received).hasValue(0);
    assertThat(s.sendWindow()).isZero();
    assertThat(writer.written.get()).as("the sender is held back").isLessThanOrEqualTo(WINDOW);
    assertThat(offered).as("offered: window plus the pending bound")
        .isLessThanOrEqualTo(WINDOW + CONFIG.maxPendingWriteBytes());
    assertThat(s.pendingWriteBytes()).isGreaterThan(0);

    // Now read slowly; keep offering the rest as the queue drains.
    long deadline = System.nanoTime() + WAIT.toNanos();
    boolean closed = false;
    while (reader.received.get() < total && System.nanoTime() < deadline) {
      maxBuffered.accumulateAndGet(server.readableBytes(), Math::max);
      server.read();
      while (offered < total) {
        if (next == null) {
          next = new byte[CHUNK];
          rnd.nextBytes(next);
        }
        if (!writer.write(next, 0)) {
          break;
        }
        sha.update(next);
        next = null;
        offered += CHUNK;
      }
      if (offered == total && !closed) {
        s.closeWrite();
        closed = true;
      }
      Thread.sleep(2);
    }
    server.setAutoRead(true); // deliver the FIN whenever it comes
    await(writer.last);
    await(s.closeFuture());
    assertThat(writer.failures).isEmpty();
    assertThat(reader.received).hasValue(total);
    assertThat(maxBuffered.get()).isLessThanOrEqualTo(WINDOW);
    assertThat(answer.received.toByteArray()).isEqualTo(sha.digest());
  }

  /** Echoes, or (one stream in five) resets after the first bytes. */
  private static YamuxStreamAcceptor echoOrReset() {
    AtomicInteger n = new AtomicInteger();
    return s -> {
      boolean reset = n.incrementAndGet() % 5 == 0;
      s.handler(new YamuxStreamHandler() {
        @Override
        public void onData(YamuxStream stream, ByteBuf data) {
          if (reset) {
            data.release();
            stream.reset();
          } else {
            stream.write(data);
          }
        }

        @Override
        public void onRemoteClose(YamuxStream stream) {
          stream.closeWrite();
        }
      });
    };
  }

  @Test
  void bothSidesOpenStreamsFromManyThreadsWithResetsMixedIn() throws Exception {
    pair = new LoopbackPair(CONFIG, echoOrReset(), echoOrReset());
    int perThread = 60;
    int threads = 4;
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger echoed = new AtomicInteger();
    AtomicInteger reset = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(perThread * threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      YamuxSession side = t % 2 == 0 ? pair.dialer() : pair.listener();
      long seed = System.nanoTime() + t;
      workers.add(new Thread(() -> {
        Random rnd = new Random(seed);
        Semaphore inFlight = new Semaphore(16);
        for (int i = 0; i < perThread; i++) {
          try {
            if (!inFlight.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
              problems.add("stalled, seed " + seed);
              return;
            }
            YamuxStream s = side.openStream().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Recorder r = new Recorder();
            s.handler(r);
            byte[] msg = new byte[1 + rnd.nextInt(100_000)];
            rnd.nextBytes(msg);
            s.write(ByteBufAllocator.DEFAULT.buffer(msg.length).writeBytes(msg));
            s.closeWrite();
            s.closeFuture().addListener(f -> {
              if (f.isSuccess() && Arrays.equals(r.received.toByteArray(), msg)) {
                echoed.incrementAndGet();
              } else if (!f.isSuccess() && f.cause() instanceof YamuxStreamResetException) {
                reset.incrementAndGet();
              } else {
                problems.add(s + ": " + f.cause() + " after " + r.size() + "/" + msg.length
                    + " bytes, seed " + seed);
              }
              inFlight.release();
              done.countDown();
            });
          } catch (Exception e) {
            problems.add(e.toString() + ", seed " + seed);
            return;
          }
        }
      }));
    }
    workers.forEach(Thread::start);
    assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("%s", problems).isTrue();
    for (Thread w : workers) {
      w.join(WAIT.toMillis());
    }
    assertThat(problems).isEmpty();
    assertThat(echoed.get() + reset.get()).isEqualTo(perThread * threads);
    assertThat(reset.get()).as("every fifth stream is reset by the peer").isPositive();
    assertThat(pair.dialer().isOpen()).isTrue();
    assertThat(pair.listener().isOpen()).isTrue();
  }

  @Test
  void pingRoundTripsAndCloseIsSeenByThePeer() throws Exception {
    pair = new LoopbackPair(CONFIG, s -> s.handler(new DigestEcho()),
        YamuxStreamAcceptor.rejectAll());
    Duration rtt = await(pair.listener().ping());
    assertThat(rtt).isLessThan(WAIT);
    Thread.sleep(500); // keepalive pings flow both ways
    assertThat(pair.dialer().isOpen()).isTrue();
    await(pair.dialer().close());
    assertThat(pair.listener().closeFuture().await(WAIT.toMillis())).isTrue();
    assertThat(pair.listener().isRemoteGoAway()).isTrue();
  }
}
