package io.parsigex.cluster;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.libp2p.peer.PeerId;
import java.util.List;
import java.util.Map;

/**
 * A Charon cluster lock ({@code cluster-lock.json}): the definition, the distributed validators with
 * their public shares, and the hashes and signatures that bind them. Obtain one from
 * {@link ClusterLockLoader}; resolve this node's place in it with {@link ClusterMembership}.
 *
 * @param definition the cluster definition
 * @param operators the members in lock order, each with its verified ENR (operator i holds share
 *     index i + 1)
 * @param validators the distributed validators, in lock order
 * @param lockHash the stored lock hash
 * @param signatureAggregate BLS aggregate of the lock hash by every public share (may be empty
 *     in v1.0/v1.1)
 * @param nodeSignatures each operator's secp256k1 signature of the lock hash (v1.7+)
 */
public record ClusterLock(ClusterDefinition definition, List<ClusterOperator> operators,
    List<DistributedValidator> validators,
    Bytes lockHash, Bytes signatureAggregate, List<Bytes> nodeSignatures) {

  private static final Map<String, String> PRESET_BY_FORK_VERSION = Map.of(
      "0x00000000", "mainnet",
      "0x90000069", "sepolia",
      "0x10000910", "hoodi",
      "0x00000064", "gnosis",
      "0x0000006f", "chiado");
  /** The preset name for a fork version not in the built-in table. */
  public static final String CUSTOM_PRESET = "custom";

  /**
   * Copies the lists.
   *
   * @param definition d
   * @param operators o
   * @param validators v
   * @param lockHash h
   * @param signatureAggregate s
   * @param nodeSignatures n
   */
  public ClusterLock {
    operators = List.copyOf(operators);
    if (operators.size() != definition.operators().size()) {
      throw new IllegalArgumentException("a lock needs one member per definition operator");
    }
    for (ClusterOperator o : operators) {
      if (!o.enr().text().equals(definition.operators().get(o.index()).enr())) {
        throw new IllegalArgumentException("member " + o.index() + " does not match its operator");
      }
    }
    validators = List.copyOf(validators);
    nodeSignatures = List.copyOf(nodeSignatures);
  }

  /**
   * The lock version.
   *
   * @return the version
   */
  public LockVersion version() {
    return definition.version();
  }

  /**
   * The operators' peer ids in lock order.
   *
   * @return the peer ids
   */
  public List<PeerId> peerIds() {
    return operators().stream().map(ClusterOperator::peerId).toList();
  }

  /**
   * Signatures needed to reconstruct a group signature.
   *
   * @return the threshold
   */
  public int threshold() {
    return Math.toIntExact(definition.threshold());
  }

  /**
   * The chain preset the lock's fork version names: {@code mainnet}, {@code sepolia},
   * {@code hoodi}, {@code gnosis}, {@code chiado}, or {@code custom} for anything else.
   *
   * @return the preset name
   */
  public String chainPreset() {
    return PRESET_BY_FORK_VERSION.getOrDefault(definition.forkVersion().to0xHex(), CUSTOM_PRESET);
  }
}
