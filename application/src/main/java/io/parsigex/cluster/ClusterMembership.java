package io.parsigex.cluster;

import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.api.PubKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's place in a locked cluster: which operator it is, its share index, its peers, and
 * each validator's public shares. Everything a node needs to join, derived from the lock and the
 * node's key alone.
 *
 * @param lock the cluster lock
 * @param self this node's operator entry
 */
public record ClusterMembership(ClusterLock lock, ClusterOperator self) {

  /**
   * Validates that {@code self} is a member of {@code lock}.
   *
   * @param lock lock
   * @param self member
   */
  public ClusterMembership {
    if (!lock.operators().contains(self)) {
      throw new IllegalArgumentException("operator " + self.index() + " is not in the lock");
    }
  }

  /**
   * Finds the operator whose ENR carries this node's key.
   *
   * @param lock the lock
   * @param key this node's identity key
   * @return the membership
   * @throws ClusterException.NotAMember when no operator has this key
   */
  public static ClusterMembership resolve(ClusterLock lock, NodeKey key)
      throws ClusterException.NotAMember {
    for (ClusterOperator o : lock.operators()) {
      if (o.enr().publicKey().equals(key.publicKey())) {
        return new ClusterMembership(lock, o);
      }
    }
    throw new ClusterException.NotAMember(key.peerId(), lock.peerIds());
  }

  /**
   * This node's share index (operator index + 1).
   *
   * @return 1-based share index
   */
  public int shareIndex() {
    return self.shareIndex();
  }

  /**
   * This node's peer id.
   *
   * @return the peer id
   */
  public PeerId peerId() {
    return self.peerId();
  }

  /**
   * Every member, this node included, in lock order.
   *
   * @return the operators
   */
  public List<ClusterOperator> members() {
    return lock.operators();
  }

  /**
   * The other members.
   *
   * @return the operators except this node
   */
  public List<ClusterOperator> peers() {
    return lock.operators().stream().filter(o -> o.index() != self.index()).toList();
  }

  /**
   * Each validator's public shares by share index, as the receive path verifies partial
   * signatures against them.
   *
   * @return validator key → (share index → public share), in lock order
   */
  public Map<PubKey, Map<Integer, PubKey>> publicSharesByValidator() {
    Map<PubKey, Map<Integer, PubKey>> out = new LinkedHashMap<>();
    for (DistributedValidator dv : lock.validators()) {
      Map<Integer, PubKey> shares = new LinkedHashMap<>();
      for (int i = 0; i < dv.publicShares().size(); i++) {
        shares.put(i + 1, dv.publicShares().get(i));
      }
      out.put(dv.publicKey(), java.util.Collections.unmodifiableMap(shares));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * This node's own public share of each validator.
   *
   * @return validator key → this node's public share, in lock order
   */
  public Map<PubKey, PubKey> ownPublicShares() {
    Map<PubKey, PubKey> out = new LinkedHashMap<>();
    for (DistributedValidator dv : lock.validators()) {
      out.put(dv.publicKey(), dv.publicShare(shareIndex()));
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
