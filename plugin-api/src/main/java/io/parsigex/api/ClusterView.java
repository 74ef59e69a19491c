package io.parsigex.api;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The read-only view of the cluster a plugin gets from the node: which peer holds which share index,
 * and the public share of each validator for each share index. Implementations are immutable and
 * thread-safe; see {@link ClusterShares} for the value the node hands out.
 */
public interface ClusterView {

  /**
   * The public share that signs for share index {@code shareIndex} of a validator.
   *
   * @param validator the validator (group) public key
   * @param shareIndex the 1-based share index
   * @return the public share, or empty when the validator is not in the cluster or has no such share
   */
  Optional<PubKey> publicShare(PubKey validator, int shareIndex);

  /**
   * The share index the cluster assigns to a peer.
   *
   * @param peerId the libp2p peer id ({@code 16Uiu2…})
   * @return the 1-based share index, or empty for a peer outside the cluster
   */
  OptionalInt shareIndexOf(String peerId);

  /**
   * Number of cluster members (and of shares per validator).
   *
   * @return at least 0
   */
  int members();
}
