package io.parsigex.node.config;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.ClusterException;
import io.parsigex.cluster.ClusterLock;
import io.parsigex.cluster.ClusterLockLoader;
import io.parsigex.cluster.ClusterMembership;
import io.parsigex.cluster.ClusterOperator;
import io.parsigex.cluster.DistributedValidator;
import io.parsigex.cluster.NodeKey;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.members.Validator;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multiaddr.MultiaddrException;
import io.parsigex.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a Charon cluster from its {@code cluster-lock.json} and the operator's key file: members
 * (peer ids from the operators' ENRs, in operator order), addresses (from
 * {@code parsigex.cluster.peers} entries with the same peer id, else from the ENR), validators and
 * public shares, and the chain from the lock's fork version.
 */
final class LockSettings {

  private static final Logger log = LoggerFactory.getLogger(LockSettings.class);

  private LockSettings() {}

  static NodeSettings resolve(ParsigexProperties props, Secp256k1PrivateKey key,
      List<Multiaddr> listen) {
    ParsigexProperties.Cluster c = props.cluster();
    ClusterLockLoader.Verification level = verification(c.lockVerification());
    if (level != ClusterLockLoader.Verification.FULL) {
      log.warn("parsigex.cluster.lock-verification={}: the lock's {} are NOT checked",
          c.lockVerification(), level == ClusterLockLoader.Verification.NONE
              ? "hashes and signatures" : "signatures");
    }
    ClusterLock lock;
    try {
      lock = new ClusterLockLoader(level).load(c.lockFile());
    } catch (ClusterException e) {
      throw new InvalidSettingException("parsigex.cluster.lock-file",
          c.lockFile() + " is refused: " + e.getMessage(), refusalAction(e), e);
    }
    ClusterMembership membership;
    try {
      membership = ClusterMembership.resolve(lock, new NodeKey(key));
    } catch (ClusterException e) {
      throw new InvalidSettingException("parsigex.identity.key-file", e.getMessage(), e);
    }
    Map<PeerId, Multiaddr> overrides = overrides(c.peers());
    List<Member> members = new ArrayList<>();
    for (ClusterOperator op : lock.operators()) {
      List<Multiaddr> addrs = new ArrayList<>();
      Multiaddr given = overrides.remove(op.peerId());
      if (given != null) {
        addrs.add(given);
      } else {
        for (String text : op.enr().tcpMultiaddrs()) {
          try {
            addrs.add(Multiaddr.parse(text));
          } catch (MultiaddrException e) {
            log.warn("Operator {} ENR address {} is unusable: {}", op.index(), text,
                e.getMessage());
          }
        }
      }
      members.add(new Member(op.peerId(), op.shareIndex(), addrs));
    }
    if (!overrides.isEmpty()) {
      throw new InvalidSettingException("parsigex.cluster.peers", "peers "
          + overrides.keySet() + " are not operators of the lock " + c.lockFile(), null);
    }
    Map<PubKey, Validator> validators = new LinkedHashMap<>();
    for (DistributedValidator dv : lock.validators()) {
      validators.put(dv.publicKey(), new Validator(dv.publicKey(), dv.publicShares()));
    }
    ClusterRoster roster = new ClusterRoster(members, membership.peerId(), validators);
    log.info("Joined cluster from {} (lock {}, {} operators, threshold {}, {} validators) as "
        + "operator {} with share index {}", c.lockFile(), lock.version(), members.size(),
        lock.threshold(), validators.size(), membership.self().index(), membership.shareIndex());
    return new NodeSettings(key, listen, roster,
        ChainSettings.resolve(props.chain(), lock.chainPreset()));
  }

  /**
   * The fix for a refused lock: a failed hash or signature check can be overridden (named
   * property); an unreadable or malformed file cannot.
   */
  static String refusalAction(ClusterException e) {
    if (e instanceof ClusterException.HashMismatch || e instanceof ClusterException.InvalidSignature) {
      return "Use the cluster's own cluster-lock.json. To load this lock anyway, set "
          + "parsigex.cluster.lock-verification=hashes-only (skips the signature checks) or "
          + "parsigex.cluster.lock-verification=none (skips the hash checks too); the node then "
          + "logs a warning.";
    }
    return "Point parsigex.cluster.lock-file at the cluster's cluster-lock.json, the file Charon "
        + "wrote (a complete, unedited copy), and restart.";
  }

  static ClusterLockLoader.Verification verification(String text) {
    String t = text == null ? "full" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (t) {
      case "full" -> ClusterLockLoader.Verification.FULL;
      case "hashes-only" -> ClusterLockLoader.Verification.HASHES_ONLY;
      case "none" -> ClusterLockLoader.Verification.NONE;
      default -> throw new InvalidSettingException("parsigex.cluster.lock-verification",
          "'" + text + "' is not one of full, hashes-only, none", null);
    };
  }

  private static Map<PeerId, Multiaddr> overrides(List<String> peers) {
    Map<PeerId, Multiaddr> out = new HashMap<>();
    for (Member m : NodeSettingsResolver.members(peers.isEmpty() ? List.of() : peers, true)) {
      if (!m.addresses().isEmpty()) {
        out.put(m.peerId(), m.addresses().get(0));
      }
    }
    return out;
  }
}
