package io.parsigex.node.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.core.members.Member;
import io.parsigex.core.node.ParSigExNode;
import io.parsigex.core.peerinfo.LocalPeerInfo;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.ping.PingSchedule;
import io.parsigex.libp2p.ping.PingService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charon's metrics for one running node: the start-up gauges ({@code app_version},
 * {@code app_git_commit}, {@code app_start_time_secs}, {@code app_peer_name} and, from a lock,
 * {@code cluster_threshold}, {@code cluster_operators}, {@code cluster_validators},
 * {@code cluster_network}), the p2p metrics fed by a ping service that pings every member as
 * Charon's does ({@link P2pMetrics}), and the {@code app_peerinfo_*} gauges
 * ({@link PeerInfoMetrics}), refreshed every {@link #REFRESH_INTERVAL}. Also ours:
 * {@code parsigex_peer{peer,peer_id}} = 1, which maps each member's {@code peer} label to its id.
 */
public final class CharonMetrics implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CharonMetrics.class);
  /**
   * How often new series (relays, protocols) and the peerinfo answers are picked up; Charon's
   * connection gauges tick every 30 s, its peerinfo answers come once a minute.
   */
  public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);

  private final P2pMetrics p2p;
  private final PeerInfoMetrics peerInfo;
  private final PingService ping;
  private final ScheduledExecutorService refresher;

  private CharonMetrics(P2pMetrics p2p, PeerInfoMetrics peerInfo, PingService ping,
      ScheduledExecutorService refresher) {
    this.p2p = p2p;
    this.peerInfo = peerInfo;
    this.ping = ping;
    this.refresher = refresher;
  }

  /**
   * Registers the metrics of a started node and starts its ping service and refresher.
   *
   * @param registry the registry
   * @param labels the labels
   * @param node the node
   * @param schedule when to ping
   * @return the running metrics; close them before the node
   */
  public static CharonMetrics start(MeterRegistry registry, MetricLabels labels,
      ParSigExNode node, PingSchedule schedule) {
    PeerId self = node.host().peerId();
    List<PeerId> members = node.cluster().members().stream().map(Member::peerId).toList();
    List<PeerId> others = node.cluster().others().stream().map(Member::peerId).toList();
    PeerLabels peers = labels.peers();
    startupGauges(registry, peers.of(self), labels.cluster(), node.peerInfo().local());
    for (PeerId p : members) {
      Gauge.builder("parsigex.peer", () -> 1)
          .description("1 for each cluster member: maps its peer label to its peer id")
          .tag("peer", peers.of(p)).tag("peer_id", p.toString()).register(registry);
    }
    P2pMetrics p2p = new P2pMetrics(registry, node.host(), others, peers);
    PeerInfoMetrics peerInfo = new PeerInfoMetrics(registry, node.peerInfo(), self, members,
        peers);
    PingService ping = PingService.start(node.host(), others, p2p, schedule);
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "charon-metrics");
      t.setDaemon(true);
      return t;
    });
    CharonMetrics m = new CharonMetrics(p2p, peerInfo, ping, refresher);
    refresher.scheduleWithFixedDelay(m::refreshQuietly, 0, REFRESH_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    return m;
  }

  private static void startupGauges(MeterRegistry registry, String selfLabel,
      Optional<ClusterLabels> cluster, LocalPeerInfo local) {
    Gauge.builder("app.version", () -> 1).tag("version", local.version())
        .description("Constant gauge with label set to current app version").register(registry);
    Gauge.builder("app.git.commit", () -> 1).tag("git_hash", local.gitHash())
        .description("Constant gauge with label set to current git commit hash")
        .register(registry);
    long started = local.startedAt().getEpochSecond();
    Gauge.builder("app.start.time.secs", () -> started)
        .description("Gauge set to the app start time of the binary in unix seconds")
        .register(registry);
    Gauge.builder("app.peer.name", () -> 1).tag("peer_name", selfLabel)
        .description("Constant gauge with label set to the name of the cluster peer")
        .register(registry);
    cluster.ifPresent(c -> {
      Gauge.builder("cluster.threshold", c::threshold)
          .description("Aggregation threshold in the cluster lock").register(registry);
      Gauge.builder("cluster.operators", c::operators)
          .description("Number of operators in the cluster lock").register(registry);
      Gauge.builder("cluster.validators", c::validators)
          .description("Number of validators in the cluster lock").register(registry);
      Gauge.builder("cluster.network", () -> 1).tag("network", c.clusterNetwork())
          .description("Constant gauge with label set to the current network (chain)")
          .register(registry);
    });
  }

  /** Picks up new relays, protocols and peerinfo answers now (the refresher does it too). */
  public void refresh() {
    p2p.refresh();
    peerInfo.refresh();
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("Refreshing the Charon metrics failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    ping.close();
    refresher.shutdownNow();
  }
}
