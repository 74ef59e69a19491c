package io.parsigex.node.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.cluster.ClusterException;
import io.parsigex.cluster.ClusterLock;
import io.parsigex.cluster.ClusterLockLoader;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.peerinfo.LocalPeerInfo;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.node.config.InvalidSettingException;
import io.parsigex.node.config.MetricsProperties;
import io.parsigex.node.config.ParsigexProperties;
import io.parsigex.node.config.PeerInfoProperties;
import io.parsigex.node.metrics.ClusterLabels;
import io.parsigex.node.metrics.MetricLabels;
import io.parsigex.node.metrics.PeerLabels;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the metrics are labelled. From a lock, as Charon: its constant labels on every series
 * (Micrometer common tags, set when the registry is created, before any meter). Without a lock (a
 * peer list, the demo): no constant labels. Either way, {@code peer} labels carry the names the
 * operator gave ({@code parsigex.metrics.peer-names}), and the peer id of a peer without one.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MetricsConfiguration.class);

  /**
   * The labels of this node's metrics.
   *
   * @param setup what runs
   * @param props the settings (the lock file)
   * @param peerInfo the nickname
   * @param metrics the peer names
   * @return the labels
   * @throws InvalidSettingException when a named peer is not a member of the cluster
   */
  @Bean
  public MetricLabels metricLabels(ClusterSetup setup, ParsigexProperties props,
      PeerInfoProperties peerInfo, MetricsProperties metrics) {
    PeerLabels peers = peerLabels(setup.cluster(), metrics);
    if (setup.isDemo() || props.cluster().lockFile() == null) {
      return new MetricLabels(peers, Optional.empty());
    }
    ClusterLock lock;
    try {
      // verified already when the settings were resolved; read again for its name and hash
      lock = new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
          .load(props.cluster().lockFile());
    } catch (ClusterException e) {
      log.warn("Metrics carry no cluster labels: {}", e.getMessage());
      return new MetricLabels(peers, Optional.empty());
    }
    PeerId self = PeerId.fromPublicKey(setup.identity().publicKey());
    ClusterLabels cluster = ClusterLabels.of(lock, peers.of(self), peerInfo.nickname(),
        LocalPeerInfo.DEFAULT_VERSION);
    log.info("Metrics labelled as Charon's: cluster_name={} cluster_hash={} cluster_network={} "
        + "cluster_peer={}", cluster.clusterName(), cluster.clusterHash(),
        cluster.clusterNetwork(), cluster.clusterPeer());
    return new MetricLabels(peers, Optional.of(cluster));
  }

  /**
   * The {@code peer} label values: the operator's names, each checked to be a cluster member.
   *
   * @param cluster the cluster
   * @param metrics the names
   * @return the labels
   * @throws InvalidSettingException when a named peer is not a member
   */
  static PeerLabels peerLabels(ClusterRoster cluster, MetricsProperties metrics) {
    Map<PeerId, String> names = metrics.names();
    for (PeerId named : names.keySet()) {
      if (cluster.member(named).isEmpty()) {
        throw new InvalidSettingException(MetricsProperties.PEER_NAMES, "peer " + named
            + " is not a member of this cluster; its members are " + cluster.members().stream()
            .map(m -> m.peerId().toString()).toList(), null);
      }
    }
    if (!names.isEmpty()) {
      log.info("Metrics label {} of {} peers by the names in {}", names.size(),
          cluster.members().size(), MetricsProperties.PEER_NAMES);
    }
    return PeerLabels.named(names);
  }

  /**
   * Puts the cluster's constant labels on every meter of every registry.
   *
   * @param labels the labels
   * @return the customizer
   */
  @Bean
  public MeterRegistryCustomizer<MeterRegistry> clusterCommonTags(MetricLabels labels) {
    return registry -> labels.cluster().ifPresent(c -> registry.config().commonTags(c.tags()));
  }
}
