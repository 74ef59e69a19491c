package io.parsigex.libp2p.host;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.parsigex.common.log.RateLimitedLog;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multistream.MultistreamException;
import io.parsigex.libp2p.multistream.MultistreamHandler;
import io.parsigex.libp2p.multistream.NegotiationListener;
import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.noise.ChaChaPolyProvider;
import io.parsigex.libp2p.noise.NoiseHandler;
import io.parsigex.libp2p.noise.NoiseHandshake;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Identify;
import io.parsigex.libp2p.protocols.IdentifyInfo;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.libp2p.yamux.Yamux;
import io.parsigex.libp2p.yamux.YamuxRefusals;
import io.parsigex.libp2p.yamux.YamuxStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A libp2p host on Netty: TCP, Noise, Yamux, a connection gater, protocol handlers, identify and
 * ping. Thread-safe. Futures returned here complete on an event loop: do not block in their
 * callbacks.
 *
 * <pre>{@code
 * Host host = Host.start(HostConfig.of(key, List.of(listenAddr), ConnectionGater.allowOnly(peers)));
 * host.setStreamHandler("/my/proto/1.0.0", stream -> stream.handler(myHandler));
 * host.connectTo(peerAddrWithP2p);              // dial now and keep redialling
 * host.newStream(peerId, "/my/proto/1.0.0").thenAccept(...);
 * host.close();
 * }</pre>
 */
public final class Host implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Host.class.getName());
  /** Muxers we offer in the Noise extensions. */
  public static final List<String> MUXERS = List.of(Yamux.PROTOCOL_ID);
  /** Longest wait for the event loops to stop on {@link #close()}. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
  private static final String SECURITY_SELECT_NAME = "security-select";

  private final HostConfig config;
  private final PeerId peerId;
  private final SecureRandom random = new SecureRandom();
  private final EventLoopGroup group;
  private final TcpDialer dialer;
  private final List<Channel> servers = new CopyOnWriteArrayList<>();
  private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();
  private final Map<String, ProtocolHandler> handlers = new ConcurrentHashMap<>();
  private final ConnectionRegistry connections = new ConnectionRegistry();
  private final Redialer redialer;
  private final Map<PeerId, CompletableFuture<Connection>> dials = new ConcurrentHashMap<>();
  private final Map<PeerId, Multiaddr> addresses = new ConcurrentHashMap<>();
  private final Map<PeerId, List<Multiaddr>> relayAddresses = new ConcurrentHashMap<>();
  private volatile CircuitDialer circuitDialer;
  private final Map<PeerId, IdentifyInfo> identified = new ConcurrentHashMap<>();
  private final AtomicLong gated = new AtomicLong();
  private final AtomicLong handshakeFailures = new AtomicLong();
  private final AtomicLong streamFailures = new AtomicLong();
  private final AtomicLong refusedOverLimit = new AtomicLong();
  private final AtomicLong connectionErrors = new AtomicLong();
  private final AtomicLong refusedRelayStops = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger liveChannels =
      new java.util.concurrent.atomic.AtomicInteger();
  private final RateLimitedLog refusalLog = new RateLimitedLog(
      LoggerFactory.getLogger(PreAuthBudget.class), Level.INFO, RateLimitedLog.DEFAULT_WINDOW);
  private final PreAuthBudget preAuth;
  private final YamuxRefusals yamuxRefusals = new YamuxRefusals(refusalLog);
  private final StreamTraffic traffic = new StreamTraffic();
  private volatile boolean closed;

  private Host(HostConfig config) {
    this.config = config;
    this.peerId = PeerId.fromPublicKey(config.identity().publicKey());
    this.preAuth = new PreAuthBudget(config.preAuth(), refusalLog);
    this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    this.dialer = new TcpDialer(group, config.dialTimeout(),
        "libp2p-dns-" + peerId.toString().substring(0, 12));
    this.redialer = new Redialer(config.redialInitialBackoff(), config.redialMaxBackoff(), group,
        random, this::connection, peer -> openConnection(peer).isPresent());
    handlers.put(Identify.PROTOCOL_ID, this::answerIdentify);
    handlers.put(Ping.PROTOCOL_ID, s -> s.handler(Ping.responder()));
  }

  /**
   * Starts a host: binds every listen address (blocking until bound).
   *
   * @param config the settings
   * @return the running host
   * @throws HostException.DialFailed when a listen address cannot be bound
   */
  public static Host start(HostConfig config) throws HostException {
    // Choose the ChaCha20-Poly1305 provider now (it may load NSS and self-test it), on the caller's
    // thread, not on an event loop during the first handshake.
    ChaChaPolyProvider.describe();
    Host host = new Host(config);
    try {
      for (Multiaddr m : config.listen()) {
        host.listen(m);
      }
    } catch (HostException e) {
      host.close();
      throw e;
    }
    return host;
  }

  private void listen(Multiaddr addr) throws HostException {
    InetSocketAddress endpoint = addr.tcpEndpoint().orElseThrow();
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.ALLOCATOR, ChannelAllocator.ALLOCATOR)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            setUpChannel(ch, Direction.INBOUND, Optional.empty(), new CompletableFuture<>());
          }
        });
    try {
      Channel server = b.bind(endpoint).sync().channel();
      servers.add(server);
      listenAddresses.add(Multiaddr.tcp((InetSocketAddress) server.localAddress()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException.DialFailed("interrupted while binding " + addr, e);
    } catch (Exception e) {
      // sync() rethrows the bind failure as it is: a java.net.BindException, checked but undeclared
      throw new HostException.DialFailed("cannot listen on " + addr + ": " + e.getMessage(), e);
    }
  }

  private void setUpChannel(Channel ch, Direction direction, Optional<PeerId> expected,
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
    } else {
      if (!reserveSlot(ch, result)) {
        return;
      }
      authenticated = () -> { };
    }
    ConnectionSetupHandler setup = new ConnectionSetupHandler(this, direction, result,
        authenticated);
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
    ch.pipeline().addLast(ConnectionSetupHandler.NAME, setup);
  }

  /**
   * Takes one of {@link HostConfig#maxConnections()} for an outbound connection, or an inbound
   * one whose peer authenticated and was admitted; closes the channel when none is left.
   */
  boolean reserveSlot(Channel ch, CompletableFuture<Connection> result) {
    if (liveChannels.incrementAndGet() > config.maxConnections()) {
      liveChannels.decrementAndGet();
      refusedOverLimit.incrementAndGet();
      refusalLog.log("max_connections", () -> "refused a connection with " + ch.remoteAddress()
          + ": already " + config.maxConnections() + " connections (maxConnections)");
      result.completeExceptionally(new HostException.Closed("already "
          + config.maxConnections() + " connections (maxConnections); connection refused", null));
      ch.close();
      return false;
    }
    ch.closeFuture().addListener(f -> liveChannels.decrementAndGet());
    return true;
  }

  /**
   * Our peer id.
   *
   * @return the id
   */
  public PeerId peerId() {
    return peerId;
  }

  /**
   * The settings.
   *
   * @return the config
   */
  public HostConfig config() {
    return config;
  }

  /**
   * The bound listen addresses (with the actual ports).
   *
   * @return the addresses
   */
  public List<Multiaddr> listenAddresses() {
    return List.copyOf(listenAddresses);
  }

  /**
   * Registers the handler of inbound streams for a protocol (replacing any previous one).
   *
   * @param protocolId e.g. {@code /charon/parsigex/2.0.0}
   * @param handler the handler
   */
  public void setStreamHandler(String protocolId, ProtocolHandler handler) {
    Negotiator.listener(Set.of(protocolId)); // validates the id
    handlers.put(protocolId, java.util.Objects.requireNonNull(handler, "handler"));
  }

  /**
   * Removes a protocol's handler.
   *
   * @param protocolId the protocol
   */
  public void removeStreamHandler(String protocolId) {
    handlers.remove(protocolId);
  }

  /**
   * The protocols we answer, as announced by identify.
   *
   * @return sorted protocol ids
   */
  public List<String> protocols() {
    return handlers.keySet().stream().sorted().toList();
  }

  /**
   * Adds a listener of connection events.
   *
   * @param listener the listener
   */
  public void addConnectionListener(ConnectionListener listener) {
    connections.addListener(listener);
  }

  /**
   * Records a peer's address (a multiaddr ending in {@code /p2p/<id>}), used when a stream is
   * needed and no connection exists.
   *
   * @param address the address with peer id
   * @return the peer id it names
   */
  public PeerId addAddress(Multiaddr address) {
    PeerId peer = address.peerId().orElseThrow(() -> new IllegalArgumentException(
        "address " + address + " must end in /p2p/<peer id>"));
    addresses.put(peer, address.withoutPeerId());
    return peer;
  }

  /**
   * Dials a peer now and keeps redialling it (with backoff) whenever the connection drops, until
   * the host closes.
   *
   * @param address the peer's address ending in {@code /p2p/<id>}
   * @return the first dial's outcome
   */
  public CompletableFuture<Connection> connectTo(Multiaddr address) {
    PeerId peer = addAddress(address);
    redialer.keep(peer);
    return connection(peer).whenComplete((c, e) -> {
      if (e != null) {
        redialer.lost(peer);
      }
    });
  }

  /**
   * An open connection to the peer, dialling its known address when there is none.
   *
   * @param peer the peer
   * @return the connection; fails with a {@link HostException}
   */
  public CompletableFuture<Connection> connection(PeerId peer) {
    Optional<Connection> open = openConnection(peer);
    if (open.isPresent()) {
      return CompletableFuture.completedFuture(open.get());
    }
    if (closed) {
      return CompletableFuture.failedFuture(new HostException.Closed("host is closed", null));
    }
    List<Multiaddr> candidates = new ArrayList<>();
    Optional.ofNullable(addresses.get(peer)).ifPresent(candidates::add);
    candidates.addAll(relayAddresses.getOrDefault(peer, List.of()));
    if (candidates.isEmpty()) {
      return CompletableFuture.failedFuture(new HostException.NoAddress("no connection to "
          + peer + " and no known address; add one with addAddress or connectTo"));
    }
    CompletableFuture<Connection> fresh = new CompletableFuture<>();
    CompletableFuture<Connection> existing = dials.putIfAbsent(peer, fresh);
    if (existing != null) {
      return existing;
    }
    dialInTurn(candidates, 0, peer, null).whenComplete((c, e) -> {
      dials.remove(peer, fresh);
      if (e != null) {
        fresh.completeExceptionally(e);
      } else {
        fresh.complete(c);
      }
    });
    return fresh;
  }

  /**
   * Dials an address once (no redial).
   *
   * @param address {@code /ip4|ip6|dns*}{@code /…/tcp/…/p2p/<id>}
   * @return the connection
   */
  public CompletableFuture<Connection> dial(Multiaddr address) {
    PeerId peer = address.peerId().orElseThrow(() -> new IllegalArgumentException(
        "address " + address + " must end in /p2p/<peer id>"));
    return dial(address.withoutPeerId(), peer);
  }

  /** Tries each address in turn (the direct one first), failing with the last error. */
  private CompletableFuture<Connection> dialInTurn(List<Multiaddr> candidates, int index,
      PeerId peer, Throwable lastError) {
    if (index == candidates.size()) {
      return CompletableFuture.failedFuture(lastError);
    }
    return dial(candidates.get(index), peer).handle((c, e) -> e == null
            ? CompletableFuture.completedFuture(c)
            : dialInTurn(candidates, index + 1, peer, e))
        .thenCompose(f -> f);
  }

  private CompletableFuture<Connection> dial(Multiaddr addr, PeerId peer) {
    if (addr.isRelayed()) {
      return dialCircuit(addr, peer);
    }
    CompletableFuture<Connection> result = new CompletableFuture<>();
    dialer.dial(addr, (ch, r) -> setUpChannel(ch, Direction.OUTBOUND, Optional.of(peer), r),
        result);
    return result;
  }

  private CompletableFuture<Connection> dialCircuit(Multiaddr circuit, PeerId peer) {
    CircuitDialer relay = circuitDialer;
    if (relay == null) {
      return CompletableFuture.failedFuture(new HostException.DialFailed("cannot dial " + circuit
          + ": no circuit relay client is installed (configure relays)", null));
    }
    CompletableFuture<Connection> result = new CompletableFuture<>();
    relay.dial(circuit, peer).whenComplete((c, e) -> {
      if (e == null) {
        result.complete(c);
      } else {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause() : e;
        result.completeExceptionally(cause instanceof HostException ? cause
            : new HostException.DialFailed("relayed dial of " + peer + " via " + circuit
                + " failed: " + cause.getMessage(), cause));
      }
    });
    return result;
  }

  /**
   * Installs the dialer of {@code /p2p-circuit} addresses (the circuit relay client).
   *
   * @param dialer the relay client
   */
  public void setCircuitDialer(CircuitDialer dialer) {
    this.circuitDialer = java.util.Objects.requireNonNull(dialer, "dialer");
  }

  /**
   * Sets the relayed addresses of a peer ({@code …/p2p/<relay>/p2p-circuit}, without the peer's
   * own {@code /p2p}), tried in order after its direct address when a connection is needed.
   *
   * @param peer the peer
   * @param circuits its relayed addresses (an empty list removes them)
   */
  public void setRelayAddresses(PeerId peer, List<Multiaddr> circuits) {
    for (Multiaddr m : circuits) {
      if (!m.isRelayed()) {
        throw new IllegalArgumentException(m + " is not a /p2p-circuit address");
      }
    }
    if (circuits.isEmpty()) {
      relayAddresses.remove(peer);
    } else {
      relayAddresses.put(peer, List.copyOf(circuits));
    }
  }

  /**
   * Connects to a peer by its known addresses (direct first, then relayed ones) and keeps
   * redialling it with backoff whenever the connection drops or the dial fails.
   *
   * @param peer the peer
   * @return the first attempt's outcome
   */
  public CompletableFuture<Connection> keepConnected(PeerId peer) {
    redialer.keep(peer);
    return connection(peer).whenComplete((c, e) -> {
      if (e != null) {
        redialer.lost(peer);
      }
    });
  }

  /**
   * Stops redialling a peer (e.g. a relay that is no longer configured); open connections stay.
   *
   * @param peer the peer
   */
  public void stopKeepingConnected(PeerId peer) {
    redialer.forget(peer);
  }

  /**
   * Runs the connection upgrade (multistream, Noise, Yamux, gater) on a channel that is not a TCP
   * socket, e.g. a relayed stream, then registers it on {@code loop}. Its remote address should be
   * a {@link MultiaddrSocketAddress}.
   *
   * @param channel an unregistered channel, active once registered
   * @param loop the event loop to run it on
   * @param direction whether we initiated it (we are the Noise initiator)
   * @param expected the peer we dialled (required when outbound)
   * @return the connection, registered with this host
   */
  public CompletableFuture<Connection> upgrade(Channel channel, io.netty.channel.EventLoop loop,
      Direction direction, Optional<PeerId> expected) {
    CompletableFuture<Connection> result = new CompletableFuture<>();
    if (closed) {
      channel.unsafe().closeForcibly();
      return CompletableFuture.failedFuture(new HostException.Closed("host is closed", null));
    }
    setUpChannel(channel, direction, expected, result);
    loop.register(channel).addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new HostException.DialFailed("cannot register "
            + channel + ": " + f.cause().getMessage(), f.cause()));
      }
    });
    return result;
  }

  /**
   * Opens a stream to the peer and negotiates the protocol (connecting first if needed).
   *
   * @param peer the peer
   * @param protocolId the protocol
   * @return the negotiated stream; install its consumer with {@link HostStream#handler}
   */
  public CompletableFuture<HostStream> newStream(PeerId peer, String protocolId) {
    return connection(peer).thenCompose(c -> newStream(c, protocolId));
  }

  /**
   * Opens a stream on a given connection.
   *
   * @param connection the connection
   * @param protocolId the protocol
   * @return the negotiated stream
   */
  public CompletableFuture<HostStream> newStream(Connection connection, String protocolId) {
    Negotiator negotiator = Negotiator.dialer(List.of(protocolId));
    CompletableFuture<HostStream> result = new CompletableFuture<>();
    connection.session().openStream().addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new HostException.Closed("cannot open a stream to "
            + connection.remotePeer() + ": " + f.cause().getMessage(), f.cause()));
        return;
      }
      YamuxStream stream = (YamuxStream) f.getNow();
      StreamNegotiation.start(stream, negotiator, config.negotiationTimeout(),
          new StreamNegotiation.Outcome() {
            @Override
            public void negotiated(YamuxStream s, String protocol, byte[] leftover) {
              result.complete(new HostStream(connection, protocol, s, leftover,
                  traffic.of(connection.remotePeer(), protocol)));
            }

            @Override
            public void failed(YamuxStream s, Exception cause) {
              result.completeExceptionally(new HostException.NegotiationFailed("negotiating "
                  + protocolId + " with " + connection.remotePeer() + " failed: "
                  + cause.getMessage(), cause));
            }
          });
    });
    return result;
  }

  /**
   * Opens a stream the way go-libp2p does once identify showed that the peer supports the
   * protocol: the stream is returned at once, and the multistream header and proposal go out in
   * one packet with the first {@link HostStream#write} (write through the {@link HostStream}, not
   * its Yamux stream), without waiting for the echo. The echo is
   * checked when it arrives; a refusal resets the stream, and the consumer installed with
   * {@link HostStream#handler} sees {@code onReset} with the reason. When identify has not shown
   * support (or has not run yet), this is {@link #newStream(PeerId, String)}.
   *
   * <p>Go-libp2p and this host keep bytes pipelined behind a proposal; js-libp2p 3.3 was seen to
   * drop them on loopback interop (its listener echoed the proposal but its handler never saw the
   * data), so use this towards Go/Java peers only.
   *
   * @param peer the peer
   * @param protocolId the protocol
   * @return the stream, ready for writing
   */
  public CompletableFuture<HostStream> newStreamLazy(PeerId peer, String protocolId) {
    boolean supported = identified(peer).map(i -> i.protocols().contains(protocolId))
        .orElse(false);
    if (!supported) {
      return newStream(peer, protocolId);
    }
    Negotiator negotiator = Negotiator.dialer(List.of(protocolId));
    return connection(peer).thenCompose(c -> {
      CompletableFuture<HostStream> result = new CompletableFuture<>();
      c.session().openStream().addListener(f -> {
        if (!f.isSuccess()) {
          result.completeExceptionally(new HostException.Closed("cannot open a stream to "
              + peer + ": " + f.cause().getMessage(), f.cause()));
          return;
        }
        YamuxStream stream = (YamuxStream) f.getNow();
        stream.session().channel().eventLoop().execute(() -> result.complete(
            new HostStream(c, protocolId, stream, negotiator, config.negotiationTimeout(),
                traffic.of(peer, protocolId))));
      });
      return result;
    });
  }

  /**
   * Pings a peer over {@code /ipfs/ping/1.0.0}.
   *
   * @param peer the peer
   * @return the round-trip time
   */
  public CompletableFuture<Duration> ping(PeerId peer) {
    return newStream(peer, Ping.PROTOCOL_ID)
        .thenCompose(s -> Ping.ping(s.yamux(), random, s::handler));
  }

  /**
   * Asks a peer for its identify information.
   *
   * @param peer the peer
   * @return what it announced
   */
  public CompletableFuture<IdentifyInfo> identify(PeerId peer) {
    return newStream(peer, Identify.PROTOCOL_ID).thenCompose(s -> Identify.request(s::handler))
        .whenComplete((info, e) -> {
          if (info != null) {
            identified.put(peer, info);
          }
        });
  }

  /**
   * What the peer announced through identify on its latest connection.
   *
   * @param peer the peer
   * @return the information, if received
   */
  public Optional<IdentifyInfo> identified(PeerId peer) {
    return Optional.ofNullable(identified.get(peer));
  }

  /**
   * An open connection to the peer (the newest), if any.
   *
   * @param peer the peer
   * @return the connection
   */
  public Optional<Connection> openConnection(PeerId peer) {
    return connections.open(peer);
  }

  /**
   * Peers with at least one open connection.
   *
   * @return their ids
   */
  public Set<PeerId> connectedPeers() {
    return connections.connectedPeers();
  }

  /**
   * Every open connection (a peer may have several, for example a relayed and a direct one).
   *
   * @return the connections
   */
  public List<Connection> connections() {
    return connections.all().stream().filter(Connection::isOpen).toList();
  }

  /**
   * Payload bytes and open streams by peer and protocol, since the host started.
   *
   * @return the live counters
   */
  public StreamTraffic traffic() {
    return traffic;
  }

  /**
   * The counters.
   *
   * @return a snapshot
   */
  public HostStats stats() {
    return new HostStats(connections.count(), gated.get(), handshakeFailures.get(), streamFailures.get(),
        refusedOverLimit.get(), connectionErrors.get(), refusedRelayStops.get(), preAuth.stats(),
        yamuxRefusals.snapshot());
  }

  /**
   * Counts a circuit relay stop stream the relay client refused (see
   * {@link HostStats#refusedRelayStops()}); the caller logs why.
   */
  public void countRefusedRelayStop() {
    refusedRelayStops.incrementAndGet();
  }

  /**
   * Closes every listener and connection and stops the event loops; waits a bounded time. Call it
   * from an application thread, never from an event loop (it waits for them).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    for (io.netty.util.concurrent.EventExecutor e : group) {
      if (e.inEventLoop()) {
        throw new IllegalStateException("Host.close() must not be called on its event loop");
      }
    }
    closed = true;
    redialer.close();
    servers.forEach(Channel::close);
    List<io.netty.util.concurrent.Future<?>> closing = new ArrayList<>();
    connections.all().forEach(c -> closing.add(c.close()));
    for (io.netty.util.concurrent.Future<?> f : closing) {
      f.awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
    }
    group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() * 2);
    dialer.close();
    refusalLog.close();
  }

  // ------------------------------------------------------------------ package-private callbacks

  void register(Connection c) {
    connections.add(c);
    c.session().closeFuture().addListener(f -> {
      if (!f.isSuccess() && !closed) {
        connectionErrors.incrementAndGet();
        log(System.Logger.Level.DEBUG, c + " ended on an error: " + f.cause());
      }
    });
    redialer.connected(c.remotePeer());
    identify(c.remotePeer()).exceptionally(e -> {
      log(System.Logger.Level.DEBUG, "identify of " + c.remotePeer() + " failed: " + e);
      return null;
    });
  }

  void unregister(Connection c) {
    if (connections.remove(c)) {
      redialer.lost(c.remotePeer());
    }
  }

  void onGated(PeerId peer, java.net.SocketAddress remote) {
    gated.incrementAndGet();
    refusalLog.log(PreAuthBudget.source(remote) + " gated", () -> "refused connection from "
        + peer + " at " + remote + ": not an allowed peer");
    connections.gated(peer);
  }

  void onHandshakeFailure(HostException cause) {
    handshakeFailures.incrementAndGet();
    log(System.Logger.Level.DEBUG, cause.getMessage());
  }

  YamuxRefusals yamuxRefusals() {
    return yamuxRefusals;
  }

  void log(System.Logger.Level level, String message) {
    LOG.log(level, message);
  }

  void acceptStream(Connection c, YamuxStream stream) {
    Negotiator negotiator = Negotiator.listener(handlers.keySet());
    StreamNegotiation.start(stream, negotiator, config.negotiationTimeout(),
        new StreamNegotiation.Outcome() {
          @Override
          public void negotiated(YamuxStream s, String protocol, byte[] leftover) {
            ProtocolHandler h = handlers.get(protocol);
            if (h == null) {
              s.reset();
              return;
            }
            HostStream hs = new HostStream(c, protocol, s, leftover,
                traffic.of(c.remotePeer(), protocol));
            try {
              h.onStream(hs);
            } catch (RuntimeException e) {
              log(System.Logger.Level.WARNING, "handler of " + protocol + " failed: " + e);
              s.reset();
            }
          }

          @Override
          public void failed(YamuxStream s, Exception cause) {
            streamFailures.incrementAndGet();
            log(System.Logger.Level.DEBUG, "inbound stream from " + c.remotePeer() + ": "
                + cause.getMessage());
          }
        });
  }

  private void answerIdentify(HostStream s) {
    byte[] msg = Identify.encode(config.identity().publicKey(), config.agentVersion(),
        listenAddresses(), protocols(), Optional.of(s.connection().remoteAddress()));
    s.handler(Identify.respond(s.yamux(), msg));
  }
}
