package io.parsigex.libp2p.relay;

import io.parsigex.libp2p.host.CircuitDialer;
import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps us reachable through circuit relays and dials peers through them, as Charon does: stays
 * connected to every configured relay (the host redials with backoff), reserves a slot on each
 * relay connection, refreshes the reservation before it expires (at {@link #REFRESH_SHARE} of its
 * lifetime), renews it after the relay connection comes back, retries a refused reservation with
 * backoff, serves the stop protocol, and dials {@code /p2p-circuit} addresses for the host.
 * Thread-safe; an unreachable relay is reported in {@link #states()} and logs, never fatal.
 *
 * <pre>{@code
 * RelayClient relays = RelayClient.start(host, List.of(relayAddrWithP2p));
 * host.setRelayAddresses(peer, relays.circuitsTo());   // or RelayRouter
 * }</pre>
 */
public final class RelayClient implements CircuitDialer, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RelayClient.class.getName());
  /** Most relays kept. */
  public static final int MAX_RELAYS = 16;
  /** Share of a reservation's remaining lifetime after which it is refreshed. */
  public static final double REFRESH_SHARE = 0.75;
  /** Shortest wait before a refresh. */
  public static final Duration MIN_REFRESH = Duration.ofSeconds(1);
  /** First wait after a failed reservation; doubled each time. */
  public static final Duration RETRY_INITIAL = Duration.ofSeconds(1);
  /** Longest wait after failed reservations. */
  public static final Duration RETRY_MAX = Duration.ofMinutes(1);

  private final Host host;
  private final HopClient hop;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Map<PeerId, Slot> slots = new LinkedHashMap<>();
  private final Map<PeerId, Integer> relayed = new LinkedHashMap<>();
  private boolean closed;

  private RelayClient(Host host, Clock clock) {
    this.host = host;
    this.hop = new HopClient(host);
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "relay-client-" + host.peerId().toString().substring(0, 12));
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts the client: installs the stop handler and the circuit dialer on the host and connects
   * to every relay. The host's gater must admit the relays.
   *
   * @param host the host
   * @param relays relay addresses ending in {@code /p2p/<relay id>}
   * @return the client
   */
  public static RelayClient start(Host host, List<Multiaddr> relays) {
    RelayClient client = new RelayClient(host, Clock.systemUTC());
    host.addConnectionListener(client.new Events());
    host.setStreamHandler(RelayProtocol.STOP_PROTOCOL_ID,
        new StopHandler(host, client::isRelay, m -> LOG.log(System.Logger.Level.INFO, m)));
    host.setCircuitDialer(client);
    client.setRelays(relays);
    return client;
  }

  /**
   * Sets the relays (e.g. after re-resolving a relay URL): new ones are connected, reserved ones
   * that are still listed are kept; dropped ones are forgotten (their connections stay until they
   * close).
   *
   * @param relays relay addresses ending in {@code /p2p/<relay id>}
   */
  public void setRelays(List<Multiaddr> relays) {
    List<Multiaddr> fresh = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      Map<PeerId, Multiaddr> wanted = new LinkedHashMap<>();
      for (Multiaddr m : relays) {
        if (m.isRelayed() || m.peerId().isEmpty()) {
          throw new IllegalArgumentException("relay address " + m
              + " must be direct and end in /p2p/<relay id>");
        }
        if (wanted.size() < MAX_RELAYS) {
          wanted.putIfAbsent(m.peerId().get(), m);
        }
      }
      slots.keySet().removeIf(p -> {
        if (!wanted.containsKey(p)) {
          slots.get(p).cancel();
          host.stopKeepingConnected(p);
          LOG.log(System.Logger.Level.INFO, "relay " + p + " is no longer configured");
          return true;
        }
        return false;
      });
      for (Map.Entry<PeerId, Multiaddr> e : wanted.entrySet()) {
        Slot old = slots.get(e.getKey());
        if (old == null || !old.address.equals(e.getValue())) {
          if (old != null) {
            old.cancel();
          }
          slots.put(e.getKey(), new Slot(e.getValue()));
          fresh.add(e.getValue());
        }
      }
    }
    for (Multiaddr m : fresh) {
      PeerId relay = m.peerId().orElseThrow();
      host.connectTo(m).whenComplete((c, e) -> {
        if (e != null) {
          failed(relay, "cannot reach relay " + m + ": " + HopClient.unwrap(e).getMessage());
        } else {
          reserve(relay);
        }
      });
    }
  }

  /**
   * Whether {@code peer} is one of our relays.
   *
   * @param peer the peer
   * @return true for configured relays
   */
  public synchronized boolean isRelay(PeerId peer) {
    return slots.containsKey(peer);
  }

  /**
   * The circuit addresses through every relay ({@code <relay>/p2p-circuit}), to reach peers by.
   *
   * @return the addresses, in relay order
   */
  public synchronized List<Multiaddr> circuits() {
    return slots.values().stream().map(s -> Circuits.via(s.address)).toList();
  }

  /**
   * The state of every relay.
   *
   * @return one entry per relay, in configuration order
   */
  public synchronized List<RelayState> states() {
    return slots.entrySet().stream().map(e -> new RelayState(e.getKey(), e.getValue().address,
        host.openConnection(e.getKey()).filter(c -> !c.isRelayed()).isPresent(),
        Optional.ofNullable(e.getValue().reservation),
        Optional.ofNullable(e.getValue().lastError),
        relayed.getOrDefault(e.getKey(), 0))).toList();
  }

  /**
   * Open connections relayed through each relay (Charon's {@code p2p_relay_connections}).
   *
   * @return counts by relay (relays without connections may be absent)
   */
  public synchronized Map<PeerId, Integer> relayedConnections() {
    return Map.copyOf(relayed);
  }

  @Override
  public CompletableFuture<Connection> dial(Multiaddr circuit, PeerId target) {
    Optional<PeerId> relay = Circuits.relayOf(circuit);
    if (relay.isEmpty()) {
      return CompletableFuture.failedFuture(new RelayException.Malformed(circuit
          + " names no relay (expected …/p2p/<relay>/p2p-circuit)", null));
    }
    if (!isRelay(relay.get())) {
      host.addAddress(Circuits.relayAddress(circuit));
    }
    return host.connection(relay.get())
        .thenCompose(c -> hop.connect(c, circuit, target));
  }

  /**
   * Asks every relay we are connected to for a fresh reservation now.
   */
  public void refreshAll() {
    List<PeerId> relays;
    synchronized (this) {
      relays = List.copyOf(slots.keySet());
    }
    relays.forEach(this::reserve);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      slots.values().forEach(Slot::cancel);
    }
    timer.shutdownNow();
  }

  // ------------------------------------------------------------------ reservations

  private void reserve(PeerId relay) {
    synchronized (this) {
      Slot slot = slots.get(relay);
      if (closed || slot == null || slot.reserving) {
        return;
      }
      slot.reserving = true;
    }
    hop.reserve(relay).whenComplete((r, e) -> {
      synchronized (this) {
        Slot slot = slots.get(relay);
        if (closed || slot == null) {
          return;
        }
        slot.reserving = false;
        if (e != null) {
          slot.reservation = null;
          String why = HopClient.unwrap(e).getMessage();
          slot.lastError = "reservation on relay " + relay + " failed: " + why;
          LOG.log(System.Logger.Level.WARNING, slot.lastError + "; retrying in "
              + slot.retry.toMillis() + " ms");
          schedule(slot, relay, slot.retry);
          slot.retry = min(slot.retry.multipliedBy(2), RETRY_MAX);
          return;
        }
        slot.reservation = r;
        slot.lastError = null;
        slot.retry = RETRY_INITIAL;
        Duration left = Duration.between(clock.instant(), r.expires());
        Duration wait = max(Duration.ofMillis((long) (left.toMillis() * REFRESH_SHARE)),
            MIN_REFRESH);
        LOG.log(System.Logger.Level.DEBUG, "reserved a slot on relay " + relay + " until "
            + r.expires() + "; refreshing in " + wait.toMillis() + " ms");
        schedule(slot, relay, wait);
      }
    });
  }

  private void schedule(Slot slot, PeerId relay, Duration wait) {
    slot.cancel();
    try {
      slot.next = timer.schedule(() -> {
        if (host.openConnection(relay).filter(c -> !c.isRelayed()).isPresent()) {
          reserve(relay);
        }
      }, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // closed meanwhile
    }
  }

  private synchronized void failed(PeerId relay, String message) {
    Slot slot = slots.get(relay);
    if (slot != null) {
      slot.lastError = message;
    }
    LOG.log(System.Logger.Level.WARNING, message + " (will keep trying)");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Mutable per-relay bookkeeping, guarded by the client's lock. */
  private static final class Slot {
    final Multiaddr address;
    Reservation reservation;
    String lastError;
    Duration retry = RETRY_INITIAL;
    boolean reserving;
    ScheduledFuture<?> next;

    Slot(Multiaddr address) {
      this.address = address;
    }

    void cancel() {
      if (next != null) {
        next.cancel(false);
        next = null;
      }
    }
  }

  private final class Events implements ConnectionListener {
    @Override
    public void connected(Connection c) {
      if (c.isRelayed()) {
        Circuits.relayOf(c.remoteAddress()).ifPresent(r -> {
          synchronized (RelayClient.this) {
            relayed.merge(r, 1, Integer::sum);
          }
        });
      } else if (isRelay(c.remotePeer())) {
        reserve(c.remotePeer());
      }
    }

    @Override
    public void disconnected(Connection c) {
      if (c.isRelayed()) {
        Circuits.relayOf(c.remoteAddress()).ifPresent(r -> {
          synchronized (RelayClient.this) {
            relayed.computeIfPresent(r, (k, n) -> n <= 1 ? null : n - 1);
          }
        });
        return;
      }
      synchronized (RelayClient.this) {
        Slot slot = slots.get(c.remotePeer());
        if (slot != null && host.openConnection(c.remotePeer()).isEmpty()) {
          slot.reservation = null;
          slot.cancel();
          slot.lastError = "connection to relay " + c.remotePeer() + " lost; redialling";
          LOG.log(System.Logger.Level.INFO, slot.lastError);
        }
      }
    }
  }
}
