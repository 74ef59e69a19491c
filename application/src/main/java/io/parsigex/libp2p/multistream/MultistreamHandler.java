package io.parsigex.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Negotiator} on a channel (raw TCP for security selection, or the secured channel
 * for the muxer fallback), with a timeout. On success it hands over to the
 * {@link NegotiationListener}, forwards any pipelined bytes, and removes itself; on failure or
 * timeout it reports and closes the channel.
 */
public final class MultistreamHandler extends ChannelInboundHandlerAdapter {

  /** Default negotiation timeout, as go-libp2p's. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Negotiator negotiator;
  private final Duration timeout;
  private final NegotiationListener listener;
  private ScheduledFuture<?> timer;
  private boolean started;
  private boolean finished;

  /**
   * Creates the handler.
   *
   * @param negotiator a fresh negotiator (dialer or listener)
   * @param timeout how long the negotiation may take
   * @param listener who is told the outcome
   */
  public MultistreamHandler(Negotiator negotiator, Duration timeout,
      NegotiationListener listener) {
    this.negotiator = Objects.requireNonNull(negotiator, "negotiator");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.listener = Objects.requireNonNull(listener, "listener");
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
    timer = ctx.executor().schedule(() -> fail(ctx, new MultistreamException.Timeout(
        "multistream-select did not finish within " + timeout.toMillis() + " ms")),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
    ctx.writeAndFlush(Unpooled.wrappedBuffer(negotiator.start()));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (finished || !(msg instanceof ByteBuf buf)) {
      if (finished) {
        ReferenceCountUtil.release(msg);
      } else {
        ctx.fireChannelRead(msg);
      }
      return;
    }
    byte[] bytes;
    try {
      bytes = ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
    start(ctx);
    Negotiator.Step step;
    try {
      step = negotiator.receive(bytes);
    } catch (MultistreamException e) {
      fail(ctx, e);
      return;
    }
    byte[] out = step.output();
    if (out.length > 0) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(out));
    }
    if (step.done()) {
      finished = true;
      timer.cancel(false);
      listener.negotiated(ctx, step.protocol().orElseThrow());
      byte[] leftover = step.leftover();
      if (leftover.length > 0) {
        ctx.fireChannelRead(Unpooled.wrappedBuffer(leftover));
      }
      ctx.pipeline().remove(this);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fail(ctx, new MultistreamException.Closed("connection closed during multistream-select"));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (finished) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    fail(ctx, new MultistreamException.Closed("connection failed during multistream-select: "
        + cause.getMessage()));
  }

  private void fail(ChannelHandlerContext ctx, MultistreamException cause) {
    if (finished) {
      return;
    }
    finished = true;
    if (timer != null) {
      timer.cancel(false);
    }
    listener.failed(ctx, cause);
    ctx.close();
  }
}
