package io.parsigex.libp2p.relay;

import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Routes cluster peers through relays as Charon does: for each pair of peers only the one with the
 * smaller peer id (compared as raw multihash bytes, Go's string order) adds relayed addresses next
 * to the direct ones and keeps dialling; the other waits for the relayed connection. Every
 * {@link #ROUTE_INTERVAL} the routes are renewed (relays may have changed) and a peer reached only
 * through a relay is dialled on its direct address, so that a working direct connection is
 * preferred (the newest connection carries new streams).
 */
public final class RelayRouter implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RelayRouter.class.getName());
  /** How often routes are renewed and direct connections retried. */
  public static final Duration ROUTE_INTERVAL = Duration.ofSeconds(30);

  private final Host host;
  private final RelayClient relays;
  private final Map<PeerId, List<Multiaddr>> peers;
  private final ScheduledExecutorService timer;

  private final Duration interval;

  private RelayRouter(Host host, RelayClient relays, Map<PeerId, List<Multiaddr>> peers,
      Duration interval) {
    this.interval = interval;
    this.host = host;
    this.relays = relays;
    this.peers = Map.copyOf(peers);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "relay-router-" + host.peerId().toString().substring(0, 12));
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts routing.
   *
   * @param host our host
   * @param relays the relay client
   * @param peers the cluster peers (other than us) with their direct addresses (may be empty)
   * @return the router
   */
  public static RelayRouter start(Host host, RelayClient relays,
      Map<PeerId, List<Multiaddr>> peers) {
    return start(host, relays, peers, ROUTE_INTERVAL);
  }

  static RelayRouter start(Host host, RelayClient relays, Map<PeerId, List<Multiaddr>> peers,
      Duration interval) {
    RelayRouter router = new RelayRouter(host, relays, peers, interval);
    router.route();
    router.timer.scheduleWithFixedDelay(router::tick, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return router;
  }

  /**
   * Charon's rule: whether {@code self} dials {@code remote} through relays.
   *
   * @param self our id
   * @param remote the peer
   * @return true when our id is the smaller one
   */
  public static boolean shouldDial(PeerId self, PeerId remote) {
    return Arrays.compareUnsigned(self.multihash(), remote.multihash()) < 0;
  }

  /** Sets the relayed addresses of the peers we dial and starts dialling them. */
  public void route() {
    List<Multiaddr> circuits = relays.circuits();
    for (PeerId p : peers.keySet()) {
      if (p.equals(host.peerId()) || !shouldDial(host.peerId(), p)) {
        continue;
      }
      host.setRelayAddresses(p, circuits);
      if (!circuits.isEmpty() || !peers.get(p).isEmpty()) {
        host.keepConnected(p).exceptionally(e -> {
          LOG.log(System.Logger.Level.DEBUG, "cannot reach " + p + " yet: " + e.getMessage());
          return null;
        });
      }
    }
  }

  private void tick() {
    try {
      route();
      for (Map.Entry<PeerId, List<Multiaddr>> e : peers.entrySet()) {
        Optional<Connection> open = host.openConnection(e.getKey());
        if (open.isPresent() && open.get().isRelayed() && !e.getValue().isEmpty()) {
          host.dial(e.getValue().get(0).withPeerId(e.getKey())).exceptionally(err -> null);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "relay routing failed: " + e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
