package io.parsigex.libp2p.multistream;

import io.netty.channel.ChannelHandlerContext;

/** What a {@link MultistreamHandler} reports, on the channel's event loop. */
public interface NegotiationListener {

  /**
   * A protocol was agreed. Add the protocol's handlers after {@code ctx.name()} here: leftover bytes
   * are passed on to them right after this returns, then the multistream handler removes itself.
   *
   * @param ctx the multistream handler's context
   * @param protocol the agreed protocol
   */
  void negotiated(ChannelHandlerContext ctx, String protocol);

  /**
   * The negotiation failed; the channel is closed right after this returns.
   *
   * @param ctx the multistream handler's context
   * @param cause why
   */
  void failed(ChannelHandlerContext ctx, MultistreamException cause);
}
