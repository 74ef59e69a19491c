package io.parsigex.node.config;

import io.parsigex.api.PubKey;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.members.Validator;
import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.KeyFile;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multiaddr.MultiaddrException;
import io.parsigex.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code parsigex.*} properties into {@link NodeSettings}, refusing anything unusable with an
 * {@link InvalidSettingException} that names the property.
 */
public final class NodeSettingsResolver {

  /** Listen address used when none is configured. */
  public static final String DEFAULT_LISTEN = "/ip4/0.0.0.0/tcp/3610";

  private NodeSettingsResolver() {}

  /**
   * Resolves and validates.
   *
   * @param props the bound properties
   * @return the settings
   * @throws InvalidSettingException naming the first bad property
   */
  public static NodeSettings resolve(ParsigexProperties props) {
    Secp256k1PrivateKey key = identity(props.identity());
    PeerId self = PeerId.fromPublicKey(key.publicKey());
    List<Multiaddr> listen = listen(props.p2p().listen());
    if (props.cluster().lockFile() != null) {
      return LockSettings.resolve(props, key, listen);
    }
    List<Member> members = members(props.cluster().peers());
    Map<PubKey, Validator> validators = validators(props.cluster().validators());
    try {
      ClusterRoster def = new ClusterRoster(members, self, validators);
      return new NodeSettings(key, listen, def, ChainSettings.resolve(props.chain(), "mainnet"));
    } catch (IllegalArgumentException e) {
      String prop = e.getMessage().contains("public shares") ? "parsigex.cluster.validators"
          : "parsigex.cluster.peers";
      throw new InvalidSettingException(prop, e.getMessage(), e);
    }
  }

  static Secp256k1PrivateKey identity(ParsigexProperties.Identity identity) {
    if (identity.keyFile() == null) {
      throw new InvalidSettingException("parsigex.identity.key-file",
          "no key file set; point it at a file holding the node's secp256k1 private key "
              + "(64 hex characters, Charon's charon-enr-private-key)", null);
    }
    try {
      return KeyFile.load(identity.keyFile());
    } catch (KeyException e) {
      throw new InvalidSettingException("parsigex.identity.key-file",
          "cannot use " + identity.keyFile() + ": " + e.getMessage(), e);
    }
  }

  static List<Multiaddr> listen(List<String> texts) {
    List<String> list = texts.isEmpty() ? List.of(DEFAULT_LISTEN) : texts;
    List<Multiaddr> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        Multiaddr m = Multiaddr.parse(list.get(i));
        if (m.tcpEndpoint().isEmpty()) {
          throw new InvalidSettingException("parsigex.p2p.listen[" + i + "]",
              "'" + list.get(i) + "' is not a TCP address such as /ip4/127.0.0.1/tcp/3610", null);
        }
        out.add(m);
      } catch (MultiaddrException e) {
        throw new InvalidSettingException("parsigex.p2p.listen[" + i + "]", e.getMessage(), e);
      }
    }
    return out;
  }

  static List<Member> members(List<String> peers) {
    return members(peers, false);
  }

  static List<Member> members(List<String> peers, boolean mayBeEmpty) {
    if (peers.isEmpty() && !mayBeEmpty) {
      throw new InvalidSettingException("parsigex.cluster.peers",
          "no cluster members; list every member as a multiaddr ending in /p2p/<peer id>, this "
              + "node included, or set parsigex.cluster.lock-file", null);
    }
    List<Member> out = new ArrayList<>();
    Map<PeerId, Integer> seen = new HashMap<>();
    for (int i = 0; i < peers.size(); i++) {
      String prop = "parsigex.cluster.peers[" + i + "]";
      Multiaddr m;
      try {
        m = Multiaddr.parse(peers.get(i).strip());
      } catch (MultiaddrException e) {
        throw new InvalidSettingException(prop, e.getMessage(), e);
      }
      String text = peers.get(i);
      PeerId id = m.peerId().orElseThrow(() -> new InvalidSettingException(prop,
          "'" + text + "' does not end in /p2p/<peer id>", null));
      Integer before = seen.putIfAbsent(id, i);
      if (before != null) {
        throw new InvalidSettingException(prop, "peer " + id + " is listed twice (also at index "
            + before + ")", null);
      }
      Multiaddr addr = m.withoutPeerId();
      // a bare /p2p/<id> has no address: such a member is reached through relays
      out.add(new Member(id, i + 1, m.components().size() == 1 ? List.of() : List.of(addr)));
    }
    return out;
  }

  static Map<PubKey, Validator> validators(List<ParsigexProperties.ValidatorShares> list) {
    Map<PubKey, Validator> out = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      ParsigexProperties.ValidatorShares v = list.get(i);
      String prop = "parsigex.cluster.validators[" + i + "]";
      PubKey key = pubKey(prop + ".public-key", v.publicKey());
      List<PubKey> shares = new ArrayList<>();
      for (int j = 0; j < v.publicShares().size(); j++) {
        shares.add(pubKey(prop + ".public-shares[" + j + "]", v.publicShares().get(j)));
      }
      if (shares.isEmpty()) {
        throw new InvalidSettingException(prop + ".public-shares", "no public shares listed", null);
      }
      if (out.put(key, new Validator(key, shares)) != null) {
        throw new InvalidSettingException(prop + ".public-key", "validator " + key
            + " is listed twice", null);
      }
    }
    return out;
  }

  private static PubKey pubKey(String prop, String text) {
    try {
      return PubKey.parseLenient(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(prop, e.getMessage(), e);
    }
  }
}
