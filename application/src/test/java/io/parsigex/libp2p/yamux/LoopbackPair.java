package io.parsigex.libp2p.yamux;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Two Yamux sessions over a real loopback TCP connection (plaintext, no Noise), each on its own
 * event loop thread. Public so the bench main can use it.
 */
public final class LoopbackPair implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_SECONDS = 10;
  private static final int SHUTDOWN_TIMEOUT_SECONDS = 10;

  private final EventLoopGroup serverGroup;
  private final EventLoopGroup clientGroup;
  private final Channel serverChannel;
  private final YamuxSession dialer;
  private final YamuxSession listener;

  /**
   * Connects two sessions.
   *
   * @param config limits for both sides
   * @param listenerAcceptor receives streams the dialer opens
   * @param dialerAcceptor receives streams the listener opens
   * @throws Exception when the connection cannot be set up
   */
  public LoopbackPair(YamuxConfig config, YamuxStreamAcceptor listenerAcceptor,
      YamuxStreamAcceptor dialerAcceptor) throws Exception {
    serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    CompletableFuture<YamuxSession> accepted = new CompletableFuture<>();
    serverChannel = new ServerBootstrap()
        .group(serverGroup)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            accepted.complete(Yamux.install(ch, YamuxRole.LISTENER, config, listenerAcceptor, YamuxTestSupport.refusals()));
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    CompletableFuture<YamuxSession> dialled = new CompletableFuture<>();
    new Bootstrap()
        .group(clientGroup)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            dialled.complete(Yamux.install(ch, YamuxRole.DIALER, config, dialerAcceptor, YamuxTestSupport.refusals()));
          }
        })
        .connect(serverChannel.localAddress()).sync();
    dialer = dialled.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    listener = accepted.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * The session on the dialling side (odd stream ids).
   *
   * @return the session
   */
  public YamuxSession dialer() {
    return dialer;
  }

  /**
   * The session on the listening side (even stream ids).
   *
   * @return the session
   */
  public YamuxSession listener() {
    return listener;
  }

  @Override
  public void close() throws InterruptedException {
    dialer.close().await(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    serverChannel.close().await(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    clientGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .await(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    serverGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .await(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
