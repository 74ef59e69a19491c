package io.parsigex.libp2p.host;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.multistream.MultistreamException;
import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import io.parsigex.libp2p.yamux.YamuxStreamResetException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
  /** Lazy mode: the echo still to be verified (null once verified or in negotiated mode). */
  private Negotiator pendingEcho;
  private final boolean routing;
  private YamuxStreamHandler user;
  private YamuxStreamResetException refusal;
  private ScheduledFuture<?> echoTimer;
  /** Lazy mode: the header and proposal, sent together with the first write (as go-libp2p). */
  private final AtomicReference<byte[]> unsentProposal = new AtomicReference<>();

  HostStream(Connection connection, String protocol, YamuxStream stream, byte[] leftover,
      StreamTraffic.Counters traffic) {
    this.routing = false;
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
   * Lazy (optimistic) mode: the proposal goes out with the first {@link #write} (or
   * {@link #closeWrite}) and the stream is usable at once; the peer's
   * echo is checked as it arrives and stripped. A refusal ({@code na}), a close before the echo or
   * no echo within {@code timeout} resets the stream; the consumer then sees
   * {@link YamuxStreamHandler#onReset} with a {@link YamuxStreamResetException} saying why.
   * Call on the stream's event loop.
   */
  HostStream(Connection connection, String protocol, YamuxStream stream, Negotiator proposer,
      Duration timeout, StreamTraffic.Counters traffic) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.stream = new CountingStream(Objects.requireNonNull(stream, "stream"), traffic);
    this.routing = true;
    this.pendingEcho = proposer;
    this.unsentProposal.set(proposer.start());
    this.echoTimer = stream.session().channel().eventLoop().schedule(
        () -> refuse(new YamuxStreamResetException("peer did not confirm " + protocol
            + " within " + timeout.toMillis() + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
    stream.handler(new Router());
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
    if (routing) {
      user = handler;
    }
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
    if (!routing) {
      stream.handler(handler);
      stream.setAutoRead(true);
    }
  }

  private void refuse(YamuxStreamResetException why) {
    if (refusal == null && pendingEcho != null) {
      refusal = why;
      stream.reset();
    }
  }

  /**
   * Writes bytes (see {@link YamuxStream#write}).
   *
   * @param data the bytes, owned by the stream from now on
   * @return completes when written to the connection
   */
  public Future<Void> write(ByteBuf data) {
    byte[] proposal = unsentProposal.getAndSet(null);
    if (proposal != null) {
      data = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(proposal), data);
    }
    return stream.write(data);
  }

  /**
   * Half-closes our side.
   *
   * @return completes when the FIN was written
   */
  public Future<Void> closeWrite() {
    byte[] proposal = unsentProposal.getAndSet(null);
    if (proposal != null) {
      stream.write(Unpooled.wrappedBuffer(proposal));
    }
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

  /** Lazy mode: checks and strips the echo, then routes to the consumer or holds. */
  private final class Router implements YamuxStreamHandler {
    private final Holding holding = new Holding();

    @Override
    public void onData(YamuxStream s, ByteBuf data) {
      if (pendingEcho != null) {
        byte[] bytes;
        try {
          bytes = ByteBufUtil.getBytes(data);
        } finally {
          data.release();
        }
        if (refusal != null) {
          return;
        }
        try {
          Negotiator.Step step = pendingEcho.receive(bytes);
          if (!step.done()) {
            return;
          }
          pendingEcho = null;
          echoTimer.cancel(false);
          byte[] leftover = step.leftover();
          if (leftover.length == 0) {
            return;
          }
          data = Unpooled.wrappedBuffer(leftover);
        } catch (MultistreamException e) {
          refuse(new YamuxStreamResetException("peer refused " + protocol + " after an "
              + "optimistic proposal: " + e.getMessage(), e));
          return;
        }
      }
      if (user != null) {
        user.onData(s, data);
      } else {
        holding.onData(s, data);
      }
    }

    @Override
    public void onRemoteClose(YamuxStream s) {
      if (pendingEcho != null) {
        refuse(new YamuxStreamResetException("peer closed the stream before confirming "
            + protocol));
        return;
      }
      if (user != null) {
        user.onRemoteClose(s);
      } else {
        holding.onRemoteClose(s);
      }
    }

    @Override
    public void onReset(YamuxStream s, YamuxException cause) {
      if (echoTimer != null) {
        echoTimer.cancel(false);
      }
      YamuxException why = refusal != null ? refusal : cause;
      if (user != null) {
        user.onReset(s, why);
      } else {
        holding.onReset(s, why);
      }
    }
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
