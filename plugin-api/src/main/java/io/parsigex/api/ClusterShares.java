package io.parsigex.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * An immutable {@link ClusterView}: each validator's public shares in share-index order (the first
 * is share index 1) and each member's peer id with its share index.
 *
 * @param publicShares the shares per validator; every list has {@link #members()} entries
 * @param shareIndexByPeer the 1-based share index of each member's peer id
 */
public record ClusterShares(Map<PubKey, List<PubKey>> publicShares,
    Map<String, Integer> shareIndexByPeer) implements ClusterView {

  /**
   * Validates and copies.
   *
   * @param publicShares the shares per validator; every list has {@link #members()} entries
   * @param shareIndexByPeer the 1-based share index of each member's peer id
   * @throws IllegalArgumentException when a validator's share count differs from the member count
   *     or a share index is out of range or used twice
   */
  public ClusterShares {
    Objects.requireNonNull(publicShares, "publicShares");
    Objects.requireNonNull(shareIndexByPeer, "shareIndexByPeer");
    TreeMap<PubKey, List<PubKey>> shares = new TreeMap<>();
    publicShares.forEach((k, v) -> shares.put(Objects.requireNonNull(k, "validator"), List.copyOf(v)));
    TreeMap<String, Integer> peers = new TreeMap<>(shareIndexByPeer);
    int members = peers.size();
    if (peers.values().stream().distinct().count() != members) {
      throw new IllegalArgumentException("two peers have the same share index: " + peers);
    }
    for (Map.Entry<String, Integer> e : peers.entrySet()) {
      if (e.getValue() < 1 || e.getValue() > members) {
        throw new IllegalArgumentException("peer " + e.getKey() + " has share index " + e.getValue()
            + "; share indices run from 1 to the member count " + members);
      }
    }
    for (Map.Entry<PubKey, List<PubKey>> e : shares.entrySet()) {
      if (e.getValue().size() != members) {
        throw new IllegalArgumentException("validator " + e.getKey() + " has " + e.getValue().size()
            + " public shares but the cluster has " + members + " members");
      }
    }
    publicShares = Collections.unmodifiableMap(shares);
    shareIndexByPeer = Collections.unmodifiableMap(peers);
  }

  /**
   * A cluster with no members and no validators (a node that verifies nothing).
   *
   * @return the empty view
   */
  public static ClusterShares empty() {
    return new ClusterShares(Map.of(), Map.of());
  }

  @Override
  public Optional<PubKey> publicShare(PubKey validator, int shareIndex) {
    List<PubKey> shares = validator == null ? null : publicShares.get(validator);
    if (shares == null || shareIndex < 1 || shareIndex > shares.size()) {
      return Optional.empty();
    }
    return Optional.of(shares.get(shareIndex - 1));
  }

  @Override
  public OptionalInt shareIndexOf(String peerId) {
    Integer index = peerId == null ? null : shareIndexByPeer.get(peerId);
    return index == null ? OptionalInt.empty() : OptionalInt.of(index);
  }

  @Override
  public int members() {
    return shareIndexByPeer.size();
  }
}
