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
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Secures a channel with Noise: runs the {@link NoiseHandshake}, then decrypts inbound and encrypts
 * outbound bytes. Every Noise message carries a 2-byte big-endian length; outbound plaintext is
 * split so that no message exceeds {@link #MAX_FRAME_LENGTH} bytes. Writes are gathered until the
 * next flush (or until a full message's worth is waiting) and sealed together, so that the many
 * small frames of a busy multiplexer cost one encryption per flush rather than one each. On success it fires the
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
  private long pendingBytes;
  private final ArrayDeque<PendingWrite> unsealed = new ArrayDeque<>();
  private int unsealedBytes;
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
      byte[] plain;
      try {
        plain = receive.decrypt(new byte[0], ByteBufUtil.getBytes(frame), 0,
            frame.readableBytes());
      } finally {
        frame.release();
      }
      if (plain.length > 0) {
        ctx.fireChannelRead(io.netty.buffer.Unpooled.wrappedBuffer(plain));
      }
    } catch (NoiseException e) {
      fail(ctx, e);
    } catch (IllegalStateException e) {
      fail(ctx, new NoiseException.HandshakeFailed("unexpected handshake message: "
          + e.getMessage(), e));
    }
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
      if (send != null) {
        seal(ctx);
      }
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
    unsealed.add(new PendingWrite(buf, promise));
    unsealedBytes += buf.readableBytes();
    if (unsealedBytes >= MAX_PLAINTEXT) {
      seal(ctx);
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    seal(ctx);
    ctx.flush();
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    seal(ctx);
    ctx.close(promise);
  }

  /** Encrypts every gathered write into as few Noise messages as fit, and writes them. */
  private void seal(ChannelHandlerContext ctx) {
    if (unsealed.isEmpty()) {
      return;
    }
    int total = unsealedBytes;
    ArrayDeque<PendingWrite> batch = new ArrayDeque<>(unsealed);
    unsealed.clear();
    unsealedBytes = 0;
    ByteBuf out = ctx.alloc().buffer(total
        + (total / MAX_PLAINTEXT + 1) * (LENGTH_BYTES + NoiseCipher.TAG_LENGTH));
    try {
      PendingWrite current = batch.peekFirst();
      ByteBuf source = current.data();
      Iterator<PendingWrite> it = batch.iterator();
      it.next();
      int left = total;
      do {
        byte[] chunk = new byte[Math.min(left, MAX_PLAINTEXT)];
        int filled = 0;
        while (filled < chunk.length) {
          while (!source.isReadable()) {
            source = it.next().data();
          }
          int n = Math.min(source.readableBytes(), chunk.length - filled);
          source.readBytes(chunk, filled, n);
          filled += n;
        }
        left -= chunk.length;
        byte[] c = send.encrypt(new byte[0], chunk);
        out.writeShort(c.length).writeBytes(c);
      } while (left > 0);
    } catch (NoiseException e) {
      out.release();
      release(batch, e);
      fail(ctx, e);
      return;
    } catch (RuntimeException e) {
      out.release();
      release(batch, e);
      throw e;
    }
    for (PendingWrite w : batch) {
      w.data().release();
    }
    ChannelPromise all = ctx.newPromise();
    all.addListener(f -> {
      for (PendingWrite w : batch) {
        if (f.isSuccess()) {
          w.promise().trySuccess();
        } else {
          w.promise().tryFailure(f.cause());
        }
      }
    });
    ctx.write(out, all);
  }

  private static void release(ArrayDeque<PendingWrite> batch, Throwable cause) {
    for (PendingWrite w : batch) {
      w.data().release();
      w.promise().tryFailure(cause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    failPending(new IllegalStateException("connection closed during Noise"));
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    failPending(new IllegalStateException("Noise handler removed"));
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
    ctx.fireExceptionCaught(e);
    ctx.close();
  }

  private void failPending(Throwable cause) {
    for (PendingWrite w; (w = pending.poll()) != null; ) {
      w.data().release();
      w.promise().tryFailure(cause);
    }
    pendingBytes = 0;
    for (PendingWrite w; (w = unsealed.poll()) != null; ) {
      w.data().release();
      w.promise().tryFailure(cause);
    }
    unsealedBytes = 0;
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
