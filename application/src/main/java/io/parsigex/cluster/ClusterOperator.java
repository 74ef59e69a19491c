package io.parsigex.cluster;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.cluster.enr.Enr;

/**
 * One member of a locked cluster, in lock order, with its verified node record.
 *
 * @param index 0-based position in the lock (Charon's peer index)
 * @param address the operator's Ethereum address as written in the lock (may be empty)
 * @param enr the operator's verified node record
 * @param configSignature EIP-712 signature of the config hash (empty when unsigned)
 * @param enrSignature EIP-712 signature of the ENR (empty when unsigned)
 */
public record ClusterOperator(int index, String address, Enr enr, Bytes configSignature,
    Bytes enrSignature) {

  /**
   * Validates the index.
   *
   * @param index 0-based
   * @param address text
   * @param enr record
   * @param configSignature bytes
   * @param enrSignature bytes
   */
  public ClusterOperator {
    if (index < 0) {
      throw new IllegalArgumentException("operator index must be >= 0, got " + index);
    }
  }

  /**
   * The share index this operator holds: its index + 1.
   *
   * @return 1-based share index
   */
  public int shareIndex() {
    return index + 1;
  }

  /**
   * The operator node's libp2p peer id (from its ENR key).
   *
   * @return the peer id
   */
  public PeerId peerId() {
    return enr.peerId();
  }
}
