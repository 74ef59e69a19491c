package io.parsigex.libp2p.host;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of an inbound connection: starts its pre-authentication deadline, marks it as
 * having spoken at its first bytes (then leaves the pipeline), and frees its place when it
 * closes. {@link ConnectionSetupHandler} frees it when Noise completes.
 */
final class PreAuthGuard extends ChannelInboundHandlerAdapter {

  static final String NAME = "pre-auth-guard";

  private final PreAuthBudget.Ticket ticket;

  PreAuthGuard(PreAuthBudget.Ticket ticket) {
    this.ticket = ticket;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    ticket.startDeadline();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ticket.spoke();
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ticket.release();
    ctx.fireChannelInactive();
  }
}
