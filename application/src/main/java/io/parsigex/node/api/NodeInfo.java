package io.parsigex.node.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code GET /api/v1/node}. Immutable.
 *
 * @param peerId this node's peer id
 * @param shareIndex this node's share index
 * @param listenAddresses where it listens
 * @param peers every other cluster member
 */
public record NodeInfo(
    @JsonProperty("peer_id") String peerId,
    @JsonProperty("share_index") int shareIndex,
    @JsonProperty("listen_addresses") List<String> listenAddresses,
    @JsonProperty("peers") List<Peer> peers) {

  /** Copies. */
  public NodeInfo {
    listenAddresses = List.copyOf(listenAddresses);
    peers = List.copyOf(peers);
  }

  /**
   * One cluster member as seen from this node.
   *
   * @param peerId its peer id
   * @param shareIndex its share index
   * @param connected whether a connection is open now
   * @param addresses its known addresses
   */
  public record Peer(
      @JsonProperty("peer_id") String peerId,
      @JsonProperty("share_index") int shareIndex,
      @JsonProperty("connected") boolean connected,
      @JsonProperty("addresses") List<String> addresses) {
    /** Copies. */
    public Peer {
      addresses = List.copyOf(addresses);
    }
  }
}
