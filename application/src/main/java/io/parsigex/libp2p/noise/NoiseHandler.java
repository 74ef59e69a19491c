package io.parsigex.libp2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Secures a channel with Noise: runs the {@link NoiseHandshake}, then decrypts inbound and encrypts
 * outbound bytes. Every Noise message carries a 2-byte big-endian length. Outbound writes are
 * coalesced: plaintext is sealed into messages of at most {@link #MAX_FRAME_LENGTH} bytes when a
 * full message is queued and at every flush, so a batch of small writes costs one encryption. On success it fires the
 * {@link NoiseSession} as a user event; on any {@link NoiseException} (handshake failure, timeout,
 * decryption failure, nonce exhaustion) it fires the exception through {@code exceptionCaught} and
 * closes the channel. Install with {@link #install}.
 */
public final class NoiseHandler extends ChannelDuplexHandler {

  /** Largest Noise message on the wire (excluding the 2-byte length). */
  public static final int MAX_FRAME_LENGTH = 65535;
  /** Largest plaintext per transport message. */
  public static final int MAX_PLAINTEXT = MAX_FRAME_LENGTH - NoiseCipher.TAG_LENGTH;
  /** Default handshake timeout. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** Bytes the layer above may write before the handshake finishes. */
  public static final int MAX_PENDING_BYTES = 1024 * 1024;
  /** Pipeline name of the frame decoder. */
  public static final String FRAME_DECODER_NAME = "noise-frames";
  /** Pipeline name of this handler. */
  public static final String NAME = "noise";
  private static final int LENGTH_BYTES = 2;

  private final NoiseHandshake handshake;
  private final Duration timeout;
  private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
  private final OutboundPlaintext outbound = new OutboundPlaintext();
  /** One message's plaintext or ciphertext, reused (the handler runs on one event loop). */
  private final byte[] scratch = new byte[MAX_FRAME_LENGTH];
  private long pendingBytes;
  private ScheduledFuture<?> timer;
  private NoiseCipher send;
  private NoiseCipher receive;
  private boolean started;
  private boolean failed;

  /**
   * Creates the handler.
   *
   * @param handshake a fresh handshake (initiator or responder)
   * @param timeout how long the handshake may take
   */
  public NoiseHandler(NoiseHandshake handshake, Duration timeout) {
    this.handshake = Objects.requireNonNull(handshake, "handshake");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Adds the frame decoder and the handler after {@code baseName} (or at the end when null).
   *
   * @param pipeline the channel's pipeline
   * @param baseName the handler to add after, or null
   * @param handler the Noise handler
   */
  public static void install(ChannelPipeline pipeline, String baseName, NoiseHandler handler) {
    LengthFieldBasedFrameDecoder frames = new LengthFieldBasedFrameDecoder(
        MAX_FRAME_LENGTH + LENGTH_BYTES, 0, LENGTH_BYTES, 0, LENGTH_BYTES);
    if (baseName == null) {
      pipeline.addLast(FRAME_DECODER_NAME, frames).addLast(NAME, handler);
    } else {
      pipeline.addAfter(baseName, FRAME_DECODER_NAME, frames).addAfter(FRAME_DECODER_NAME, NAME,
          handler);
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  private void start(ChannelHandlerContext ctx) {
    if (started) {
      return;
    }
    started = true;
    timer = ctx.executor().schedule(() -> fail(ctx, new NoiseException.Timeout(
        "Noise handshake did not finish within " + timeout.toMillis() + " ms")),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (handshake.isMyTurn()) {
      writeHandshake(ctx);
    }
  }

  private void writeHandshake(ChannelHandlerContext ctx) {
    try {
      byte[] m = handshake.writeMessage();
      ByteBuf out = ctx.alloc().buffer(LENGTH_BYTES + m.length);
      out.writeShort(m.length).writeBytes(m);
      ctx.writeAndFlush(out);
      if (handshake.isComplete()) {
        complete(ctx);
      }
    } catch (NoiseException e) {
      fail(ctx, e);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (failed) {
      frame.release();
      return;
    }
    try {
      if (receive == null) {
        byte[] m = ByteBufUtil.getBytes(frame);
        frame.release();
        handshake.readMessage(m);
        if (handshake.isComplete()) {
          complete(ctx);
        } else if (handshake.isMyTurn()) {
          writeHandshake(ctx);
        }
        return;
      }
      ByteBuf plain = decrypt(ctx, frame);
      if (plain.isReadable()) {
        ctx.fireChannelRead(plain);
      } else {
        plain.release();
      }
    } catch (NoiseException e) {
      fail(ctx, e);
    } catch (IllegalStateException e) {
      fail(ctx, new NoiseException.HandshakeFailed("unexpected handshake message: "
          + e.getMessage(), e));
    }
  }

  /** Decrypts one transport message into a pooled buffer; releases the frame. */
  private ByteBuf decrypt(ChannelHandlerContext ctx, ByteBuf frame) throws NoiseException {
    ByteBuf plain = null;
    try {
      int length = frame.readableBytes();
      plain = allocate(ctx, receive, Math.max(0, length - NoiseCipher.TAG_LENGTH));
      receive.open(frame, frame.readerIndex(), length, plain, scratch);
      ByteBuf result = plain;
      plain = null;
      return result;
    } finally {
      frame.release();
      if (plain != null) {
        plain.release();
      }
    }
  }

  /** A pooled buffer in the memory the cipher works on best (direct for a native provider). */
  private static ByteBuf allocate(ChannelHandlerContext ctx, NoiseCipher cipher, int capacity) {
    return cipher.prefersDirectBuffers() ? ctx.alloc().directBuffer(capacity)
        : ctx.alloc().heapBuffer(capacity);
  }

  private void complete(ChannelHandlerContext ctx) {
    timer.cancel(false);
    send = handshake.sendCipher();
    receive = handshake.receiveCipher();
    ctx.fireUserEventTriggered(handshake.session());
    for (PendingWrite w; (w = pending.poll()) != null; ) {
      write(ctx, w.data(), w.promise());
    }
    pendingBytes = 0;
    flush(ctx);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ByteBuf buf)) {
      ctx.write(msg, promise);
      return;
    }
    if (failed) {
      buf.release();
      promise.setFailure(new IllegalStateException("Noise session failed; connection closing"));
      return;
    }
    if (send == null) {
      if (pendingBytes + buf.readableBytes() > MAX_PENDING_BYTES) {
        buf.release();
        promise.setFailure(new IllegalStateException("more than " + MAX_PENDING_BYTES
            + " bytes written before the Noise handshake finished"));
        return;
      }
      pending.add(new PendingWrite(buf, promise));
      pendingBytes += buf.readableBytes();
      return;
    }
    outbound.add(buf, promise);
    if (outbound.bytes() >= MAX_PLAINTEXT) {
      seal(ctx, true);
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (send != null && !failed) {
      seal(ctx, false);
    }
    ctx.flush();
  }

  /**
   * Encrypts queued plaintext into Noise messages of at most {@link #MAX_PLAINTEXT} bytes and
   * writes them as one buffer; with {@code onlyFull} it leaves a partial message queued. The
   * promises of the writes taken complete with that buffer's write.
   */
  private void seal(ChannelHandlerContext ctx, boolean onlyFull) {
    long available = outbound.bytes();
    int messages = (int) (onlyFull ? available / MAX_PLAINTEXT
        : (available + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT);
    if (messages == 0 && (onlyFull || outbound.isEmpty())) {
      return;
    }
    int plainBytes = (int) Math.min(available, (long) messages * MAX_PLAINTEXT);
    List<ChannelPromise> done = new ArrayList<>();
    ByteBuf out = allocate(ctx, send, plainBytes
        + messages * (LENGTH_BYTES + NoiseCipher.TAG_LENGTH));
    try {
      // each message's plaintext is copied once, into place in the output, and sealed there
      int at = 0;
      for (int i = 0; i < messages; i++) {
        int n = outbound.take(out, at + LENGTH_BYTES, MAX_PLAINTEXT, done);
        int c = send.sealInPlace(out, at + LENGTH_BYTES, n);
        out.setShort(at, c);
        at += LENGTH_BYTES + c;
      }
      // writes of nothing (flush-only promises) are taken too
      outbound.take(out, at, 0, done);
      out.writerIndex(at);
    } catch (NoiseException e) {
      out.release();
      done.forEach(p -> p.tryFailure(e));
      fail(ctx, e);
      return;
    }
    if (!out.isReadable()) {
      out.release();
      done.forEach(ChannelPromise::trySuccess);
      return;
    }
    ctx.write(out).addListener(f -> {
      for (ChannelPromise p : done) {
        if (f.isSuccess()) {
          p.trySuccess();
        } else {
          p.tryFailure(f.cause());
        }
      }
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    failPending(new IllegalStateException("connection closed during Noise"));
    outbound.fail(new IllegalStateException("connection closed before the data was sent"));
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    failPending(new IllegalStateException("Noise handler removed"));
    outbound.fail(new IllegalStateException("Noise handler removed"));
  }

  private void fail(ChannelHandlerContext ctx, NoiseException e) {
    if (failed) {
      return;
    }
    failed = true;
    if (timer != null) {
      timer.cancel(false);
    }
    failPending(e);
    outbound.fail(e);
    ctx.fireExceptionCaught(e);
    ctx.close();
  }

  private void failPending(Throwable cause) {
    for (PendingWrite w; (w = pending.poll()) != null; ) {
      w.data().release();
      w.promise().tryFailure(cause);
    }
    pendingBytes = 0;
  }

  private record PendingWrite(ByteBuf data, ChannelPromise promise) {}

  /**
   * Whether the handshake finished and the channel is secured.
   *
   * @return true once secured
   */
  public boolean isSecured() {
    return send != null;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
      fail(ctx, new NoiseException.HandshakeFailed("Noise frame too long", cause));
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
