package io.parsigex.libp2p.yamux;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Yamux session state machine: routes frames to streams, handles every flag on its own, keeps
 * the stream caps, answers and sends pings, and ends the session with a go-away. It sits behind
 * {@link YamuxFrameDecoder} and {@link YamuxFrameEncoder}; all state is touched only on the
 * channel's event loop.
 */
final class YamuxSessionHandler extends ChannelDuplexHandler implements YamuxSession {

  private static final System.Logger LOG = System.getLogger(YamuxSessionHandler.class.getName());
  /** Stream ids are unsigned 32-bit values. */
  static final long MAX_STREAM_ID = 0xFFFF_FFFFL;
  private static final int STREAM_ID_STEP = 2;

  private final Channel channel;
  private final YamuxRole role;
  private final YamuxConfig config;
  private final YamuxStreamAcceptor acceptor;
  private final YamuxRefusals refusals;
  private final Promise<Void> closePromise;
  private final Map<Integer, YamuxStreamImpl> streams = new HashMap<>();
  /** Streams with bytes to send that stopped because the connection was not writable, FIFO. */
  private final ArrayDeque<YamuxStreamImpl> waitingForWritable = new ArrayDeque<>();
  private final PingTracker pings;
  private final WindowTuner tuner;
  private boolean roundTripProbed;

  private ChannelHandlerContext ctx;
  private long nextStreamId;
  private int unackedInbound;
  private int pingRepliesWhileUnwritable;
  private boolean localGoAway;
  private volatile boolean remoteGoAway;
  private volatile boolean closed;
  private boolean readBatchOpen;
  private boolean needsFlush;
  private boolean flushScheduled;
  /** Whether {@link #tailFlush} is queued to run at the end of this event-loop turn. */
  private boolean tailFlushQueued;
  private final Runnable tailFlush = () -> {
    tailFlushQueued = false;
    flushNow();
  };
  private ScheduledFuture<?> keepAlive;

  YamuxSessionHandler(Channel channel, YamuxRole role, YamuxConfig config,
      YamuxStreamAcceptor acceptor, YamuxRefusals refusals) {
    this.refusals = java.util.Objects.requireNonNull(refusals, "refusals");
    this.channel = channel;
    this.role = role;
    this.config = config;
    this.acceptor = acceptor;
    this.closePromise = channel.eventLoop().newPromise();
    this.nextStreamId = role.firstStreamId();
    this.tuner = new WindowTuner(config);
    this.pings = new PingTracker(channel.eventLoop(), config.maxOutstandingPings(),
        config.pingTimeout());
  }

  // ---------------------------------------------------------------- public API

  @Override
  public YamuxRole role() {
    return role;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public YamuxConfig config() {
    return config;
  }

  @Override
  public Future<YamuxStream> openStream() {
    Promise<YamuxStream> promise = executor().newPromise();
    runOnLoop(promise, () -> {
      if (closed || ctx == null) {
        promise.tryFailure(sessionClosed("the session is closed; dial a new connection"));
      } else if (remoteGoAway) {
        promise.tryFailure(new YamuxSessionClosedException(
            "the peer sent go-away and accepts no new streams; dial a new connection",
            YamuxGoAwayCode.NORMAL));
      } else if (streams.size() >= config.maxConcurrentStreams()) {
        refused(YamuxRefusal.OUTBOUND_STREAM_LIMIT, () -> "cannot open a stream: "
            + streams.size() + " streams open (maxConcurrentStreams)");
        promise.tryFailure(new YamuxLimitException("already " + streams.size()
            + " open streams, the maxConcurrentStreams limit; close streams or raise it"));
      } else if (nextStreamId > MAX_STREAM_ID) {
        promise.tryFailure(new YamuxLimitException(
            "stream ids of this connection are exhausted; dial a new connection"));
      } else {
        int id = (int) nextStreamId;
        nextStreamId += STREAM_ID_STEP;
        YamuxStreamImpl stream = new YamuxStreamImpl(this, id, true);
        streams.put(id, stream);
        writeFrame(YamuxFrame.windowUpdate(id, YamuxFlags.SYN, extraWindow()));
        flushIfNeeded();
        promise.trySuccess(stream);
      }
    });
    return promise;
  }

  @Override
  public Future<Duration> ping() {
    Promise<Duration> promise = executor().newPromise();
    runOnLoop(promise, () -> sendPing(promise, this::pingUnanswered));
    return promise;
  }

  @Override
  public Future<Void> goAway() {
    Promise<Void> promise = executor().newPromise();
    runOnLoop(promise, () -> {
      if (closed || ctx == null) {
        promise.tryFailure(sessionClosed("the session is already closed"));
        return;
      }
      localGoAway = true;
      ChannelFuture f = writeFrame(YamuxFrame.goAway(YamuxGoAwayCode.NORMAL));
      flushIfNeeded();
      f.addListener(w -> completeWrite(promise, w));
    });
    return promise;
  }

  @Override
  public Future<Void> close() {
    Promise<Void> promise = executor().newPromise();
    channel.closeFuture().addListener(f -> promise.trySuccess(null));
    runOnLoop(promise, () -> shutdown(YamuxGoAwayCode.NORMAL, null));
    return promise;
  }

  @Override
  public boolean isOpen() {
    return !closed && channel.isActive();
  }

  @Override
  public boolean isRemoteGoAway() {
    return remoteGoAway;
  }

  @Override
  public int streamCount() {
    return streams.size();
  }

  @Override
  public Future<Void> closeFuture() {
    return closePromise;
  }

  @Override
  public String toString() {
    return "YamuxSession[" + role + " " + channel + "]";
  }

  // ---------------------------------------------------------------- Netty events

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive()) {
      startKeepAlive();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startKeepAlive();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof YamuxFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    readBatchOpen = true;
    if (closed) {
      frame.release();
      return;
    }
    try {
      onFrame(frame);
    } catch (RuntimeException e) {
      ReferenceCountUtil.safeRelease(frame);
      LOG.log(Level.ERROR, "yamux session failed on " + frame, e);
      shutdown(YamuxGoAwayCode.INTERNAL_ERROR, new YamuxSessionClosedException(
          "internal error handling " + frame + ": " + e, YamuxGoAwayCode.INTERNAL_ERROR));
    }
    if (needsFlush) {
      // Normally channelReadComplete flushes the batch; this covers callers that fire a read
      // without a read-complete (a handler forwarding leftover bytes as it removes itself).
      scheduleFlush();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    readBatchOpen = false;
    flushIfNeeded();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      pingRepliesWhileUnwritable = 0;
      // Round-robin: a stream that blocks again goes to the back of the queue.
      // (Writing can re-enter this method, which may empty the queue under us.)
      for (int turns = waitingForWritable.size(); turns > 0 && channel.isWritable(); turns--) {
        YamuxStreamImpl s = waitingForWritable.poll();
        if (s == null) {
          break;
        }
        s.writableAgain();
        s.drainWrites();
      }
      flushIfNeeded();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    terminate(null, "the connection closed");
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof YamuxProtocolException e) {
      protocolError(YamuxRefusal.PROTOCOL_ERROR, e);
    } else {
      LOG.log(Level.DEBUG, "yamux connection failed: " + cause);
      YamuxSessionClosedException e = new YamuxSessionClosedException(
          "the connection failed: " + cause, YamuxGoAwayCode.INTERNAL_ERROR);
      e.initCause(cause);
      terminate(e, "the connection failed: " + cause);
      ctx.close();
    }
  }

  // ---------------------------------------------------------------- frames in

  private void onFrame(YamuxFrame frame) {
    switch (frame.type()) {
      case PING -> onPing(frame);
      case GO_AWAY -> onGoAway(frame);
      case DATA, WINDOW_UPDATE -> onStreamFrame(frame);
      default -> frame.release();
    }
  }

  private void onStreamFrame(YamuxFrame frame) {
    int id = frame.streamId();
    if (id == YamuxFrame.SESSION_STREAM_ID) {
      frame.release();
      protocolError(YamuxRefusal.PROTOCOL_ERROR,
          new YamuxProtocolException(frame.type() + " frame on stream 0"));
      return;
    }
    YamuxStreamImpl stream = streams.get(id);
    if (frame.has(YamuxFlags.SYN)) {
      if (stream != null) {
        frame.release();
        protocolError(YamuxRefusal.PROTOCOL_ERROR, new YamuxProtocolException(
            "the peer opened stream " + Integer.toUnsignedString(id) + " twice"));
        return;
      }
      if (role.ownsStreamId(id)) {
        frame.release();
        protocolError(YamuxRefusal.PROTOCOL_ERROR, new YamuxProtocolException(
            "the peer opened stream " + Integer.toUnsignedString(id) + ", an id reserved for the "
            + role));
        return;
      }
      stream = acceptInbound(id);
    }
    if (stream == null) {
      // Unknown or already closed stream (js-yamux sends window updates after FIN): ignore.
      frame.release();
      return;
    }
    if (frame.has(YamuxFlags.ACK)) {
      stream.onAck();
    }
    if (frame.type() == YamuxFrameType.DATA) {
      if (!stream.onData(frame.data())) {
        return;
      }
    } else if (!stream.onWindowUpdate(frame.length())) {
      return;
    }
    if (frame.has(YamuxFlags.FIN)) {
      stream.onRemoteFin();
    }
    if (frame.has(YamuxFlags.RST)) {
      stream.onRemoteReset();
    }
  }

  private YamuxStreamImpl acceptInbound(int id) {
    String idText = Integer.toUnsignedString(id);
    if (localGoAway) {
      return refuseInbound(id, YamuxRefusal.AFTER_GO_AWAY,
          () -> "refused stream " + idText + " after our go-away");
    }
    if (unackedInbound >= config.maxUnackedInboundStreams()) {
      int n = unackedInbound;
      return refuseInbound(id, YamuxRefusal.UNACKED_STREAMS, () -> "refused stream " + idText
          + ": " + n + " inbound streams are not acknowledged yet (maxUnackedInboundStreams)");
    }
    if (streams.size() >= config.maxConcurrentStreams()) {
      int n = streams.size();
      return refuseInbound(id, YamuxRefusal.STREAM_LIMIT, () -> "refused stream " + idText
          + ": " + n + " streams open (maxConcurrentStreams)");
    }
    YamuxStreamImpl stream = new YamuxStreamImpl(this, id, false);
    streams.put(id, stream);
    unackedInbound++;
    try {
      acceptor.accept(stream);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "stream acceptor failed on stream " + idText, e);
      stream.resetAfterFailure(e);
    }
    return streams.get(id);
  }

  /** Answers a SYN we do not accept with RST, counted and logged rate-limited. */
  private YamuxStreamImpl refuseInbound(int id, YamuxRefusal reason,
      java.util.function.Supplier<String> why) {
    refused(reason, why);
    writeFrame(YamuxFrame.windowUpdate(id, YamuxFlags.RST, 0));
    return null;
  }

  void refused(YamuxRefusal reason, java.util.function.Supplier<String> why) {
    refusals.refused(reason, channel.remoteAddress(), why);
  }

  private void onPing(YamuxFrame frame) {
    if (frame.has(YamuxFlags.SYN)) {
      if (!channel.isWritable() && ++pingRepliesWhileUnwritable
          > config.maxPingRepliesWhileUnwritable()) {
        protocolError(YamuxRefusal.PING_FLOOD, new YamuxProtocolException(
            "the peer sent more than " + config.maxPingRepliesWhileUnwritable()
            + " pings while not reading our answers (maxPingRepliesWhileUnwritable)"));
        return;
      }
      writeFrame(YamuxFrame.ping(YamuxFlags.ACK, frame.length()));
    } else if (frame.has(YamuxFlags.ACK)) {
      pings.onAck(frame.length()).ifPresent(tuner::onRoundTrip);
    }
  }

  private void onGoAway(YamuxFrame frame) {
    YamuxGoAwayCode code = YamuxGoAwayCode.fromCode(frame.length());
    remoteGoAway = true;
    if (code != YamuxGoAwayCode.NORMAL) {
      String why = "the peer ended the session with go-away " + code + " (" + frame.length() + ")";
      LOG.log(Level.WARNING, why + " on " + channel);
      terminate(new YamuxSessionClosedException(why, code), why);
      ctx.close();
    }
  }

  // ---------------------------------------------------------------- pings

  private void startKeepAlive() {
    if (config.autoTunesWindows() && !roundTripProbed && !closed) {
      // window auto-tuning needs a round trip before the first stream fills its window
      roundTripProbed = true;
      sendPing(ctx.executor().newPromise(), e -> { });
    }
    Duration every = config.keepAliveInterval();
    if (keepAlive != null || every.isZero() || closed) {
      return;
    }
    keepAlive = ctx.executor().scheduleAtFixedRate(() -> {
      if (!closed && pings.outstanding() < config.maxOutstandingPings()) {
        sendPing(ctx.executor().newPromise(), this::pingUnanswered);
      }
    }, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void pingUnanswered(YamuxTimeoutException e) {
    shutdown(YamuxGoAwayCode.NORMAL, e);
  }

  /**
   * Sends a ping; {@code onTimeout} decides what an unanswered one means (keepalive and user
   * pings end the session; the round-trip probe of auto-tuning only gives up).
   */
  private void sendPing(Promise<Duration> promise, Consumer<YamuxTimeoutException> onTimeout) {
    if (closed || ctx == null) {
      promise.tryFailure(sessionClosed("the session is closed"));
      return;
    }
    OptionalLong opaque = pings.start(promise, onTimeout);
    if (opaque.isPresent()) {
      writeFrame(YamuxFrame.ping(YamuxFlags.SYN, opaque.getAsLong()));
      flushIfNeeded();
    }
  }

  // ---------------------------------------------------------------- closing

  private void protocolError(YamuxRefusal reason, YamuxProtocolException e) {
    if (closed) {
      return;
    }
    refused(reason, () -> "protocol error, ending the session: " + e.getMessage());
    shutdown(YamuxGoAwayCode.PROTOCOL_ERROR, e);
  }

  /** Sends a go-away, ends every stream and closes the connection once the go-away is out. */
  private void shutdown(YamuxGoAwayCode code, YamuxException cause) {
    if (closed) {
      return;
    }
    if (ctx == null || !channel.isActive()) {
      terminate(cause, "the session was closed");
      channel.close();
      return;
    }
    // Mark closed first: writing can run listeners that come back here.
    terminate(cause, cause == null ? "the session was closed" : cause.getMessage());
    ChannelFuture sent = ctx.writeAndFlush(YamuxFrame.goAway(code));
    ScheduledFuture<?> deadline = ctx.executor().schedule(() -> {
      ctx.close();
    }, config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    sent.addListener(f -> {
      deadline.cancel(false);
      ctx.close();
    });
  }

  /** Marks the session closed, fails pings and resets every stream; idempotent. */
  private void terminate(YamuxException cause, String why) {
    if (closed) {
      return;
    }
    closed = true;
    if (keepAlive != null) {
      keepAlive.cancel(false);
    }
    pings.failAll(sessionClosed("the session closed before the ping was answered: " + why));
    List<YamuxStreamImpl> all = new ArrayList<>(streams.values());
    streams.clear();
    waitingForWritable.clear();
    unackedInbound = 0;
    for (YamuxStreamImpl s : all) {
      s.terminate(new YamuxStreamResetException("stream " + s.id() + " ended because "
          + "its session closed: " + why, cause));
    }
    if (cause == null) {
      closePromise.trySuccess(null);
    } else {
      closePromise.tryFailure(cause);
    }
  }

  // ---------------------------------------------------------------- for streams

  EventExecutor executor() {
    return channel.eventLoop();
  }

  boolean isClosed() {
    return closed;
  }

  boolean canWrite() {
    return !closed && ctx != null && channel.isWritable();
  }

  long extraWindow() {
    return (long) config.receiveWindow() - YamuxConfig.INITIAL_WINDOW;
  }

  ChannelFuture writeFrame(YamuxFrame frame) {
    ChannelPromise p = ctx.newPromise();
    ctx.write(frame, p);
    needsFlush = true;
    return p;
  }

  /**
   * Flushes frames written so far once per event-loop turn: inside a read batch they wait for its
   * end (channelReadComplete, or a task queued behind the batch); on a real event loop they then
   * wait for the end of the loop's turn (its tail tasks, after every task of the turn), so that what
   * the tasks of one turn write (a new stream's multistream header and echo, its window update
   * and FIN, and those of the other streams opened in the same read) leaves as one flush: one Noise
   * message and one socket write instead of one per write.
   */
  void flushIfNeeded() {
    if (!needsFlush || ctx == null) {
      return;
    }
    if (readBatchOpen) {
      scheduleFlush();
      return;
    }
    if (ctx.executor() instanceof SingleThreadEventLoop loop) {
      if (!tailFlushQueued) {
        tailFlushQueued = true;
        loop.executeAfterEventLoopIteration(tailFlush);
      }
      return;
    }
    flushNow();
  }

  private void flushNow() {
    if (!needsFlush || ctx == null) {
      return;
    }
    needsFlush = false;
    ctx.flush();
  }

  private void scheduleFlush() {
    if (flushScheduled) {
      return;
    }
    flushScheduled = true;
    ctx.executor().execute(() -> {
      // Tasks run after the I/O that queued them: any read batch is over by now.
      flushScheduled = false;
      readBatchOpen = false;
      flushIfNeeded();
    });
  }

  /** The open streams, in no particular order (a copy; for diagnostics and tests). */
  List<YamuxStream> streamSnapshot() {
    return List.copyOf(streams.values());
  }

  /** Queues a stream to continue sending when the connection is writable again. */
  void awaitWritable(YamuxStreamImpl stream) {
    waitingForWritable.add(stream);
  }

  void inboundAcknowledged() {
    unackedInbound--;
  }

  void removeStream(YamuxStreamImpl stream) {
    if (streams.remove(stream.intId()) != stream) {
      return;
    }
    tuner.release(stream.grownWindow());
    if (!stream.isOutbound() && !stream.isAcknowledged()) {
      unackedInbound--;
    }
  }

  WindowTuner windowTuner() {
    return tuner;
  }

  /**
   * The largest receive window any stream of this session has been granted: the frame decoder's
   * bound on a data frame, so auto-tuning raises it only as far as windows really grew.
   *
   * @return bytes
   */
  long largestWindowGranted() {
    return Math.min((long) config.maxReceiveWindow(), config.receiveWindow() + tuner.highWater());
  }

  void streamProtocolError(YamuxRefusal reason, String message) {
    protocolError(reason, new YamuxProtocolException(message));
  }

  YamuxSessionClosedException sessionClosed(String message) {
    return new YamuxSessionClosedException(message, YamuxGoAwayCode.NORMAL);
  }

  /**
   * Runs {@code task} on the event loop, failing {@code promise} when the loop is gone.
   *
   * @return false when the task was rejected
   */
  boolean runOnLoop(Promise<?> promise, Runnable task) {
    EventExecutor loop = executor();
    if (loop.inEventLoop()) {
      task.run();
      return true;
    }
    try {
      loop.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      promise.tryFailure(sessionClosed("the connection's event loop has shut down"));
      return false;
    }
  }

  static void completeWrite(Promise<Void> promise, Future<?> write) {
    if (write.isSuccess()) {
      promise.trySuccess(null);
    } else {
      YamuxSessionClosedException e = new YamuxSessionClosedException(
          "the connection failed while writing: " + write.cause(), YamuxGoAwayCode.NORMAL);
      e.initCause(write.cause());
      promise.tryFailure(e);
    }
  }
}
