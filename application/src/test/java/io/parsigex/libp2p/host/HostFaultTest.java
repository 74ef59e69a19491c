package io.parsigex.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import io.parsigex.testsupport.NettyLeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Handshake faults against a listening host: each must close the connection and nothing else. */
@ExtendWith(NettyLeakCheck.class)
class HostFaultTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration SHORT = Duration.ofMillis(700);
  private final List<Host> hosts = new ArrayList<>();
  private Secp256k1PrivateKey friendKey;
  private Host target;
  private InetSocketAddress endpoint;

  @BeforeEach
  void startTarget() throws Exception {
    friendKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(RANDOM);
    target = Host.start(HostConfig.of(key, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(Set.of(PeerId.fromPublicKey(friendKey.publicKey()))))
        .withTimeouts(SHORT, SHORT));
    hosts.add(target);
    target.setStreamHandler(EchoProtocol.ECHO, s -> s.handler(EchoProtocol.echo()));
    endpoint = target.listenAddresses().get(0).tcpEndpoint().orElseThrow();
  }

  @AfterEach
  void stop() {
    hosts.forEach(Host::close);
  }

  /** The target still serves a legitimate peer. */
  private void assertStillServes() throws Exception {
    Host friend = Host.start(HostConfig.of(friendKey, List.of(),
        ConnectionGater.allowOnly(Set.of(target.peerId()))));
    hosts.add(friend);
    byte[] p = {1, 2, 3, 4};
    byte[] back = friend.dial(target.listenAddresses().get(0).withPeerId(target.peerId()))
        .thenCompose(c -> friend.newStream(c, EchoProtocol.ECHO))
        .thenCompose(s -> EchoProtocol.roundTrip(s, p, 100))
        .get(10, TimeUnit.SECONDS);
    assertThat(back).isEqualTo(p);
    friend.close();
  }

  /** Reads until the peer closes; fails if it stays open past {@code timeout}. */
  private static byte[] readUntilClosed(Socket s, Duration timeout) throws Exception {
    s.setSoTimeout((int) timeout.toMillis());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // a reset is a close too
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] selectNoise() {
    return concat(Negotiator.encode("/multistream/1.0.0"), Negotiator.encode("/noise"));
  }

  private long failuresBefore;

  private void awaitFailureCount(long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (target.stats().handshakeFailures() < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(target.stats().handshakeFailures()).isEqualTo(expected);
  }

  @Test
  void silentPeersAreDisconnectedAtTheTimeout() throws Exception {
    try (Socket silent = new Socket()) {
      silent.connect(endpoint);
      long start = System.nanoTime();
      byte[] got = readUntilClosed(silent, Duration.ofSeconds(5));
      assertThat(got).isEqualTo(Negotiator.encode("/multistream/1.0.0"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
    try (Socket stalls = new Socket()) {
      stalls.connect(endpoint);
      stalls.getOutputStream().write(selectNoise());
      readUntilClosed(stalls, Duration.ofSeconds(5));
    }
    awaitFailureCount(2);
    assertStillServes();
  }

  @Test
  void garbageBeforeAndInsideTheHandshakeClosesTheConnection() throws Exception {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    for (int i = 0; i < 10; i++) {
      byte[] junk = new byte[1 + rnd.nextInt(3000)];
      rnd.nextBytes(junk);
      try (Socket s = new Socket()) {
        s.connect(endpoint);
        OutputStream out = s.getOutputStream();
        switch (i % 3) {
          case 0 -> out.write(junk); // before multistream
          case 1 -> out.write(concat(selectNoise(), new byte[] {0, 8}, junk)); // bad Noise msg1
          default -> {
            // a well-formed first message, then a garbage third message
            byte[] e = new byte[32];
            rnd.nextBytes(e);
            out.write(concat(selectNoise(), new byte[] {0, 32}, e));
            Thread.sleep(50);
            out.write(concat(new byte[] {(byte) (junk.length >> 8), (byte) junk.length}, junk));
          }
        }
        out.flush();
        readUntilClosed(s, Duration.ofSeconds(5));
      } catch (java.net.SocketException closedWhileWriting) {
        // the host may close before all junk was written
      }
    }
    awaitFailureCount(10);
    assertStillServes();
  }

  @Test
  void oversizedNoiseFramesCloseTheConnection() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(endpoint);
      byte[] e = new byte[32];
      RANDOM.nextBytes(e);
      OutputStream out = s.getOutputStream();
      out.write(concat(selectNoise(), new byte[] {0, 32}, e));
      // largest possible length prefix with a payload that fails authentication
      byte[] max = new byte[65535];
      RANDOM.nextBytes(max);
      out.write(concat(new byte[] {(byte) 0xFF, (byte) 0xFF}, max));
      // and then more than any frame could hold, which must not be buffered without bound
      try {
        for (int i = 0; i < 64; i++) {
          out.write(max);
        }
      } catch (java.net.SocketException closed) {
        // expected once the host closed
      }
      readUntilClosed(s, Duration.ofSeconds(5));
    }
    awaitFailureCount(1);
    assertStillServes();
  }

  @Test
  void abruptCloseMidStreamReleasesEverything() throws Exception {
    CompletableFuture<YamuxException> resetSeen = new CompletableFuture<>();
    CompletableFuture<Integer> bytesSeen = new CompletableFuture<>();
    target.setStreamHandler("/test/hang/1.0.0", s -> s.handler(new YamuxStreamHandler() {
      private int n;

      @Override
      public void onData(YamuxStream stream, ByteBuf data) {
        n += data.readableBytes();
        data.release();
        if (n >= 100_000) {
          bytesSeen.complete(n);
        }
      }

      @Override
      public void onReset(YamuxStream stream, YamuxException cause) {
        resetSeen.complete(cause);
      }
    }));
    Host friend = Host.start(HostConfig.of(friendKey, List.of(),
        ConnectionGater.allowOnly(Set.of(target.peerId()))));
    hosts.add(friend);
    Connection c = friend.dial(target.listenAddresses().get(0).withPeerId(target.peerId()))
        .get(10, TimeUnit.SECONDS);
    HostStream s = friend.newStream(c, "/test/hang/1.0.0").get(10, TimeUnit.SECONDS);
    s.write(Unpooled.wrappedBuffer(new byte[100_000]));
    bytesSeen.get(10, TimeUnit.SECONDS);
    // abrupt: RST instead of FIN, no go-away
    Channel ch = c.session().channel();
    ch.config().setOption(ChannelOption.SO_LINGER, 0);
    ch.close().sync();
    assertThat(resetSeen.get(10, TimeUnit.SECONDS)).isNotNull();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!target.connectedPeers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(target.connectedPeers()).isEmpty();
    friend.close();
    assertStillServes();
  }

  @Test
  void aMalformedYamuxFrameAfterTheHandshakeIsCountedAsAConnectionError() throws Exception {
    Host friend = Host.start(HostConfig.of(friendKey, List.of(),
        ConnectionGater.allowOnly(Set.of(target.peerId()))));
    hosts.add(friend);
    Connection c = friend.dial(target.listenAddresses().get(0).withPeerId(target.peerId()))
        .get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (target.connectedPeers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(target.stats().connectionErrors()).isZero();
    // Raw bytes below the Yamux codec, encrypted by Noise: a 12-byte header with version 0xff.
    byte[] garbage = new byte[12];
    java.util.Arrays.fill(garbage, (byte) 0xff);
    c.session().channel().writeAndFlush(Unpooled.wrappedBuffer(garbage)).sync();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (target.stats().connectionErrors() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(target.stats().connectionErrors()).isEqualTo(1);
    // A clean close by a well-behaved peer is not an error.
    friend.close();
    assertStillServes();
    assertThat(target.stats().connectionErrors()).isEqualTo(1);
  }

  @Test
  void theCapHoldsAuthenticatedPeersAndStrangersSocketsDoNotTakeIt() throws Exception {
    Host capped = Host.start(HostConfig.of(Secp256k1PrivateKey.generate(RANDOM),
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), ConnectionGater.allowAll())
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3)).withMaxConnections(1));
    hosts.add(capped);
    Multiaddr at = capped.listenAddresses().get(0).withPeerId(capped.peerId());
    InetSocketAddress tcp = at.tcpEndpoint().orElseThrow();
    try (Socket a = new Socket(); Socket b = new Socket()) {
      // Two strangers' silent sockets wait in the pre-authentication budget, not in the cap.
      a.connect(tcp);
      b.connect(tcp);
      a.getInputStream().read();
      b.getInputStream().read();
      Host first = Host.start(HostConfig.of(Secp256k1PrivateKey.generate(RANDOM), List.of(),
          ConnectionGater.allowAll()));
      hosts.add(first);
      first.dial(at).get(10, TimeUnit.SECONDS);
      assertThat(capped.stats().refusedOverLimit()).isZero();
      // The cap (1) is taken by the first authenticated peer: the second is closed after Noise.
      Host second = Host.start(HostConfig.of(Secp256k1PrivateKey.generate(RANDOM), List.of(),
          ConnectionGater.allowAll()));
      hosts.add(second);
      try {
        second.dial(at).get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException refused) {
        // the refusal may reach the dialer before or after its own handshake completed
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((capped.stats().refusedOverLimit() < 1 || !second.connectedPeers().isEmpty())
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(capped.stats().refusedOverLimit()).isEqualTo(1);
      assertThat(second.connectedPeers()).isEmpty();
      assertThat(capped.connectedPeers()).containsExactly(first.peerId());
    }
  }

}
