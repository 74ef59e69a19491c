package io.parsigex.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multistream.MultistreamException;
import io.parsigex.libp2p.multistream.MultistreamHandler;
import io.parsigex.libp2p.multistream.NegotiationListener;
import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.noise.NoiseHandler;
import io.parsigex.libp2p.noise.NoiseHandshake;
import io.parsigex.libp2p.noise.NoiseSession;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.Yamux;
import io.parsigex.libp2p.yamux.YamuxConfig;
import io.parsigex.libp2p.yamux.YamuxRole;
import io.parsigex.libp2p.yamux.YamuxSession;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamAcceptor;
import io.parsigex.testsupport.NettyLeakCheck;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dialer built from the parts the way go-libp2p behaves: it proposes TLS first, then Noise;
 * its Noise payload offers no muxer, so the muxer is picked by a second multistream round on the
 * secured channel (proposing mplex first); streams then use lazy select.
 */
@ExtendWith(NettyLeakCheck.class)
class GoStyleDialerTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void tlsIsRefusedAndTheMuxerFallsBackToMultistream() throws Exception {
    Secp256k1PrivateKey dialerKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey hostKey = Secp256k1PrivateKey.generate(RANDOM);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (Host host = Host.start(HostConfig.of(hostKey,
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(Set.of(PeerId.fromPublicKey(dialerKey.publicKey())))))) {
      host.setStreamHandler(EchoProtocol.ECHO, s -> s.handler(EchoProtocol.echo()));
      CompletableFuture<YamuxSession> session = new CompletableFuture<>();
      CompletableFuture<NoiseSession> secured = new CompletableFuture<>();
      Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast("security", new MultistreamHandler(
                  Negotiator.dialer(List.of("/tls/1.0.0", NoiseHandshake.PROTOCOL_ID)), TIMEOUT,
                  new NegotiationListener() {
                    @Override
                    public void negotiated(ChannelHandlerContext ctx, String protocol) {
                      NoiseHandler.install(ctx.pipeline(), ctx.name(), new NoiseHandler(
                          NoiseHandshake.initiator(dialerKey, List.of(),
                              Optional.of(host.peerId()), RANDOM), TIMEOUT));
                    }

                    @Override
                    public void failed(ChannelHandlerContext ctx, MultistreamException cause) {
                      session.completeExceptionally(cause);
                    }
                  }));
              ch.pipeline().addLast("app", new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                  if (!(evt instanceof NoiseSession s)) {
                    return;
                  }
                  secured.complete(s);
                  ctx.pipeline().addAfter(NoiseHandler.NAME, "muxer", new MultistreamHandler(
                      Negotiator.dialer(List.of("/mplex/6.7.0", Yamux.PROTOCOL_ID)), TIMEOUT,
                      new NegotiationListener() {
                        @Override
                        public void negotiated(ChannelHandlerContext mctx, String protocol) {
                          session.complete(Yamux.install(ch, YamuxRole.DIALER,
                              YamuxConfig.defaults(), YamuxStreamAcceptor.rejectAll(),
                              new io.parsigex.libp2p.yamux.YamuxRefusals(new io.parsigex.common.log.RateLimitedLog(
                                  org.slf4j.LoggerFactory.getLogger(GoStyleDialerTest.class),
                                  org.slf4j.event.Level.INFO,
                                  io.parsigex.common.log.RateLimitedLog.DEFAULT_WINDOW,
                                  System::nanoTime, false))));
                        }

                        @Override
                        public void failed(ChannelHandlerContext mctx,
                            MultistreamException cause) {
                          session.completeExceptionally(cause);
                        }
                      }));
                }
              });
            }
          });
      b.connect(host.listenAddresses().get(0).tcpEndpoint().orElseThrow()).sync();
      NoiseSession s = secured.get(10, TimeUnit.SECONDS);
      assertThat(s.remotePeer()).isEqualTo(host.peerId());
      assertThat(s.muxer()).isEmpty();
      assertThat(s.remoteMuxers()).containsExactly(Yamux.PROTOCOL_ID);
      YamuxSession ys = session.get(10, TimeUnit.SECONDS);
      YamuxStream stream = ys.openStream().get(5, TimeUnit.SECONDS);
      CompletableFuture<byte[]> answer = new CompletableFuture<>();
      stream.handler(EchoProtocol.collect(answer, 4096));
      ByteArrayOutputStream packet = new ByteArrayOutputStream();
      packet.writeBytes(Negotiator.encode("/multistream/1.0.0"));
      packet.writeBytes(Negotiator.encode(EchoProtocol.ECHO));
      packet.writeBytes(new byte[] {42, 43});
      stream.write(Unpooled.wrappedBuffer(packet.toByteArray()));
      stream.closeWrite();
      packet.reset();
      packet.writeBytes(Negotiator.encode("/multistream/1.0.0"));
      packet.writeBytes(Negotiator.encode(EchoProtocol.ECHO));
      packet.writeBytes(new byte[] {42, 43});
      assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(packet.toByteArray());
      assertThat(host.connectedPeers()).containsExactly(PeerId.fromPublicKey(
          dialerKey.publicKey()));
      ys.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void garbageInsideTheSecuredChannelClosesOnlyThatConnection() throws Exception {
    Secp256k1PrivateKey dialerKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey hostKey = Secp256k1PrivateKey.generate(RANDOM);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    long seed = new java.util.Random().nextLong();
    java.util.Random rnd = new java.util.Random(seed);
    try (Host host = Host.start(HostConfig.of(hostKey,
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(Set.of(PeerId.fromPublicKey(dialerKey.publicKey())))))) {
      for (int round = 0; round < 5; round++) {
        CompletableFuture<NoiseSession> secured = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("security", new MultistreamHandler(
                    Negotiator.dialer(List.of(NoiseHandshake.PROTOCOL_ID)), TIMEOUT,
                    new NegotiationListener() {
                      @Override
                      public void negotiated(ChannelHandlerContext ctx, String protocol) {
                        NoiseHandler.install(ctx.pipeline(), ctx.name(), new NoiseHandler(
                            NoiseHandshake.initiator(dialerKey, List.of(Yamux.PROTOCOL_ID),
                                Optional.of(host.peerId()), RANDOM), TIMEOUT));
                      }

                      @Override
                      public void failed(ChannelHandlerContext ctx, MultistreamException c) {
                        secured.completeExceptionally(c);
                      }
                    }));
                ch.pipeline().addLast("app", new ChannelInboundHandlerAdapter() {
                  @Override
                  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof NoiseSession s) {
                      secured.complete(s);
                    }
                  }

                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    io.netty.util.ReferenceCountUtil.release(msg);
                  }
                });
              }
            });
        io.netty.channel.Channel ch = b.connect(host.listenAddresses().get(0).tcpEndpoint()
            .orElseThrow()).sync().channel();
        secured.get(10, TimeUnit.SECONDS);
        byte[] junk = new byte[12 + rnd.nextInt(5000)];
        rnd.nextBytes(junk);
        junk[0] = (byte) (1 + rnd.nextInt(255)); // an unknown Yamux version
        ch.writeAndFlush(Unpooled.wrappedBuffer(junk));
        assertThat(ch.closeFuture().await(10, TimeUnit.SECONDS)).as("seed %d", seed).isTrue();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!host.connectedPeers().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(host.connectedPeers()).isEmpty();
      try (Host friend = Host.start(HostConfig.of(dialerKey, List.of(),
          ConnectionGater.allowOnly(Set.of(host.peerId()))))) {
        friend.addAddress(host.listenAddresses().get(0).withPeerId(host.peerId()));
        assertThat(friend.ping(host.peerId()).get(10, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
