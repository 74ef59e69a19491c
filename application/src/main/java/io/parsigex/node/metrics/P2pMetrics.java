package io.parsigex.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.host.Direction;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.StreamTraffic;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.ping.PingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Charon's p2p metrics ({@code p2p/metrics.go}, {@code p2p/p2p.go}, {@code p2p/ping.go}) for one
 * host: {@code p2p_ping_latency_secs}, {@code p2p_ping_error_total}, {@code p2p_ping_success},
 * {@code p2p_peer_connection_total}, {@code p2p_peer_connection_types},
 * {@code p2p_relay_connection_types}, {@code p2p_peer_streams},
 * {@code p2p_peer_network_receive_bytes_total}, {@code p2p_peer_network_sent_bytes_total} and
 * {@code p2p_reachability_status}. Connection and stream gauges read the host when scraped;
 * {@link #refresh()} registers the series of peers and protocols seen since the last refresh.
 */
final class P2pMetrics implements PingListener {

  /** Prometheus's default buckets, which Charon's ping histogram uses. */
  static final double[] PING_BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};
  /** Our only transport (relayed connections run over TCP too), Charon's {@code protocolTCP}. */
  static final String TCP = "tcp";
  static final String DIRECT = "direct";
  static final String RELAY = "relay";

  private final MeterRegistry registry;
  private final Host host;
  private final Set<PeerId> members;
  private final PeerLabels labels;
  private final PeerGauges pingSuccess;
  private final Map<PeerId, Counter> connectionTotals = new ConcurrentHashMap<>();
  private final Set<Object> registered = ConcurrentHashMap.newKeySet();

  P2pMetrics(MeterRegistry registry, Host host, List<PeerId> others, PeerLabels labels) {
    this.registry = registry;
    this.host = host;
    this.members = Set.copyOf(others);
    this.labels = labels;
    this.pingSuccess = PeerGauges.of(registry, "p2p.ping.success", "Whether the last ping was "
        + "successful (1) or not (0). Can be used as proxy for connected peers");
    for (PeerId p : others) {
      String peer = labels.of(p);
      connectionTotals.put(p, Counter.builder("p2p.peer.connection")
          .description("Total number of libp2p connections per peer.").tag("peer", peer)
          .register(registry));
      for (String type : List.of(DIRECT, RELAY)) {
        connectionTypes("p2p.peer.connection.types", p, type);
      }
    }
    Gauge.builder("p2p.reachability.status", () -> 0)
        .description("Current libp2p reachability status of this node as detected by autonat: "
            + "unknown(0), public(1) or private(2). This node runs no autonat: always 0.")
        .register(registry);
    host.addConnectionListener(new ConnectionListener() {
      @Override
      public void connected(Connection c) {
        Counter total = connectionTotals.get(c.remotePeer());
        if (total != null) {
          total.increment();
        }
      }
    });
  }

  private void connectionTypes(String name, PeerId peer, String type) {
    boolean relayed = RELAY.equals(type);
    Gauge.builder(name, host, h -> h.connections().stream()
            .filter(c -> c.remotePeer().equals(peer) && c.isRelayed() == relayed).count())
        .description("Current number of libp2p connections by peer, type (`direct` or `relay`), "
            + "and protocol (`tcp`, `quic`). Note that peers may have multiple connections.")
        .tag("peer", labels.of(peer)).tag("type", type).tag("protocol", TCP).register(registry);
  }

  /** Registers the series of relays, streams and traffic that appeared since the last call. */
  void refresh() {
    for (Connection c : host.connections()) {
      PeerId p = c.remotePeer();
      if (!members.contains(p) && registered.add(List.of("relay", p))) {
        connectionTypes("p2p.relay.connection.types", p, DIRECT);
        connectionTypes("p2p.relay.connection.types", p, RELAY);
      }
    }
    for (StreamTraffic.Counters t : host.traffic().all()) {
      if (!registered.add(t)) {
        continue;
      }
      String peer = labels.of(t.peer());
      for (Direction d : Direction.values()) {
        Gauge.builder("p2p.peer.streams", t, x -> x.openStreams(d))
            .description("Current number of libp2p streams by peer, direction ('inbound' or "
                + "'outbound' or 'unknown'), protocol and transport.")
            .tag("peer", peer).tag("direction", direction(d)).tag("protocol", t.protocol())
            .tag("transport", TCP).register(registry);
      }
      if (!members.contains(t.peer())) {
        continue; // Charon does not count relays' bytes
      }
      FunctionCounter.builder("p2p.peer.network.receive.bytes", t,
              StreamTraffic.Counters::receivedBytes)
          .description("Total number of network bytes received from the peer by protocol and "
              + "transport.")
          .tag("peer", peer).tag("protocol", t.protocol()).tag("transport", TCP)
          .register(registry);
      FunctionCounter.builder("p2p.peer.network.sent.bytes", t,
              StreamTraffic.Counters::sentBytes)
          .description("Total number of network bytes sent to the peer by protocol and "
              + "transport.")
          .tag("peer", peer).tag("protocol", t.protocol()).tag("transport", TCP)
          .register(registry);
    }
  }

  /** go-libp2p's {@code network.Direction.String()}, which Charon's label carries. */
  static String direction(Direction d) {
    return d == Direction.INBOUND ? "Inbound" : "Outbound";
  }

  @Override
  public void answered(PeerId peer, Duration rtt) {
    String name = labels.of(peer);
    DistributionSummary.builder("p2p.ping.latency.secs")
        .description("Ping latencies in seconds per peer").tag("peer", name)
        .serviceLevelObjectives(PING_BUCKETS).register(registry)
        .record(rtt.toNanos() / 1e9);
    pingSuccess.set(name, 1);
  }

  @Override
  public void failed(PeerId peer, Throwable cause) {
    String name = labels.of(peer);
    Counter.builder("p2p.ping.error").description("Total number of ping errors per peer")
        .tag("peer", name).register(registry).increment();
    pingSuccess.set(name, 0);
  }
}
