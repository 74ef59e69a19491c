package io.parsigex.libp2p.host;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Opens outbound TCP connections. DNS names are resolved on a dedicated thread, never on an event
 * loop; the channel is handed to {@code setUp} to run the connection upgrade, which completes the
 * result.
 */
final class TcpDialer {

  private final EventLoopGroup group;
  private final Duration connectTimeout;
  private final ExecutorService resolver;

  TcpDialer(EventLoopGroup group, Duration connectTimeout, String threadName) {
    this.group = group;
    this.connectTimeout = connectTimeout;
    this.resolver = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Connects to a direct TCP address.
   *
   * @param addr the transport address (no /p2p)
   * @param setUp installs the upgrade on the new channel; it completes {@code result}
   * @param result completed exceptionally here when the TCP connect fails
   */
  void dial(Multiaddr addr, BiConsumer<Channel, CompletableFuture<Connection>> setUp,
      CompletableFuture<Connection> result) {
    Optional<InetSocketAddress> endpoint = addr.tcpEndpoint();
    if (endpoint.isEmpty()) {
      result.completeExceptionally(new HostException.DialFailed("cannot dial " + addr
          + ": only direct TCP addresses are supported", null));
      return;
    }
    CompletableFuture<InetSocketAddress> resolved = endpoint.get().isUnresolved()
        ? CompletableFuture.supplyAsync(() -> resolve(endpoint.get()), resolver)
        : CompletableFuture.completedFuture(endpoint.get());
    resolved.whenComplete((target, error) -> {
      if (error != null) {
        result.completeExceptionally(new HostException.DialFailed("cannot resolve " + addr
            + ": " + error.getMessage(), error));
        return;
      }
      Bootstrap b = new Bootstrap()
          .group(group)
          .channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.ALLOCATOR, ChannelAllocator.ALLOCATOR)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              setUp.accept(ch, result);
            }
          });
      try {
        b.connect(target).addListener(f -> {
          if (!f.isSuccess()) {
            result.completeExceptionally(new HostException.DialFailed("cannot connect to "
                + addr + ": " + f.cause().getMessage(), f.cause()));
          }
        });
      } catch (RuntimeException e) {
        result.completeExceptionally(new HostException.DialFailed("cannot connect to " + addr
            + ": " + e.getMessage(), e));
      }
    });
  }

  private static InetSocketAddress resolve(InetSocketAddress unresolved) {
    try {
      return new InetSocketAddress(InetAddress.getByName(unresolved.getHostString()),
          unresolved.getPort());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unknown host " + unresolved.getHostString(), e);
    }
  }

  void close() {
    resolver.shutdownNow();
  }
}
