package io.parsigex.libp2p.host;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multistream.MultistreamException;
import io.parsigex.libp2p.multistream.MultistreamHandler;
import io.parsigex.libp2p.multistream.NegotiationListener;
import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.noise.NoiseException;
import io.parsigex.libp2p.noise.NoiseHandler;
import io.parsigex.libp2p.noise.NoiseSession;
import io.parsigex.libp2p.yamux.Yamux;
import io.parsigex.libp2p.yamux.YamuxRole;
import io.parsigex.libp2p.yamux.YamuxSession;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The last handler of a connection being set up: receives the Noise session, applies the gater,
 * starts Yamux (directly, or after a multistream round when the Noise extensions did not agree on
 * a muxer) and registers the connection (before the set-up future completes, so whoever waits
 * for it finds it in the registry).
 */
final class ConnectionSetupHandler extends ChannelInboundHandlerAdapter {

  static final String NAME = "connection-setup";
  static final String MUXER_SELECT_NAME = "muxer-select";

  private static final System.Logger LOG =
      System.getLogger(ConnectionSetupHandler.class.getName());

  private final ConnectionSetup setup;
  private final Direction direction;
  private final CompletableFuture<Connection> result;
  private final Runnable authenticated;
  private NoiseSession secured;
  private Connection connection;
  private boolean failed;

  ConnectionSetupHandler(ConnectionSetup setup, Direction direction, CompletableFuture<Connection> result,
      Runnable authenticated) {
    this.setup = setup;
    this.direction = direction;
    this.result = result;
    this.authenticated = authenticated;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof NoiseSession session)) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    secured = session;
    // The remote proved its key: it leaves the pre-authentication budget either way.
    authenticated.run();
    if (!setup.config().gater().allowSecured(session.remotePeer())) {
      setup.gated(session.remotePeer(), ctx.channel().remoteAddress());
      fail(ctx, new HostException.Gated("peer " + session.remotePeer()
          + " is not admitted by the connection gater (not a cluster peer)"));
      return;
    }
    if (direction == Direction.INBOUND && !setup.reserveSlot(ctx.channel(), result)) {
      // An admitted peer, but maxConnections are taken (outbound reserved theirs at dial time).
      failed = true;
      return;
    }
    if (session.muxer().filter(Yamux.PROTOCOL_ID::equals).isPresent()) {
      startYamux(ctx);
      return;
    }
    Negotiator n = direction == Direction.OUTBOUND
        ? Negotiator.dialer(List.of(Yamux.PROTOCOL_ID))
        : Negotiator.listener(Set.of(Yamux.PROTOCOL_ID));
    ctx.pipeline().addAfter(NoiseHandler.NAME, MUXER_SELECT_NAME, new MultistreamHandler(n,
        setup.config().negotiationTimeout(), new NegotiationListener() {
          @Override
          public void negotiated(ChannelHandlerContext mctx, String protocol) {
            startYamux(ctx);
          }

          @Override
          public void failed(ChannelHandlerContext mctx, MultistreamException cause) {
            fail(ctx, new HostException.SecurityFailed("muxer negotiation with "
                + session.remotePeer() + " failed: " + cause.getMessage(), cause));
          }
        }));
  }

  private void startYamux(ChannelHandlerContext ctx) {
    Connection[] ref = new Connection[1];
    YamuxSession session = Yamux.install(ctx.channel(),
        direction == Direction.OUTBOUND ? YamuxRole.DIALER : YamuxRole.LISTENER,
        setup.config().yamux(), stream -> setup.inboundStream(ref[0], stream),
        setup.yamuxRefusals());
    connection = new Connection(secured.remotePeer(), secured.remoteKey(),
        remoteMultiaddr(ctx.channel().remoteAddress()), direction,
        Yamux.PROTOCOL_ID, session);
    ref[0] = connection;
    setup.established(connection);
    result.complete(connection);
  }

  private static Multiaddr remoteMultiaddr(java.net.SocketAddress remote) {
    return remote instanceof MultiaddrSocketAddress m ? m.multiaddr()
        : Multiaddr.tcp((InetSocketAddress) remote);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (connection == null) {
      String peer = secured == null ? "" : " with " + secured.remotePeer();
      fail(ctx, new HostException.SecurityFailed("securing the connection" + peer
          + " to " + ctx.channel().remoteAddress() + " failed: " + cause.getMessage(), cause));
      return;
    }
    if (cause instanceof NoiseException) {
      LOG.log(System.Logger.Level.INFO, connection + " closed: " + cause.getMessage());
    } else {
      LOG.log(System.Logger.Level.WARNING, connection + " failed: " + cause);
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    authenticated.run();
    if (connection == null) {
      fail(ctx, new HostException.Closed("connection to " + ctx.channel().remoteAddress()
          + " closed during the handshake", null));
    } else {
      setup.ended(connection);
    }
    ctx.fireChannelInactive();
  }

  void fail(ChannelHandlerContext ctx, HostException cause) {
    if (failed || connection != null) {
      return;
    }
    failed = true;
    if (!(cause instanceof HostException.Gated)) {
      setup.handshakeFailed(cause);
    }
    result.completeExceptionally(cause);
    ctx.close();
  }
}
