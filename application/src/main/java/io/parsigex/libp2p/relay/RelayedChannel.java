package io.parsigex.libp2p.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.parsigex.libp2p.host.MultiaddrSocketAddress;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Netty channel whose bytes travel over one Yamux stream of a relay connection, so that the
 * host's ordinary upgrade (multistream, Noise, Yamux) runs on a relayed circuit. It lives on the
 * relay connection's event loop; writes go to the stream, and while more than
 * {@link #HIGH_WATER_MARK} bytes wait there the channel is unwritable (the muxer above pauses its
 * streams) until the queue drains to {@link #LOW_WATER_MARK}; a write beyond the stream's own
 * pending limit closes the channel. Stream data is fired down the pipeline, and the stream's FIN
 * or reset closes the channel. Closing the channel half-closes the stream and resets it if the far
 * side has not closed within {@link #LINGER}.
 */
final class RelayedChannel extends AbstractChannel implements YamuxStreamHandler {

  /** How long a closed channel waits for the far side's FIN before resetting the stream. */
  static final Duration LINGER = Duration.ofSeconds(5);
  /** Bytes queued on the relay stream above which the channel reports itself unwritable. */
  static final int HIGH_WATER_MARK = 256 * 1024;
  /** Queued bytes at or below which it is writable again. */
  static final int LOW_WATER_MARK = 64 * 1024;
  private static final int WRITABILITY_BIT = 1;
  private static final ChannelMetadata METADATA = new ChannelMetadata(false);
  private static final Multiaddr LOCAL = parseLocal();

  private final DefaultChannelConfig config = new DefaultChannelConfig(this);
  private final YamuxStream stream;
  private final MultiaddrSocketAddress remote;
  private volatile boolean open = true;

  RelayedChannel(YamuxStream stream, Multiaddr circuit) {
    super(stream.session().channel());
    this.stream = Objects.requireNonNull(stream, "stream");
    this.remote = new MultiaddrSocketAddress(circuit);
  }

  private static Multiaddr parseLocal() {
    try {
      return Multiaddr.parse("/p2p-circuit");
    } catch (io.parsigex.libp2p.multiaddr.MultiaddrException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The event loop the channel must be registered on (the relay connection's). */
  EventLoop loop() {
    return stream.session().channel().eventLoop();
  }

  // ---------------------------------------------------------------- stream -> channel

  @Override
  public void onData(YamuxStream s, ByteBuf data) {
    if (!open || !isRegistered()) {
      data.release();
      return;
    }
    pipeline().fireChannelRead(data);
    pipeline().fireChannelReadComplete();
  }

  @Override
  public void onRemoteClose(YamuxStream s) {
    close();
  }

  @Override
  public void onReset(YamuxStream s, YamuxException cause) {
    close();
  }

  // ---------------------------------------------------------------- channel -> stream

  @Override
  protected void doWrite(ChannelOutboundBuffer in) {
    for (Object msg; (msg = in.current()) != null; ) {
      ByteBuf buf = (ByteBuf) msg;
      if (buf.isReadable()) {
        stream.write(buf.retain()).addListener(f -> {
          if (!f.isSuccess()) {
            close();
          } else if (stream.pendingWriteBytes() <= LOW_WATER_MARK) {
            setBackedUp(false);
          }
        });
      }
      in.remove();
    }
    if (stream.pendingWriteBytes() > HIGH_WATER_MARK) {
      setBackedUp(true);
    }
  }

  /** Reports the relay stream's queue as this channel's writability, so that writers pause. */
  private void setBackedUp(boolean backedUp) {
    ChannelOutboundBuffer out = unsafe().outboundBuffer();
    if (out != null) {
      out.setUserDefinedWritability(WRITABILITY_BIT, !backedUp);
    }
  }

  @Override
  protected Object filterOutboundMessage(Object msg) {
    if (msg instanceof ByteBuf) {
      return msg;
    }
    throw new UnsupportedOperationException("a relayed channel carries bytes only, not "
        + msg.getClass().getSimpleName());
  }

  @Override
  protected void doClose() {
    if (!open) {
      return;
    }
    open = false;
    if (stream.closeFuture().isDone()) {
      return;
    }
    stream.closeWrite();
    try {
      loop().schedule(() -> {
        if (!stream.closeFuture().isDone()) {
          stream.reset();
        }
      }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      stream.reset();
    }
  }

  // ---------------------------------------------------------------- channel plumbing

  @Override
  protected AbstractUnsafe newUnsafe() {
    return new AbstractUnsafe() {
      @Override
      public void connect(SocketAddress remoteAddress, SocketAddress localAddress,
          ChannelPromise promise) {
        promise.setFailure(new UnsupportedOperationException("a relayed channel is connected "
            + "when created"));
      }
    };
  }

  @Override
  protected boolean isCompatible(EventLoop loop) {
    return true;
  }

  @Override
  protected SocketAddress localAddress0() {
    return new MultiaddrSocketAddress(LOCAL);
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return remote;
  }

  @Override
  protected void doBind(SocketAddress localAddress) {
    throw new UnsupportedOperationException("a relayed channel cannot be bound");
  }

  @Override
  protected void doDisconnect() {
    doClose();
  }

  @Override
  protected void doBeginRead() {
    // the stream delivers as bytes arrive; its window holds the relay back when we stall
  }

  @Override
  public ChannelConfig config() {
    return config;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isActive() {
    return open;
  }

  @Override
  public ChannelMetadata metadata() {
    return METADATA;
  }
}
