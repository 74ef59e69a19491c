package io.parsigex.node.metrics;

import io.parsigex.cluster.PeerName;
import io.parsigex.libp2p.peer.PeerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@code peer} label says about a peer: Charon's {@link PeerName} when the node runs from a
 * lock (as Charon labels every peer), else the base58 peer id. Two members whose names collide keep
 * apart: the later one in cluster order gets its name followed by the last
 * {@link #COLLISION_SUFFIX} characters of its id (Charon would merge their series). Thread-safe.
 */
public final class PeerLabels {

  /** Characters of the peer id appended to a colliding name. */
  public static final int COLLISION_SUFFIX = 6;
  /** Peers outside the cluster (relays) whose names are remembered; more are computed anew. */
  static final int MAX_CACHED_OTHERS = 256;

  private final boolean names;
  private final Map<String, String> members;
  private final Map<String, String> others = new ConcurrentHashMap<>();

  private PeerLabels(boolean names, Map<String, String> members) {
    this.names = names;
    this.members = Map.copyOf(members);
  }

  /**
   * Labels that are the peer ids.
   *
   * @return the labels
   */
  public static PeerLabels ids() {
    return new PeerLabels(false, Map.of());
  }

  /**
   * Charon's names, for the members in cluster order (and any other peer by its name).
   *
   * @param members the cluster members
   * @return the labels
   */
  public static PeerLabels charonNames(List<PeerId> members) {
    Map<String, String> byId = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (PeerId p : members) {
      String id = p.toString();
      String name = PeerName.of(id);
      if (!taken.add(name)) {
        name = name + "-" + id.substring(id.length() - COLLISION_SUFFIX);
        taken.add(name);
      }
      byId.put(id, name);
    }
    return new PeerLabels(true, byId);
  }

  /**
   * Whether labels are Charon's names.
   *
   * @return true when running from a lock
   */
  public boolean usesNames() {
    return names;
  }

  /**
   * The label of a peer.
   *
   * @param peer the peer
   * @return its name or id
   */
  public String of(PeerId peer) {
    return of(peer.toString());
  }

  /**
   * The label of a peer given by its id text.
   *
   * @param peerId the base58 peer id
   * @return its name or id
   */
  public String of(String peerId) {
    if (!names) {
      return peerId;
    }
    String member = members.get(peerId);
    if (member != null) {
      return member;
    }
    String known = others.get(peerId);
    if (known != null) {
      return known;
    }
    String name = PeerName.of(peerId);
    if (others.size() < MAX_CACHED_OTHERS) {
      others.putIfAbsent(peerId, name);
    }
    return name;
  }
}
