package io.parsigex.node.config;

import io.parsigex.core.members.ClusterRoster;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import java.util.List;
import java.util.Objects;

/**
 * The validated settings of a configured (non-demo) node. Immutable.
 *
 * @param identity this node's secp256k1 key
 * @param listen where to listen
 * @param cluster members and validators
 * @param chain the chain
 */
public record NodeSettings(Secp256k1PrivateKey identity, List<Multiaddr> listen,
    ClusterRoster cluster, ChainSpec chain) {

  /** Validates and copies. */
  public NodeSettings {
    Objects.requireNonNull(identity, "identity");
    listen = List.copyOf(listen);
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(chain, "chain");
  }
}
