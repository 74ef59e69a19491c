package io.parsigex.libp2p.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.yamux.LoopbackPair;
import io.parsigex.libp2p.yamux.YamuxConfig;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamAcceptor;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plain bench main (not a test): Yamux bulk throughput on one stream and new-stream-per-message
 * rate between two sessions over loopback TCP, plaintext. Run with the test classpath:
 * {@code java -cp <test classpath> io.parsigex.libp2p.bench.YamuxBench [bulkMiB] [messages]}.
 */
public final class YamuxBench {

  private static final int DEFAULT_BULK_MIB = 256;
  private static final int DEFAULT_MESSAGES = 5000;
  /** Bytes of one benchmark message, the size the js-libp2p loopback figures were taken with. */
  private static final int MESSAGE_BYTES = 421;
  private static final int CHUNK = 64 * 1024;
  private static final int[] IN_FLIGHT = {1, 16};
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final double MIB = 1024.0 * 1024.0;

  private YamuxBench() {}

  /**
   * Runs both measurements and prints the figures.
   *
   * @param args optional: MiB to move in bulk, messages for the stream-rate run
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    int bulkMib = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_BULK_MIB;
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_MESSAGES;
    YamuxConfig config = YamuxConfig.defaults();
    bulk(config, bulkMib / 4); // warm-up
    double mbs = bulk(config, bulkMib);
    System.out.printf(Locale.ROOT, "bulk: %d MiB on one stream: %.1f MiB/s%n", bulkMib, mbs);
    for (int inFlight : IN_FLIGHT) {
      streamsPerSecond(config, messages / 4, inFlight); // warm-up
      double rate = streamsPerSecond(config, messages, inFlight);
      System.out.printf(Locale.ROOT,
          "new stream per %d-byte message, %d in flight: %.0f streams/s%n",
          MESSAGE_BYTES, inFlight, rate);
    }
  }

  /** Counts what arrives and signals the FIN. */
  private static final class Sink implements YamuxStreamHandler {
    private final AtomicLong received;
    private final CountDownLatch done;

    Sink(AtomicLong received, CountDownLatch done) {
      this.received = received;
      this.done = done;
    }

    @Override
    public void onData(YamuxStream stream, ByteBuf data) {
      received.addAndGet(data.readableBytes());
      data.release();
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
      stream.closeWrite();
      done.countDown();
    }
  }

  private static double bulk(YamuxConfig config, int mib) throws Exception {
    AtomicLong received = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    try (LoopbackPair pair = new LoopbackPair(config, s -> s.handler(new Sink(received, done)),
        YamuxStreamAcceptor.rejectAll())) {
      YamuxStream s = pair.dialer().openStream().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      s.handler((st, data) -> data.release());
      Semaphore budget = new Semaphore(config.maxPendingWriteBytes());
      byte[] chunk = new byte[CHUNK];
      long total = (long) mib * 1024 * 1024;
      long start = System.nanoTime();
      for (long sent = 0; sent < total; sent += CHUNK) {
        if (!budget.tryAcquire(CHUNK, WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("writes stalled");
        }
        Future<Void> w = s.write(ByteBufAllocator.DEFAULT.buffer(CHUNK).writeBytes(chunk));
        w.addListener(f -> budget.release(CHUNK));
      }
      s.closeWrite();
      if (!done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("bulk transfer did not finish");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (received.get() != total) {
        throw new IllegalStateException("received " + received.get() + " of " + total);
      }
      return total / MIB / seconds;
    }
  }

  private static double streamsPerSecond(YamuxConfig config, int messages, int inFlight)
      throws Exception {
    AtomicLong received = new AtomicLong();
    CountDownLatch served = new CountDownLatch(messages);
    try (LoopbackPair pair = new LoopbackPair(config,
        s -> s.handler(new Sink(received, served)), YamuxStreamAcceptor.rejectAll())) {
      Semaphore permits = new Semaphore(inFlight);
      CountDownLatch finished = new CountDownLatch(messages);
      byte[] message = new byte[MESSAGE_BYTES];
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        if (!permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("streams stalled");
        }
        pair.dialer().openStream().addListener(f -> {
          if (!f.isSuccess()) {
            permits.release();
            return;
          }
          YamuxStream s = (YamuxStream) f.getNow();
          // Like Charon's sender: write, close, and count the message delivered when the
          // receiver closes its side.
          s.handler(new YamuxStreamHandler() {
            @Override
            public void onData(YamuxStream st, ByteBuf data) {
              data.release();
            }

            @Override
            public void onRemoteClose(YamuxStream st) {
              permits.release();
              finished.countDown();
            }
          });
          s.write(ByteBufAllocator.DEFAULT.buffer(MESSAGE_BYTES).writeBytes(message));
          s.closeWrite();
        });
      }
      if (!finished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("only " + (messages - finished.getCount()) + " done");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (received.get() != (long) messages * MESSAGE_BYTES) {
        throw new IllegalStateException("received " + received.get() + " bytes");
      }
      return messages / seconds;
    }
  }
}
