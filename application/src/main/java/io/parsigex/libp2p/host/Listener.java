package io.parsigex.libp2p.host;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host's TCP listeners: binds each listen address and hands every accepted socket to
 * {@link ConnectionSetup} as an inbound connection. Thread-safe.
 */
final class Listener {

  private final EventLoopGroup group;
  private final ConnectionSetup setup;
  private final List<Channel> servers = new CopyOnWriteArrayList<>();
  private final List<Multiaddr> bound = new CopyOnWriteArrayList<>();

  Listener(EventLoopGroup group, ConnectionSetup setup) {
    this.group = group;
    this.setup = setup;
  }

  /** Binds {@code addr}, blocking until bound. */
  void listen(Multiaddr addr) throws HostException {
    InetSocketAddress endpoint = addr.tcpEndpoint().orElseThrow();
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.ALLOCATOR, ChannelAllocator.ALLOCATOR)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            setup.setUp(ch, Direction.INBOUND, Optional.empty(), new CompletableFuture<>());
          }
        });
    try {
      Channel server = b.bind(endpoint).sync().channel();
      servers.add(server);
      bound.add(Multiaddr.tcp((InetSocketAddress) server.localAddress()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException.DialFailed("interrupted while binding " + addr, e);
    } catch (Exception e) {
      // sync() rethrows the bind failure as it is: a java.net.BindException, checked but undeclared
      throw new HostException.DialFailed("cannot listen on " + addr + ": " + e.getMessage(), e);
    }
  }

  /** The bound addresses, with the actual ports. */
  List<Multiaddr> addresses() {
    return List.copyOf(bound);
  }

  /** Stops accepting; open connections stay. */
  void close() {
    servers.forEach(Channel::close);
  }
}
