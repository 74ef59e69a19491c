package io.parsigex.libp2p.host;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.parsigex.common.log.RateLimitedLog;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.noise.ChaChaPolyProvider;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Identify;
import io.parsigex.libp2p.protocols.IdentifyInfo;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.libp2p.yamux.YamuxRefusals;
import io.parsigex.libp2p.yamux.YamuxStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A libp2p host on Netty: TCP, Noise, Yamux, a connection gater, protocol handlers, identify and
 * ping. Thread-safe. Futures returned here complete on an event loop: do not block in their
 * callbacks.
 *
 * <p>This class is the facade: it owns the event loops and the parts, each of which answers one
 * question: {@link Listener} (where do we accept), {@link ConnectionSetup} (how does a socket
 * become a connection), {@link ConnectionRegistry} (which connections are open),
 * {@link PeerDialer} with {@link AddressBook} and {@link RelayFallback} (how do we reach a
 * peer), {@link Redialer} (who is kept connected), {@link StreamOpener} and
 * {@link ProtocolHandlers} (outbound and inbound streams), {@link IdentifyExchange} and
 * {@link HostCounters} (statistics).
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

  /** Longest wait for the event loops to stop on {@link #close()}. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private final HostConfig config;
  private final PeerId peerId;
  private final SecureRandom random = new SecureRandom();
  private final EventLoopGroup group;
  private final TcpDialer tcp;
  /** Pre-authentication, connection-cap and gater refusals (a stranger can trigger them). */
  private final RateLimitedLog refusalLog = new RateLimitedLog(
      LoggerFactory.getLogger(PreAuthBudget.class), Level.INFO, RateLimitedLog.DEFAULT_WINDOW);
  /** Yamux refusals of every session of this host. */
  private final RateLimitedLog yamuxLog = new RateLimitedLog(
      LoggerFactory.getLogger(YamuxRefusals.class), Level.INFO, RateLimitedLog.DEFAULT_WINDOW);
  private final YamuxRefusals yamuxRefusals = new YamuxRefusals(yamuxLog);
  private final PreAuthBudget preAuth;
  private final HostCounters counters = new HostCounters();
  private final StreamTraffic traffic = new StreamTraffic();
  private final ConnectionRegistry connections = new ConnectionRegistry();
  private final AddressBook addresses = new AddressBook();
  private final RelayFallback relay = new RelayFallback();
  private final ProtocolHandlers handlers;
  private final ConnectionSetup setup;
  private final Listener listener;
  private final PeerDialer dialer;
  private final Redialer redialer;
  private final StreamOpener streams;
  private final IdentifyExchange identify;
  private volatile boolean closed;

  private Host(HostConfig config) {
    this.config = config;
    this.peerId = PeerId.fromPublicKey(config.identity().publicKey());
    this.preAuth = new PreAuthBudget(config.preAuth(), refusalLog);
    this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    this.tcp = new TcpDialer(group, config.dialTimeout(),
        "libp2p-dns-" + peerId.toString().substring(0, 12));
    this.handlers = new ProtocolHandlers(config.negotiationTimeout(), traffic, counters);
    this.setup = new ConnectionSetup(config, random, preAuth,
        new ConnectionSlots(config.maxConnections(), counters, refusalLog), connections,
        counters, refusalLog, yamuxRefusals, new ConnectionSetup.Events() {
          @Override
          public void established(Connection c) {
            redialer.connected(c.remotePeer());
            identify.onConnected(c.remotePeer());
          }

          @Override
          public void lostPeer(PeerId peer) {
            redialer.lost(peer);
          }

          @Override
          public void inboundStream(Connection c, YamuxStream stream) {
            handlers.accept(c, stream);
          }
        });
    this.listener = new Listener(group, setup);
    this.dialer = new PeerDialer(connections, addresses, setup, tcp, relay);
    this.redialer = new Redialer(config.redialInitialBackoff(), config.redialMaxBackoff(), group,
        random, dialer::connection, peer -> connections.open(peer).isPresent());
    this.streams = new StreamOpener(config.negotiationTimeout(), traffic);
    this.identify = new IdentifyExchange(config.identity().publicKey(), config.agentVersion(),
        listener::addresses, handlers::protocols, this::newStream);
    handlers.put(Identify.PROTOCOL_ID, identify::answer);
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
        host.listener.listen(m);
      }
    } catch (HostException e) {
      host.close();
      throw e;
    }
    return host;
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
    return listener.addresses();
  }

  /**
   * Registers the handler of inbound streams for a protocol (replacing any previous one).
   *
   * @param protocolId e.g. {@code /charon/parsigex/2.0.0}
   * @param handler the handler
   */
  public void setStreamHandler(String protocolId, ProtocolHandler handler) {
    handlers.put(protocolId, handler);
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
    return handlers.protocols();
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
    return addresses.add(address);
  }

  /**
   * Dials a peer now and keeps redialling it (with backoff) whenever the connection drops, until
   * the host closes.
   *
   * @param address the peer's address ending in {@code /p2p/<id>}
   * @return the first dial's outcome
   */
  public CompletableFuture<Connection> connectTo(Multiaddr address) {
    return keepConnected(addAddress(address));
  }

  /**
   * An open connection to the peer, dialling its known addresses when there is none. A peer with
   * no known address is waited for while an inbound handshake is in flight (it may be that peer
   * dialling us); otherwise this fails with {@link HostException.NoAddress}.
   *
   * @param peer the peer
   * @return the connection; fails with a {@link HostException}
   */
  public CompletableFuture<Connection> connection(PeerId peer) {
    return dialer.connection(peer);
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
    return dialer.dial(address.withoutPeerId(), peer);
  }

  /**
   * Installs the dialer of {@code /p2p-circuit} addresses (the circuit relay client).
   *
   * @param dialer the relay client
   */
  public void setCircuitDialer(CircuitDialer dialer) {
    relay.install(dialer);
  }

  /**
   * Sets the relayed addresses of a peer ({@code …/p2p/<relay>/p2p-circuit}, without the peer's
   * own {@code /p2p}), tried in order after its direct address when a connection is needed.
   *
   * @param peer the peer
   * @param circuits its relayed addresses (an empty list removes them)
   */
  public void setRelayAddresses(PeerId peer, List<Multiaddr> circuits) {
    addresses.setRelayed(peer, circuits);
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
  public CompletableFuture<Connection> upgrade(Channel channel, EventLoop loop,
      Direction direction, Optional<PeerId> expected) {
    return setup.upgrade(channel, loop, direction, expected);
  }

  /**
   * Opens a stream to the peer and negotiates the protocol (connecting first if needed).
   *
   * <p>The stream is handed out once the peer echoed the protocol. go-libp2p dialers skip that
   * wait once identify listed the protocol (lazy select); this host accepts such streams as a
   * listener but does not dial that way: a refusal then surfaces here as a typed
   * {@link HostException.NegotiationFailed} before any payload left, and js-libp2p peers were
   * seen to drop bytes pipelined behind a proposal.
   *
   * @param peer the peer
   * @param protocolId the protocol
   * @return the negotiated stream; install its consumer with {@link HostStream#handler}
   */
  public CompletableFuture<HostStream> newStream(PeerId peer, String protocolId) {
    return connection(peer).thenCompose(c -> streams.open(c, protocolId));
  }

  /**
   * Opens a stream on a given connection.
   *
   * @param connection the connection
   * @param protocolId the protocol
   * @return the negotiated stream
   */
  public CompletableFuture<HostStream> newStream(Connection connection, String protocolId) {
    return streams.open(connection, protocolId);
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
    return identify.request(peer);
  }

  /**
   * What the peer announced through identify on its latest connection.
   *
   * @param peer the peer
   * @return the information, if received
   */
  public Optional<IdentifyInfo> identified(PeerId peer) {
    return identify.latest(peer);
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
    return counters.snapshot(connections.count(), preAuth.stats(), yamuxRefusals.snapshot());
  }

  /**
   * Counts a circuit relay stop stream the relay client refused (see
   * {@link HostStats#refusedRelayStops()}); the caller logs why.
   */
  public void countRefusedRelayStop() {
    counters.refusedRelayStop();
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
    for (EventExecutor e : group) {
      if (e.inEventLoop()) {
        throw new IllegalStateException("Host.close() must not be called on its event loop");
      }
    }
    closed = true;
    setup.close();
    dialer.close();
    redialer.close();
    listener.close();
    List<Future<?>> closing = new ArrayList<>();
    connections.all().forEach(c -> closing.add(c.close()));
    for (Future<?> f : closing) {
      f.awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
    }
    group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() * 2);
    tcp.close();
    refusalLog.close();
    yamuxLog.close();
  }
}
