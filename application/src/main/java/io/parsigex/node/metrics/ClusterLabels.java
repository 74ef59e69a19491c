package io.parsigex.node.metrics;

import io.micrometer.core.instrument.Tags;
import io.parsigex.cluster.ClusterLock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The constant labels Charon puts on every metric of a node that runs from a lock
 * ({@code app/app.go}): {@code cluster_hash} (the first 7 hex characters of the lock hash, Charon's
 * {@code Hex7}), {@code cluster_name} (the lock's name), {@code cluster_peer} (this node's
 * {@code peer} label: the operator's name for it, or its peer id; see {@link PeerLabels}),
 * {@code cluster_network} (the network of the lock's fork version, or
 * {@code unknown}), {@code nickname} and {@code charon_version} (our release, the same value our
 * peerinfo sends), with the lock's sizes for Charon's {@code cluster_*} gauges. Immutable.
 *
 * @param clusterHash 7 hex characters
 * @param clusterName the lock's name
 * @param clusterPeer this node's peer label
 * @param clusterNetwork e.g. {@code mainnet}
 * @param nickname the operator's nickname for this node (may be empty)
 * @param version our version, e.g. {@code v0.1.0}
 * @param threshold the lock's threshold
 * @param operators the lock's operators
 * @param validators the lock's validators
 */
public record ClusterLabels(String clusterHash, String clusterName, String clusterPeer,
    String clusterNetwork, String nickname, String version, int threshold, int operators,
    int validators) {

  /** Hex characters of the lock hash in {@code cluster_hash} (Charon's {@code Hex7}). */
  public static final int HASH_CHARACTERS = 7;
  /** Charon's network name of a fork version it does not know. */
  public static final String UNKNOWN_NETWORK = "unknown";
  /** Charon's networks by genesis fork version ({@code eth2util/network.go}). */
  static final Map<String, String> NETWORKS = Map.of(
      "0x00000000", "mainnet",
      "0x00001020", "goerli",
      "0x00000064", "gnosis",
      "0x0000006f", "chiado",
      "0x90000069", "sepolia",
      "0x10000910", "hoodi");

  /** Validates. */
  public ClusterLabels {
    Objects.requireNonNull(clusterHash, "clusterHash");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(clusterPeer, "clusterPeer");
    Objects.requireNonNull(clusterNetwork, "clusterNetwork");
    Objects.requireNonNull(nickname, "nickname");
    Objects.requireNonNull(version, "version");
  }

  /**
   * The labels of a node of a lock.
   *
   * @param lock the lock
   * @param self this node's peer label (its name, or its peer id)
   * @param nickname the operator's nickname for this node
   * @param version our version
   * @return the labels
   */
  public static ClusterLabels of(ClusterLock lock, String self, String nickname,
      String version) {
    String hash = HexFormat.of().formatHex(lock.lockHash().toArray());
    return new ClusterLabels(hash.substring(0, Math.min(HASH_CHARACTERS, hash.length())),
        lock.definition().name(), self,
        NETWORKS.getOrDefault(lock.definition().forkVersion().to0xHex(), UNKNOWN_NETWORK), nickname,
        version, lock.threshold(), lock.operators().size(), lock.validators().size());
  }

  /**
   * The labels as Micrometer common tags.
   *
   * @return {@code cluster_hash}, {@code cluster_name}, {@code cluster_network},
   *     {@code cluster_peer}, {@code nickname}, {@code charon_version}
   */
  public Tags tags() {
    return Tags.of("cluster_hash", clusterHash, "cluster_name", clusterName, "cluster_network",
        clusterNetwork, "cluster_peer", clusterPeer, "nickname", nickname, "charon_version",
        version);
  }
}
