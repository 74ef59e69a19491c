package io.parsigex.core.members;

import io.parsigex.api.PubKey;
import io.parsigex.libp2p.peer.PeerId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster as this node sees it: the members in cluster order, which one is this node, and the
 * distributed validators with their public shares. Immutable.
 *
 * @param members every member, in cluster order (share index = position + 1)
 * @param self this node's peer id
 * @param validators the validators by group public key
 */
public record ClusterRoster(List<Member> members, PeerId self, Map<PubKey, Validator> validators) {

  /** Validates and copies. */
  public ClusterRoster {
    members = List.copyOf(members);
    Objects.requireNonNull(self, "self");
    validators = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(validators));
    Set<PeerId> seen = new HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (!seen.add(m.peerId())) {
        throw new IllegalArgumentException("peer " + m.peerId() + " is listed twice");
      }
      if (m.shareIndex() != i + 1) {
        throw new IllegalArgumentException("member " + i + " (" + m.peerId()
            + ") must hold share index " + (i + 1) + ", not " + m.shareIndex());
      }
    }
    if (!seen.contains(self)) {
      throw new IllegalArgumentException("this node (" + self + ") is not one of the "
          + members.size() + " cluster members");
    }
    for (Validator v : validators.values()) {
      if (v.publicShares().size() != members.size()) {
        throw new IllegalArgumentException("validator " + v.publicKey() + " has "
            + v.publicShares().size() + " public shares for " + members.size() + " members");
      }
    }
  }

  /**
   * The member with a peer id.
   *
   * @param peerId the peer
   * @return the member, or empty for a peer outside the cluster
   */
  public Optional<Member> member(PeerId peerId) {
    return members.stream().filter(m -> m.peerId().equals(peerId)).findFirst();
  }

  /**
   * This node's member entry.
   *
   * @return self
   */
  public Member selfMember() {
    return member(self).orElseThrow();
  }

  /**
   * Every member but this node.
   *
   * @return the other members in cluster order
   */
  public List<Member> others() {
    return members.stream().filter(m -> !m.peerId().equals(self)).toList();
  }
}
