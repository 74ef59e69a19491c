package io.parsigex.libp2p.host;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.parsigex.common.log.RateLimitedLog;
import io.parsigex.libp2p.multistream.MultistreamException;
import io.parsigex.libp2p.multistream.MultistreamHandler;
import io.parsigex.libp2p.multistream.NegotiationListener;
import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.noise.NoiseHandler;
import io.parsigex.libp2p.noise.NoiseHandshake;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.Yamux;
import io.parsigex.libp2p.yamux.YamuxRefusals;
import io.parsigex.libp2p.yamux.YamuxStream;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a channel into a {@link Connection}: admission (the pre-authentication budget for inbound
 * sockets, a {@link ConnectionSlots} slot for outbound ones), multistream security select, Noise,
 * then {@link ConnectionSetupHandler} (gater, muxer, registration). It also knows which inbound
 * handshakes are still in flight, so that a stream wanted to a peer that is dialling us right now
 * can wait for that handshake instead of failing (see {@link #awaitInbound}). Thread-safe.
 */
final class ConnectionSetup {

  private static final System.Logger LOG = System.getLogger(ConnectionSetup.class.getName());
  /** Muxers we offer in the Noise extensions. */
  static final List<String> MUXERS = List.of(Yamux.PROTOCOL_ID);
  private static final String SECURITY_SELECT_NAME = "security-select";

  /** What the host does with connections once they are up, and with their inbound streams. */
  interface Events {
    /** A connection was registered (it is in the registry already). */
    void established(Connection c);

    /** The last open connection to the peer ended. */
    void lostPeer(PeerId peer);

    /** The peer opened a stream on {@code c}. */
    void inboundStream(Connection c, YamuxStream stream);
  }

  private final HostConfig config;
  private final SecureRandom random;
  private final PreAuthBudget preAuth;
  private final ConnectionSlots slots;
  private final ConnectionRegistry registry;
  private final HostCounters counters;
  private final RateLimitedLog refusalLog;
  private final YamuxRefusals yamuxRefusals;
  private final Events events;
  /** Inbound set-ups not finished yet: their remote peer is not known before Noise ends. */
  private final Set<CompletableFuture<Connection>> inboundInFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  ConnectionSetup(HostConfig config, SecureRandom random, PreAuthBudget preAuth,
      ConnectionSlots slots, ConnectionRegistry registry, HostCounters counters,
      RateLimitedLog refusalLog, YamuxRefusals yamuxRefusals, Events events) {
    this.config = config;
    this.random = random;
    this.preAuth = preAuth;
    this.slots = slots;
    this.registry = registry;
    this.counters = counters;
    this.refusalLog = refusalLog;
    this.yamuxRefusals = yamuxRefusals;
    this.events = events;
  }

  /**
   * Installs the upgrade on a new channel (before it is active). {@code result} completes with
   * the registered connection, or with a {@link HostException}.
   */
  void setUp(Channel ch, Direction direction, Optional<PeerId> expected,
      CompletableFuture<Connection> result) {
    Runnable authenticated;
    if (direction == Direction.INBOUND) {
      // A stranger's socket waits in the pre-authentication budget, never in maxConnections.
      Optional<PreAuthBudget.Ticket> ticket = preAuth.admit(ch);
      if (ticket.isEmpty()) {
        result.completeExceptionally(new HostException.Closed("unauthenticated connection from "
            + ch.remoteAddress() + " refused by the pre-authentication budget", null));
        return;
      }
      ch.pipeline().addLast(PreAuthGuard.NAME, new PreAuthGuard(ticket.get()));
      authenticated = ticket.get()::release;
      inboundInFlight.add(result);
      result.whenComplete((c, e) -> inboundInFlight.remove(result));
    } else {
      if (!slots.reserve(ch, result)) {
        return;
      }
      authenticated = () -> { };
    }
    Negotiator negotiator = direction == Direction.OUTBOUND
        ? Negotiator.dialer(List.of(NoiseHandshake.PROTOCOL_ID))
        : Negotiator.listener(Set.of(NoiseHandshake.PROTOCOL_ID));
    ch.pipeline().addLast(SECURITY_SELECT_NAME, new MultistreamHandler(negotiator,
        config.handshakeTimeout(), new NegotiationListener() {
          @Override
          public void negotiated(ChannelHandlerContext ctx, String protocol) {
            NoiseHandshake hs = direction == Direction.OUTBOUND
                ? NoiseHandshake.initiator(config.identity(), MUXERS, expected, random)
                : NoiseHandshake.responder(config.identity(), MUXERS, random);
            NoiseHandler.install(ctx.pipeline(), ctx.name(),
                new NoiseHandler(hs, config.handshakeTimeout()));
          }

          @Override
          public void failed(ChannelHandlerContext ctx, MultistreamException cause) {
            ctx.fireExceptionCaught(cause);
          }
        }));
    ch.pipeline().addLast(ConnectionSetupHandler.NAME,
        new ConnectionSetupHandler(this, direction, result, authenticated));
  }

  /**
   * Runs the upgrade on a channel that is not a TCP socket (a relayed stream), then registers it
   * on {@code loop}.
   */
  CompletableFuture<Connection> upgrade(Channel channel, EventLoop loop, Direction direction,
      Optional<PeerId> expected) {
    if (closed) {
      channel.unsafe().closeForcibly();
      return CompletableFuture.failedFuture(new HostException.Closed("host is closed", null));
    }
    CompletableFuture<Connection> result = new CompletableFuture<>();
    setUp(channel, direction, expected, result);
    loop.register(channel).addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new HostException.DialFailed("cannot register "
            + channel + ": " + f.cause().getMessage(), f.cause()));
      }
    });
    return result;
  }

  /**
   * Waits for the inbound handshakes in flight now: completes with the connection to
   * {@code peer} as soon as one of them yields it, or empty once all of them ended otherwise
   * (at once when none is in flight). Each handshake is bounded by the pre-authentication and
   * handshake timeouts, so is this.
   *
   * <p>Why: Noise XX ends one message earlier for the initiator than for the responder. A peer
   * that dialled us already uses its connection while we still read its last handshake message;
   * if we know no address of it (it always dials us), a stream we want to it in that window has
   * only this handshake to go by.
   */
  CompletableFuture<Optional<Connection>> awaitInbound(PeerId peer) {
    List<CompletableFuture<Connection>> now = List.copyOf(inboundInFlight);
    if (now.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    CompletableFuture<Optional<Connection>> out = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(now.size());
    for (CompletableFuture<Connection> f : now) {
      f.whenComplete((c, e) -> {
        if (c != null && c.remotePeer().equals(peer)) {
          out.complete(Optional.of(c));
        } else if (left.decrementAndGet() == 0) {
          out.complete(Optional.empty());
        }
      });
    }
    return out;
  }

  void close() {
    closed = true;
  }

  // ------------------------------------------------------- from ConnectionSetupHandler

  HostConfig config() {
    return config;
  }

  boolean reserveSlot(Channel ch, CompletableFuture<Connection> result) {
    return slots.reserve(ch, result);
  }

  YamuxRefusals yamuxRefusals() {
    return yamuxRefusals;
  }

  /** Registers a connection (before its set-up future completes) and tells the host. */
  void established(Connection c) {
    registry.add(c);
    c.session().closeFuture().addListener(f -> {
      if (!f.isSuccess() && !closed) {
        counters.connectionError();
        LOG.log(System.Logger.Level.DEBUG, c + " ended on an error: " + f.cause());
      }
    });
    events.established(c);
  }

  void ended(Connection c) {
    if (registry.remove(c)) {
      events.lostPeer(c.remotePeer());
    }
  }

  void inboundStream(Connection c, YamuxStream stream) {
    events.inboundStream(c, stream);
  }

  void gated(PeerId peer, SocketAddress remote) {
    counters.gated();
    refusalLog.log(PreAuthBudget.source(remote) + " gated", () -> "refused connection from "
        + peer + " at " + remote + ": not an allowed peer");
    registry.gated(peer);
  }

  void handshakeFailed(HostException cause) {
    counters.handshakeFailed();
    LOG.log(System.Logger.Level.DEBUG, cause.getMessage());
  }
}
