package io.parsigex.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.yamux.YamuxTestSupport.Recorder;
import io.parsigex.testsupport.NettyLeakCheck;
import io.parsigex.testsupport.NodeJs;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interoperability with js-libp2p's yamux ({@code @chainsafe/libp2p-yamux}, an independent
 * implementation) over plain loopback TCP, driven by {@code src/test/js/yamux-peer.mjs}.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class YamuxJsInteropTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final YamuxConfig CONFIG =
      YamuxConfig.defaults().withKeepAliveInterval(Duration.ofMillis(300));
  private static final int STREAMS = 30;
  private static final int BIG = 2 * 1024 * 1024;

  private EventLoopGroup group;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (group != null) {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
  }

  private static ByteBuf pattern(int i, int size) {
    // Fill an array first: paranoid leak detection records every access to a ByteBuf.
    byte[] a = new byte[size];
    for (int j = 0; j < size; j++) {
      a[j] = (byte) (j * 31 + i);
    }
    return ByteBufAllocator.DEFAULT.buffer(size).writeBytes(a);
  }

  private static <T> T await(Future<T> f) throws InterruptedException {
    assertThat(f.await(WAIT.toMillis())).as("timed out").isTrue();
    if (!f.isSuccess()) {
      throw new AssertionError("failed: " + f.cause(), f.cause());
    }
    return f.getNow();
  }

  @Test
  void javaDialsJsListenerStreamsEchoPingsAnswerAndGoAwayCloses() throws Exception {
    NodeJs node = NodeJs.get();
    try (NodeJs.JsProcess js = node.start("yamux-peer.mjs", "listen")) {
      int port = Integer.parseInt(js.awaitLine("LISTENING ", WAIT).split(" ")[1]);
      group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      CompletableFuture<YamuxSession> installed = new CompletableFuture<>();
      new Bootstrap().group(group).channel(NioSocketChannel.class)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              installed.complete(Yamux.install(ch, YamuxRole.DIALER, CONFIG,
                  YamuxStreamAcceptor.rejectAll(), YamuxTestSupport.refusals()));
            }
          })
          .connect(new InetSocketAddress("127.0.0.1", port)).sync();
      YamuxSession session = installed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

      List<YamuxStream> streams = new ArrayList<>();
      List<Recorder> echoes = new ArrayList<>();
      List<ByteBuf> expected = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        int size = i == 0 ? BIG : (i * 977) % 20_000;
        YamuxStream s = await(session.openStream());
        Recorder r = new Recorder();
        s.handler(r);
        expected.add(pattern(i, size));
        ByteBuf data = pattern(i, size);
        // The big one exceeds maxPendingWriteBytes: send it in window-sized pieces.
        while (data.isReadable()) {
          int n = Math.min(data.readableBytes(), YamuxConfig.INITIAL_WINDOW);
          await(s.write(data.readRetainedSlice(n)));
        }
        data.release();
        s.closeWrite();
        streams.add(s);
        echoes.add(r);
      }
      for (int i = 0; i < STREAMS; i++) {
        await(streams.get(i).closeFuture());
        ByteBuf want = expected.get(i);
        assertThat(echoes.get(i).received.toByteArray()).as("stream %d", i)
            .isEqualTo(ByteBufUtil.getBytes(want));
        want.release();
      }
      assertThat(await(session.ping())).isLessThan(WAIT);
      js.awaitLine("JS_PING_OK", WAIT);
      Thread.sleep(1500); // js keepalive pings (1 s) must be answered; ours (300 ms) too
      assertThat(session.isOpen()).isTrue();
      await(session.close());
      js.awaitLine("CONNECTION_CLOSED", WAIT);
    }
  }

  /** A Java listener; returns its port. */
  private int listen(YamuxStreamAcceptor acceptor, CompletableFuture<YamuxSession> accepted,
      List<Channel> servers) throws InterruptedException {
    return listen(CONFIG, acceptor, accepted, servers);
  }

  /** A Java listener with the given limits; returns its port. */
  private int listen(YamuxConfig config, YamuxStreamAcceptor acceptor,
      CompletableFuture<YamuxSession> accepted, List<Channel> servers)
      throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            accepted.complete(Yamux.install(ch, YamuxRole.LISTENER, config, acceptor, YamuxTestSupport.refusals()));
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    servers.add(server);
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Test
  void jsSenderRespectsTheWindowOfASlowJavaReader() throws Exception {
    NodeJs node = NodeJs.get();
    CompletableFuture<YamuxSession> accepted = new CompletableFuture<>();
    CompletableFuture<YamuxStream> inbound = new CompletableFuture<>();
    AtomicInteger maxBuffered = new AtomicInteger();
    List<Channel> servers = new ArrayList<>();
    // A fixed window keeps the bound exact: a reader that is slow only by timing could still see
    // its window auto-tuned on a loaded machine.
    int port = listen(CONFIG.withoutWindowAutoTuning(), s -> {
      s.setAutoRead(false);
      s.handler(new YamuxTestSupport.DigestEcho());
      inbound.complete(s);
    }, accepted, servers);
    try (NodeJs.JsProcess js = node.start("yamux-peer.mjs", "bulk", Integer.toString(port), "4")) {
      YamuxStream s = inbound.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      // Read slowly: js must stop at our window (more would be a protocol error here).
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!s.closeFuture().isDone() && System.nanoTime() < deadline) {
        maxBuffered.accumulateAndGet(s.readableBytes(), Math::max);
        s.read();
        Thread.sleep(3);
      }
      String line = js.awaitLine("BULK_", WAIT);
      assertThat(line).startsWith("BULK_OK");
      assertThat(maxBuffered.get()).isPositive().isLessThanOrEqualTo(YamuxConfig.INITIAL_WINDOW);
      // js closes the connection when done; no protocol error may have ended the session.
      YamuxSession session = accepted.get();
      assertThat(session.closeFuture().await(WAIT.toMillis())).isTrue();
      assertThat(session.closeFuture().cause()).isNull();
    } finally {
      for (Channel c : servers) {
        c.close().sync();
      }
    }
  }

  @Test
  void jsSenderFillsAWindowThatAutoTuningGrew() throws Exception {
    NodeJs node = NodeJs.get();
    CompletableFuture<YamuxSession> accepted = new CompletableFuture<>();
    CompletableFuture<YamuxStreamImpl> inbound = new CompletableFuture<>();
    List<Channel> servers = new ArrayList<>();
    int port = listen(s -> {
      s.handler(new YamuxTestSupport.DigestEcho());
      inbound.complete((YamuxStreamImpl) s);
    }, accepted, servers);
    try (NodeJs.JsProcess js = node.start("yamux-peer.mjs", "bulk", Integer.toString(port), "32")) {
      assertThat(js.awaitLine("BULK_", WAIT)).startsWith("BULK_OK");
      YamuxStreamImpl s = inbound.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      YamuxSessionHandler session = (YamuxSessionHandler) accepted.get();
      long window = session.executor().submit(s::receiveWindow)
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(window).as("js-yamux honoured a window beyond the initial one")
          .isGreaterThan(YamuxConfig.INITIAL_WINDOW)
          .isLessThanOrEqualTo(CONFIG.maxReceiveWindow());
      assertThat(session.closeFuture().await(WAIT.toMillis())).isTrue();
      assertThat(session.closeFuture().cause()).as("no protocol error").isNull();
    } finally {
      for (Channel c : servers) {
        c.close().sync();
      }
    }
  }

  @Test
  void jsDialsJavaListenerAndItsStreamsEcho() throws Exception {
    NodeJs node = NodeJs.get();
    CompletableFuture<YamuxSession> accepted = new CompletableFuture<>();
    List<Channel> servers = new ArrayList<>();
    int port = listen(s -> s.handler(new YamuxStreamHandler() {
      @Override
      public void onData(YamuxStream stream, ByteBuf data) {
        stream.write(data);
      }

      @Override
      public void onRemoteClose(YamuxStream stream) {
        stream.closeWrite();
      }
    }), accepted, servers);
    try {
      String out = node.run(WAIT, "yamux-peer.mjs", "dial", Integer.toString(port), "40");
      assertThat(out).contains("DIAL_OK 40");
      YamuxSession session = accepted.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(session.closeFuture().await(WAIT.toMillis())).isTrue();
      assertThat(session.streamCount()).isZero();
    } finally {
      for (Channel c : servers) {
        c.close().sync();
      }
    }
  }
}
