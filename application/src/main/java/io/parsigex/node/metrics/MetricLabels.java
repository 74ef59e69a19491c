package io.parsigex.node.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * How the node's metrics are labelled: the {@code peer} label values, and the cluster's constant
 * labels when the node runs from a lock (Micrometer common tags, applied to the registry when it is
 * created). Immutable.
 *
 * @param peers the {@code peer} label values
 * @param cluster the lock's labels; empty without a lock
 */
public record MetricLabels(PeerLabels peers, Optional<ClusterLabels> cluster) {

  /** Validates. */
  public MetricLabels {
    Objects.requireNonNull(peers, "peers");
    Objects.requireNonNull(cluster, "cluster");
  }

  /**
   * Labels without a lock: peer ids, no constant labels.
   *
   * @return the labels
   */
  public static MetricLabels withoutLock() {
    return new MetricLabels(PeerLabels.ids(), Optional.empty());
  }
}
