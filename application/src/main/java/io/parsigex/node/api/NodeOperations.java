package io.parsigex.node.api;

import io.parsigex.api.CodecException;
import io.parsigex.api.Duty;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.codec.CodecRegistry;
import java.util.concurrent.CompletableFuture;

/** What the REST API needs from the running node. */
public interface NodeOperations {

  /**
   * The node's identity and its view of the cluster.
   *
   * @return a snapshot
   */
  NodeInfo info();

  /**
   * How this node reaches each other member now (direct, relayed, none) and its send latencies
   * to it.
   *
   * @return one entry per other member, in cluster order
   */
  default java.util.List<PeerLink> links() {
    return java.util.List.of();
  }

  /**
   * The codecs in force (built-in and plugin).
   *
   * @return the registry
   */
  CodecRegistry codecs();

  /**
   * Broadcasts this node's partial signatures to every other member.
   *
   * @param duty the duty
   * @param set the partial signatures
   * @return one outcome per peer
   * @throws CodecException when a payload cannot be encoded
   */
  CompletableFuture<BroadcastResult> broadcast(Duty duty, ParSignedDataSet set)
      throws CodecException;
}
