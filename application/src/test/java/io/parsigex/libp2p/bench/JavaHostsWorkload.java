package io.parsigex.libp2p.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Two of our {@link Host}s on loopback, the dialer sending to the listener's sink. */
final class JavaHostsWorkload implements BenchWorkload {

  private static final int CHUNK = 64 * 1024;
  /** Bytes the bulk sender keeps in flight (the default Yamux pending-write bound). */
  private static final int BULK_BUDGET = 1024 * 1024;
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final double MIB = 1024.0 * 1024.0;

  private final Host dialer;
  private final Host listener;
  private final AtomicLong sinkBytes = new AtomicLong();
  private final AtomicLong sinkStreams = new AtomicLong();

  private JavaHostsWorkload(Host dialer, Host listener) {
    this.dialer = dialer;
    this.listener = listener;
  }

  /**
   * Starts both hosts (secp256k1 keys, each allowing only the other) and connects them.
   *
   * @return the connected pair
   * @throws Exception when they cannot connect
   */
  static JavaHostsWorkload start() throws Exception {
    SecureRandom random = new SecureRandom();
    Secp256k1PrivateKey dk = Secp256k1PrivateKey.generate(random);
    Secp256k1PrivateKey lk = Secp256k1PrivateKey.generate(random);
    Multiaddr loopback = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    Host listener = Host.start(HostConfig.of(lk, List.of(loopback),
        ConnectionGater.allowOnly(Set.of(PeerId.fromPublicKey(dk.publicKey())))));
    Host dialer = null;
    try {
      dialer = Host.start(HostConfig.of(dk, List.of(),
          ConnectionGater.allowOnly(Set.of(listener.peerId()))));
      JavaHostsWorkload w = new JavaHostsWorkload(dialer, listener);
      listener.setStreamHandler(PROTOCOL, s -> s.handler(w.new Sink()));
      dialer.connectTo(listener.listenAddresses().get(0).withPeerId(listener.peerId()))
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return w;
    } catch (Exception | Error e) {
      if (dialer != null) {
        dialer.close();
      }
      listener.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "Java";
  }

  @Override
  public RunResult bulk(long bytes) throws Exception {
    resetCounts();
    HostStream s = dialer.newStream(listener.peerId(), PROTOCOL)
        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    CompletableFuture<Void> closed = new CompletableFuture<>();
    s.handler(new AwaitClose(closed));
    byte[] chunk = new byte[CHUNK];
    new SecureRandom().nextBytes(chunk);
    long start = System.nanoTime();
    long cpu = cpuNanos();
    // Written from the stream's event loop, as a Netty application streams a body.
    BulkPump.start(s, chunk, bytes, BULK_BUDGET).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (cpuNanos() - cpu) / 1e9;
    check(bytes, 1);
    return RunResult.of(bytes / MIB, seconds, cpuSeconds);
  }

  @Override
  public RunResult streams(int count, int inFlight) throws Exception {
    resetCounts();
    byte[] message = new byte[MESSAGE_BYTES];
    new SecureRandom().nextBytes(message);
    Semaphore permits = new Semaphore(inFlight);
    CountDownLatch finished = new CountDownLatch(count);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long cpu = cpuNanos();
    for (int i = 0; i < count && failure.get() == null; i++) {
      if (!permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("streams stalled after " + i);
      }
      CompletableFuture<Void> closed = new CompletableFuture<>();
      closed.whenComplete((v, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        }
        permits.release();
        finished.countDown();
      });
      dialer.newStream(listener.peerId(), PROTOCOL).whenComplete((s, e) -> {
        if (e != null) {
          closed.completeExceptionally(e);
          return;
        }
        s.handler(new AwaitClose(closed));
        s.write(Unpooled.wrappedBuffer(message));
        s.closeWrite();
      });
    }
    if (!finished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("only " + (count - finished.getCount()) + " of " + count
          + " streams finished");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (cpuNanos() - cpu) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("a stream failed", failure.get());
    }
    check((long) count * MESSAGE_BYTES, count);
    return RunResult.of(count, seconds, cpuSeconds);
  }

  /** CPU time of this JVM so far (all threads: both hosts, JIT, GC). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private void resetCounts() {
    sinkBytes.set(0);
    sinkStreams.set(0);
  }

  private void check(long bytes, long streams) {
    if (sinkBytes.get() != bytes || sinkStreams.get() != streams) {
      throw new IllegalStateException("the listener got " + sinkStreams.get() + " of " + streams
          + " streams and " + sinkBytes.get() + " of " + bytes + " bytes");
    }
  }

  @Override
  public void close() {
    dialer.close();
    listener.close();
  }

  /** The listener's side: counts bytes, closes when the dialer closes. */
  private final class Sink implements YamuxStreamHandler {
    @Override
    public void onData(YamuxStream stream, ByteBuf data) {
      sinkBytes.addAndGet(data.readableBytes());
      data.release();
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
      sinkStreams.incrementAndGet();
      stream.closeWrite();
    }
  }

  /** The dialer's side: nothing comes back; completes when the listener closed its side. */
  private record AwaitClose(CompletableFuture<Void> closed) implements YamuxStreamHandler {
    @Override
    public void onData(YamuxStream stream, ByteBuf data) {
      data.release();
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
      closed.complete(null);
    }

    @Override
    public void onReset(YamuxStream stream, YamuxException cause) {
      closed.completeExceptionally(cause);
    }
  }
}
