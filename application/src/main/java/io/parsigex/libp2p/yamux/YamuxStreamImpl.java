package io.parsigex.libp2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One stream's state: the receive side (buffer, remaining window, credit not yet returned) and the
 * send side (peer's window, bounded queue of pending writes, FIN). Touched only on the event loop.
 *
 * <p>Receive-side accounting lives in {@link ReceiveWindow}: the buffer never holds more than the
 * window, and credit goes back only for bytes handed to the handler.
 *
 * <p>The life cycle (open, half-closed either way, closing, closed, reset) is one
 * {@link YamuxStreamState} field changed only through its transition table; the other flags
 * here are flow control, re-entrancy guards and progress of the send queue and of delivery.
 */
final class YamuxStreamImpl implements YamuxStream {

  private static final System.Logger LOG = System.getLogger(YamuxStreamImpl.class.getName());

  private final YamuxSessionHandler session;
  private final int id;
  private final boolean outbound;
  private final Promise<Void> closePromise;

  private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();
  private final ReceiveWindow receive;
  /** When we last granted credit (or opened): the auto-tuner's clock. */
  private long lastUpdateNanos;
  /** Window growth this stream holds from the session's budget. */
  private long grownWindow;
  private volatile int buffered;
  private YamuxStreamHandler handler;
  private volatile boolean autoRead = true;
  private boolean delivering;
  private long readRequests;
  private long readRequestsServed;
  /** The handler has seen the peer's FIN (it follows the bytes buffered before it). */
  private boolean remoteFinDelivered;

  private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
  private volatile long sendWindow = YamuxConfig.INITIAL_WINDOW;
  private volatile int pendingBytes;
  /** Our FIN, queued by closeWrite behind any pending bytes, has been written. */
  private boolean finSent;
  private ChannelFuture lastWrite;
  private boolean draining;
  private boolean waitingForWritable;

  /** The life cycle; every change goes through {@link #fire}. Read from any thread. */
  private volatile YamuxStreamState state = YamuxStreamState.OPEN;
  /**
   * The SYN/ACK handshake is done: outbound, the peer's ACK arrived; inbound, we sent ours (the
   * application took the stream up; until then it holds one of the session's
   * {@link YamuxConfig#maxUnackedInboundStreams()}). Apart from the state because flags combine:
   * a stream may be half-closed before it is acknowledged.
   */
  private boolean acknowledged;

  YamuxStreamImpl(YamuxSessionHandler session, int id, boolean outbound) {
    this.session = session;
    this.id = id;
    this.outbound = outbound;
    this.closePromise = session.executor().newPromise();
    this.receive = new ReceiveWindow(session.config().receiveWindow());
    this.lastUpdateNanos = System.nanoTime();
  }

  // ---------------------------------------------------------------- public API

  @Override
  public long id() {
    return Integer.toUnsignedLong(id);
  }

  @Override
  public YamuxSession session() {
    return session;
  }

  @Override
  public boolean isOutbound() {
    return outbound;
  }

  @Override
  public void handler(YamuxStreamHandler newHandler) {
    Objects.requireNonNull(newHandler, "handler");
    session.runOnLoop(closePromise, () -> {
      handler = newHandler;
      if (state == YamuxStreamState.RESET) {
        return;
      }
      acknowledge();
      deliver();
      session.flushIfNeeded();
    });
  }

  @Override
  public void setAutoRead(boolean on) {
    autoRead = on;
    if (on) {
      session.runOnLoop(closePromise, () -> {
        deliver();
        session.flushIfNeeded();
      });
    }
  }

  @Override
  public boolean isAutoRead() {
    return autoRead;
  }

  @Override
  public void read() {
    session.runOnLoop(closePromise, () -> {
      readRequests++;
      deliver();
      session.flushIfNeeded();
    });
  }

  @Override
  public int readableBytes() {
    return buffered;
  }

  @Override
  public long sendWindow() {
    return sendWindow;
  }

  @Override
  public int pendingWriteBytes() {
    return pendingBytes;
  }

  @Override
  public Future<Void> write(ByteBuf data) {
    Objects.requireNonNull(data, "data");
    Promise<Void> promise = session.executor().newPromise();
    if (!session.runOnLoop(promise, () -> enqueueWrite(data, promise))) {
      ReferenceCountUtil.safeRelease(data);
    }
    return promise;
  }

  @Override
  public Future<Void> closeWrite() {
    Promise<Void> promise = session.executor().newPromise();
    session.runOnLoop(promise, () -> {
      switch (fire(YamuxStreamState.Event.CLOSE_WRITE)) {
        case REFUSED -> promise.tryFailure(resetError("cannot half-close"));
        case IGNORED -> promise.trySuccess(null);
        case ACCEPTED -> {
          acknowledge();
          pending.add(new PendingWrite(null, promise));
          drainWrites();
          session.flushIfNeeded();
        }
        default -> throw new IllegalStateException();
      }
    });
    return promise;
  }

  @Override
  public Future<Void> reset() {
    Promise<Void> promise = session.executor().newPromise();
    session.runOnLoop(promise, () -> {
      if (session.isClosed() || state.on(YamuxStreamState.Event.RESET).outcome()
          != YamuxStreamState.Outcome.ACCEPTED) {
        promise.trySuccess(null);
        return;
      }
      ChannelFuture sent = session.writeFrame(YamuxFrame.windowUpdate(id, YamuxFlags.RST, 0));
      session.flushIfNeeded();
      sent.addListener(f -> YamuxSessionHandler.completeWrite(promise, f));
      terminate(new YamuxStreamResetException("stream " + id() + " was reset locally"));
    });
    return promise;
  }

  @Override
  public boolean isWriteClosed() {
    return state.writeClosed();
  }

  @Override
  public boolean isRemoteClosed() {
    return state.remoteClosed();
  }

  @Override
  public Future<Void> closeFuture() {
    return closePromise;
  }

  @Override
  public String toString() {
    return "YamuxStream[" + id() + (outbound ? " out " : " in ") + state + "]";
  }

  // ---------------------------------------------------------------- from the session

  int intId() {
    return id;
  }

  boolean isAcknowledged() {
    return acknowledged;
  }

  /** The peer acknowledged our stream (an ACK on an inbound stream means nothing). */
  void onAck() {
    if (outbound) {
      acknowledged = true;
    }
  }

  /** The life-cycle state now. */
  YamuxStreamState state() {
    return state;
  }

  /**
   * Takes a data payload (ownership included).
   *
   * @return false when the stream broke the window and the session is closing
   */
  boolean onData(ByteBuf data) {
    int n = data.readableBytes();
    if (state.on(YamuxStreamState.Event.DATA).outcome() != YamuxStreamState.Outcome.ACCEPTED) {
      // after the peer's FIN or a reset: late bytes are dropped, as the spec has it
      data.release();
      return true;
    }
    if (!receive.receive(n)) {
      data.release();
      session.streamProtocolError(YamuxRefusal.WINDOW_VIOLATION, "the peer sent " + n
          + " bytes on stream " + id()
          + " whose window had only " + receive.remaining() + " bytes left");
      return false;
    }
    if (n == 0) {
      data.release();
      return true;
    }
    inbound.add(data);
    buffered = (int) receive.buffered();
    deliver();
    return true;
  }

  /**
   * Adds window credit from the peer.
   *
   * @return false when the window overflowed and the session is closing
   */
  boolean onWindowUpdate(long delta) {
    if (delta == 0 || state.on(YamuxStreamState.Event.WINDOW_UPDATE).outcome()
        != YamuxStreamState.Outcome.ACCEPTED) {
      return true;
    }
    long updated = sendWindow + delta;
    if (updated > YamuxConfig.MAX_WINDOW) {
      session.streamProtocolError(YamuxRefusal.WINDOW_OVERFLOW,
          "the peer grew the window of stream " + id() + " beyond "
          + YamuxConfig.MAX_WINDOW + " bytes");
      return false;
    }
    sendWindow = updated;
    drainWrites();
    return true;
  }

  void onRemoteFin() {
    if (fire(YamuxStreamState.Event.REMOTE_FIN) == YamuxStreamState.Outcome.ACCEPTED) {
      deliver();
    }
  }

  void onRemoteReset() {
    terminate(new YamuxStreamResetException("the peer reset stream " + id()));
  }

  /** Ends the stream because an acceptor or handler threw: RST to the peer. */
  void resetAfterFailure(RuntimeException e) {
    if (state.on(YamuxStreamState.Event.RESET).outcome() != YamuxStreamState.Outcome.ACCEPTED) {
      return;
    }
    session.refused(YamuxRefusal.HANDLER_FAILED,
        () -> "reset stream " + id() + " because its handler failed: " + e);
    session.writeFrame(YamuxFrame.windowUpdate(id, YamuxFlags.RST, 0));
    terminate(new YamuxStreamResetException("stream " + id() + " was reset because its "
        + "handler failed: " + e, e));
  }

  /** Marks the stream reset, fails pending writes, drops buffered bytes, tells the handler. */
  void terminate(YamuxStreamResetException cause) {
    if (fire(YamuxStreamState.Event.RESET) != YamuxStreamState.Outcome.ACCEPTED) {
      return;
    }
    session.removeStream(this);
    for (ByteBuf b : inbound) {
      b.release();
    }
    inbound.clear();
    receive.discardBuffered();
    buffered = 0;
    for (PendingWrite w : pending) {
      if (w.data() != null) {
        w.data().release();
      }
      w.promise().tryFailure(cause);
    }
    pending.clear();
    pendingBytes = 0;
    if (handler != null) {
      try {
        handler.onReset(this, cause);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "stream handler failed in onReset of " + this, e);
      }
    }
    closePromise.tryFailure(cause);
  }

  /**
   * Sends queued bytes as far as the peer's window and the connection allow. State is updated
   * before each frame is written, and a nested call (a write can run tasks or listeners that come
   * back here) returns at once: the running loop re-reads the state on every turn.
   */
  void drainWrites() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!pending.isEmpty() && state != YamuxStreamState.RESET) {
        if (!session.canWrite()) {
          if (!waitingForWritable && !session.isClosed()) {
            waitingForWritable = true;
            session.awaitWritable(this);
          }
          return;
        }
        PendingWrite w = pending.peek();
        if (w.data() == null) {
          pending.poll();
          finSent = true;
          ChannelFuture sent = session.writeFrame(YamuxFrame.windowUpdate(id, YamuxFlags.FIN, 0));
          lastWrite = sent;
          sent.addListener(f -> YamuxSessionHandler.completeWrite(w.promise(), f));
          maybeFinish();
          continue;
        }
        int readable = w.data().readableBytes();
        if (readable == 0) {
          pending.poll();
          w.data().release();
          completeAfterLastWrite(w.promise());
          continue;
        }
        if (sendWindow == 0) {
          return;
        }
        int n = (int) Math.min(Math.min(readable, sendWindow),
            session.config().maxDataFrameBytes());
        ByteBuf chunk = w.data().readRetainedSlice(n);
        sendWindow -= n;
        pendingBytes -= n;
        boolean last = !w.data().isReadable();
        if (last) {
          pending.poll();
          w.data().release();
        }
        ChannelFuture sent = session.writeFrame(YamuxFrame.data(id, 0, chunk));
        lastWrite = sent;
        if (last) {
          sent.addListener(f -> YamuxSessionHandler.completeWrite(w.promise(), f));
        }
      }
    } finally {
      draining = false;
    }
  }

  /** The session took this stream off its queue of streams waiting for writability. */
  void writableAgain() {
    waitingForWritable = false;
  }

  // ---------------------------------------------------------------- internals

  private void enqueueWrite(ByteBuf data, Promise<Void> promise) {
    if (fire(YamuxStreamState.Event.WRITE) != YamuxStreamState.Outcome.ACCEPTED) {
      data.release();
      promise.tryFailure(state == YamuxStreamState.RESET ? resetError("cannot write")
          : new YamuxStreamClosedException("stream " + id()
              + " was half-closed by closeWrite(); open a new stream to send more"));
      return;
    }
    int n = data.readableBytes();
    long sendableNow = pending.isEmpty() && session.canWrite()
        ? Math.min(n, sendWindow) : 0;
    long queued = (long) pendingBytes + n - sendableNow;
    if (queued > session.config().maxPendingWriteBytes()) {
      data.release();
      promise.tryFailure(new YamuxLimitException("stream " + id() + " would queue " + queued
          + " bytes behind the peer's window, more than maxPendingWriteBytes ("
          + session.config().maxPendingWriteBytes() + "); wait for earlier writes to complete"));
      return;
    }
    acknowledge();
    pending.add(new PendingWrite(data, promise));
    pendingBytes += n;
    drainWrites();
    session.flushIfNeeded();
  }

  private void completeAfterLastWrite(Promise<Void> promise) {
    if (lastWrite == null) {
      promise.trySuccess(null);
    } else {
      lastWrite.addListener(f -> YamuxSessionHandler.completeWrite(promise, f));
    }
  }

  /** Inbound streams are acknowledged once the application takes them up. */
  private void acknowledge() {
    if (outbound || acknowledged) {
      return;
    }
    acknowledged = true;
    session.inboundAcknowledged();
    lastWrite = session.writeFrame(
        YamuxFrame.windowUpdate(id, YamuxFlags.ACK, session.extraWindow()));
  }

  /**
   * Hands buffered bytes (then a pending FIN) to the handler, returning their credit. With
   * auto-read on it delivers until the buffer is empty or the handler turns auto-read off; with it
   * off, each {@link #read()} delivers everything buffered then, or the next arrival when nothing
   * is.
   */
  private void deliver() {
    if (delivering || handler == null || state == YamuxStreamState.RESET) {
      return;
    }
    long target = readRequests;
    boolean requested = target > readRequestsServed;
    delivering = true;
    try {
      boolean deliveredAny = false;
      while (!inbound.isEmpty() && state != YamuxStreamState.RESET && (autoRead || requested)) {
        ByteBuf b = inbound.poll();
        int n = b.readableBytes();
        returnCredit(n);
        buffered = (int) receive.buffered();
        deliveredAny = true;
        try {
          handler.onData(this, b);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "stream handler failed in onData of " + this, e);
          resetAfterFailure(e);
          return;
        }
      }
      if (state.remoteClosed() && state != YamuxStreamState.RESET && inbound.isEmpty()
          && !remoteFinDelivered && (autoRead || requested)) {
        remoteFinDelivered = true;
        deliveredAny = true;
        try {
          handler.onRemoteClose(this);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "stream handler failed in onRemoteClose of " + this, e);
          resetAfterFailure(e);
          return;
        }
        maybeFinish();
      }
      if (deliveredAny) {
        // Requests made by the handler while it was being called stay pending.
        readRequestsServed = target;
      }
    } finally {
      delivering = false;
    }
  }

  private void returnCredit(int n) {
    // After the peer's FIN nothing more will arrive: no point in granting credit.
    long delta = receive.consume(n, !state.remoteClosed(), this::growWindow);
    if (delta > 0) {
      session.writeFrame(YamuxFrame.windowUpdate(id, 0, delta));
    }
  }

  private long growWindow(long window) {
    long now = System.nanoTime();
    long extra = session.windowTuner().grow(window, now - lastUpdateNanos);
    lastUpdateNanos = now;
    grownWindow += extra;
    return extra;
  }

  /**
   * Window growth this stream holds from its session's auto-tuning budget.
   *
   * @return bytes
   */
  long grownWindow() {
    return grownWindow;
  }

  /**
   * The receive window this stream grants now (its base window plus any auto-tuned growth).
   *
   * @return bytes
   */
  long receiveWindow() {
    return receive.window();
  }

  private void maybeFinish() {
    if (finSent && remoteFinDelivered
        && fire(YamuxStreamState.Event.FINISH) == YamuxStreamState.Outcome.ACCEPTED) {
      session.removeStream(this);
      closePromise.trySuccess(null);
    }
  }

  /**
   * Applies the transition table: moves to the next state when the event is accepted.
   *
   * @return how the event was taken
   * @throws IllegalStateException when {@link YamuxStreamState.Event#FINISH} is refused (our bug)
   */
  private YamuxStreamState.Outcome fire(YamuxStreamState.Event event) {
    YamuxStreamState.Transition t = state.on(event);
    if (t.outcome() == YamuxStreamState.Outcome.ACCEPTED) {
      state = t.next();
    } else if (t.outcome() == YamuxStreamState.Outcome.REFUSED
        && event == YamuxStreamState.Event.FINISH) {
      throw new IllegalStateException(this + " cannot finish in state " + state);
    }
    return t.outcome();
  }

  private YamuxStreamResetException resetError(String what) {
    return new YamuxStreamResetException(what + ": stream " + id() + " was reset");
  }

  /** A queued write; {@code data == null} marks the FIN. */
  private record PendingWrite(ByteBuf data, Promise<Void> promise) {}
}
