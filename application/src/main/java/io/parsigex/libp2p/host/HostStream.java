package io.parsigex.libp2p.host;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A Yamux stream on which a protocol was agreed. Bytes that arrived with or right after the
 * negotiation are held (at most {@link #MAX_HELD_BYTES}) until {@link #handler} installs the
 * consumer, and delivered to it first, so nothing pipelined is lost.
 */
public final class HostStream {

  /** Bytes held for a consumer not installed yet; beyond it the stream is reset. */
  public static final int MAX_HELD_BYTES = 1024 * 1024;

  private final Connection connection;
  private final String protocol;
  private final YamuxStream stream;
  private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
  private int heldBytes;
  private boolean heldRemoteClose;
  private YamuxException heldReset;
  private boolean installed;

  HostStream(Connection connection, String protocol, YamuxStream stream, byte[] leftover,
      StreamTraffic.Counters traffic) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.stream = new CountingStream(Objects.requireNonNull(stream, "stream"), traffic);
    if (leftover.length > 0) {
      held.add(Unpooled.wrappedBuffer(leftover));
      heldBytes = leftover.length;
    }
    stream.setAutoRead(false);
    stream.handler(new Holding());
  }

  /**
   * The peer at the other end.
   *
   * @return its id
   */
  public PeerId remotePeer() {
    return connection.remotePeer();
  }

  /**
   * The connection the stream runs on.
   *
   * @return the connection
   */
  public Connection connection() {
    return connection;
  }

  /**
   * The agreed protocol.
   *
   * @return the protocol id
   */
  public String protocol() {
    return protocol;
  }

  /**
   * The underlying Yamux stream (writes, half-close, reset, flow-control state); what is written
   * to it and read from it is counted in {@link Host#traffic()}.
   *
   * @return the stream
   */
  public YamuxStream yamux() {
    return stream;
  }

  /**
   * Installs the consumer of inbound bytes; held bytes, a held remote close and a held reset are
   * delivered to it first. May be called from any thread, once.
   *
   * @param handler the consumer
   */
  public void handler(YamuxStreamHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (stream.session().channel().eventLoop().inEventLoop()) {
      install(handler);
    } else {
      stream.session().channel().eventLoop().execute(() -> install(handler));
    }
  }

  private void install(YamuxStreamHandler handler) {
    if (installed) {
      throw new IllegalStateException("a handler is already installed on " + this);
    }
    installed = true;
    for (ByteBuf b; (b = held.poll()) != null; ) {
      heldBytes -= b.readableBytes();
      handler.onData(stream, b);
    }
    if (heldReset != null) {
      handler.onReset(stream, heldReset);
      return;
    }
    if (heldRemoteClose) {
      handler.onRemoteClose(stream);
    }
    stream.handler(handler);
    stream.setAutoRead(true);
  }

  /**
   * Writes bytes (see {@link YamuxStream#write}).
   *
   * @param data the bytes, owned by the stream from now on
   * @return completes when written to the connection
   */
  public Future<Void> write(ByteBuf data) {
    return stream.write(data);
  }

  /**
   * Half-closes our side.
   *
   * @return completes when the FIN was written
   */
  public Future<Void> closeWrite() {
    return stream.closeWrite();
  }

  /**
   * Resets the stream.
   *
   * @return completes when the RST was written
   */
  public Future<Void> reset() {
    return stream.reset();
  }

  @Override
  public String toString() {
    return "HostStream[" + protocol + " " + stream + " with " + connection.remotePeer() + "]";
  }

  private final class Holding implements YamuxStreamHandler {
    @Override
    public void onData(YamuxStream s, ByteBuf data) {
      if (heldBytes + data.readableBytes() > MAX_HELD_BYTES) {
        data.release();
        s.reset();
        return;
      }
      heldBytes += data.readableBytes();
      held.add(data);
    }

    @Override
    public void onRemoteClose(YamuxStream s) {
      heldRemoteClose = true;
    }

    @Override
    public void onReset(YamuxStream s, YamuxException cause) {
      heldReset = cause;
      for (ByteBuf b; (b = held.poll()) != null; ) {
        b.release();
      }
      heldBytes = 0;
    }
  }
}
