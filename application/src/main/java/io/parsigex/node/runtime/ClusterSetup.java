package io.parsigex.node.runtime;

import io.parsigex.api.ClusterShares;
import io.parsigex.api.ClusterView;
import io.parsigex.api.PubKey;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.members.Validator;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.node.config.InvalidSettingException;
import io.parsigex.node.config.NodeMode;
import io.parsigex.node.config.NodeSettings;
import io.parsigex.node.config.NodeSettingsResolver;
import io.parsigex.node.config.NotConfiguredException;
import io.parsigex.node.config.ParsigexProperties;
import io.parsigex.node.demo.DemoCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What this process runs: one configured cluster member, or the local demo cluster (whose member 0
 * is the node this process serves HTTP for). Immutable.
 *
 * @param identity member 0's identity
 * @param listen member 0's listen addresses
 * @param cluster member 0's view of the cluster
 * @param chain the chain
 * @param demo the demo material when running the demo
 */
public record ClusterSetup(Secp256k1PrivateKey identity, List<Multiaddr> listen,
    ClusterRoster cluster, ChainSpec chain, Optional<DemoCluster> demo) {

  /** Validates and copies. */
  public ClusterSetup {
    Objects.requireNonNull(identity, "identity");
    listen = List.copyOf(listen);
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(demo, "demo");
  }

  /**
   * Resolves the setup from the properties: the demo cluster when {@code parsigex.mode=demo}, a
   * configured member otherwise.
   *
   * @param props the properties
   * @return the setup
   * @throws NotConfiguredException when neither a cluster is configured nor the demo asked for
   * @throws InvalidSettingException when a setting is unusable, or the demo is asked for while a
   *     cluster is configured
   */
  public static ClusterSetup from(ParsigexProperties props) {
    if (props.mode() != NodeMode.DEMO) {
      if (!props.isConfigured()) {
        throw new NotConfiguredException();
      }
      NodeSettings s = NodeSettingsResolver.resolve(props);
      return new ClusterSetup(s.identity(), s.listen(), s.cluster(), s.chain(), Optional.empty());
    }
    if (props.isConfigured()) {
      throw new InvalidSettingException("parsigex.mode", "demo mode runs a generated cluster, "
          + "but identity or cluster settings are set too (parsigex.identity.*, "
          + "parsigex.cluster.*)", "Remove parsigex.mode=demo (and the 'demo' profile) to run "
          + "as the configured member, or remove the identity and cluster settings to run the "
          + "demo.", null);
    }
    ParsigexProperties.Demo d = props.demo();
    DemoCluster demo = DemoCluster.generate(d.nodes(), d.threshold(), d.validators(),
        d.slotDuration());
    return new ClusterSetup(demo.identities().get(0), List.of(demo.addresses().get(0)),
        demo.definition(0), demo.chain(), Optional.of(demo));
  }

  /**
   * The read-only view plugins get: public shares and the share index of each member.
   *
   * @return the view
   */
  public ClusterView pluginView() {
    Map<PubKey, List<PubKey>> shares = new HashMap<>();
    for (Validator v : cluster.validators().values()) {
      shares.put(v.publicKey(), v.publicShares());
    }
    Map<String, Integer> peers = new HashMap<>();
    for (Member m : cluster.members()) {
      peers.put(m.peerId().toString(), m.shareIndex());
    }
    return new ClusterShares(shares, peers);
  }

  /**
   * Whether this is the demo.
   *
   * @return true in demo mode
   */
  public boolean isDemo() {
    return demo.isPresent();
  }
}
