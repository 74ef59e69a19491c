package io.parsigex.node.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.cluster.ClusterException;
import io.parsigex.cluster.ClusterLock;
import io.parsigex.cluster.ClusterLockLoader;
import io.parsigex.core.peerinfo.LocalPeerInfo;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.node.config.ParsigexProperties;
import io.parsigex.node.config.PeerInfoProperties;
import io.parsigex.node.metrics.ClusterLabels;
import io.parsigex.node.metrics.MetricLabels;
import io.parsigex.node.metrics.PeerLabels;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the metrics are labelled. From a lock, as Charon: its constant labels on every series
 * (Micrometer common tags, set when the registry is created, before any meter) and Charon's peer
 * names in {@code peer} labels. Without a lock (a peer list, the demo): no constant labels, and
 * peer ids in {@code peer} labels.
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
   * @return the labels
   */
  @Bean
  public MetricLabels metricLabels(ClusterSetup setup, ParsigexProperties props,
      PeerInfoProperties peerInfo) {
    if (setup.isDemo() || props.cluster().lockFile() == null) {
      return MetricLabels.withoutLock();
    }
    ClusterLock lock;
    try {
      // verified already when the settings were resolved; read again for its name and hash
      lock = new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
          .load(props.cluster().lockFile());
    } catch (ClusterException e) {
      log.warn("Metrics carry no cluster labels: {}", e.getMessage());
      return MetricLabels.withoutLock();
    }
    PeerId self = PeerId.fromPublicKey(setup.identity().publicKey());
    ClusterLabels cluster = ClusterLabels.of(lock, self, peerInfo.nickname(),
        LocalPeerInfo.DEFAULT_VERSION);
    log.info("Metrics labelled as Charon's: cluster_name={} cluster_hash={} cluster_network={} "
        + "cluster_peer={}", cluster.clusterName(), cluster.clusterHash(),
        cluster.clusterNetwork(), cluster.clusterPeer());
    return new MetricLabels(PeerLabels.ids(), Optional.of(cluster));
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
