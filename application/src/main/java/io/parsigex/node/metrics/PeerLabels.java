package io.parsigex.node.metrics;

import io.parsigex.libp2p.peer.PeerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The value of the {@code peer} label of a peer's series: the name the operator gave the peer
 * ({@code parsigex.metrics.peer-names}), or else its peer id. Charon labels its series with a
 * peer name it derives from the peer id from two word lists of its own source; this project
 * does not copy those lists, so an operator whose Grafana dashboards hard-code Charon's names sets
 * the same names here (Charon prints each peer's name in its start-up log). Immutable.
 */
public final class PeerLabels {

  private static final PeerLabels IDS = new PeerLabels(Map.of());

  private final Map<PeerId, String> names;
  private final Map<String, String> namesByIdText;

  private PeerLabels(Map<PeerId, String> names) {
    this.names = Map.copyOf(names);
    Map<String, String> byText = new HashMap<>();
    this.names.forEach((id, name) -> byText.put(id.toString(), name));
    this.namesByIdText = Map.copyOf(byText);
  }

  /**
   * Labels that are the peer ids.
   *
   * @return the labels
   */
  public static PeerLabels ids() {
    return IDS;
  }

  /**
   * Labels that are the given names, and the peer id for any other peer.
   *
   * @param names the operator's name of each named peer; distinct names
   * @return the labels
   * @throws IllegalArgumentException when two peers have the same name, or a name is another
   *     named peer's id
   */
  public static PeerLabels named(Map<PeerId, String> names) {
    Set<String> labels = new HashSet<>(names.values());
    names.keySet().forEach(id -> labels.add(id.toString()));
    if (labels.size() != 2 * names.size()) {
      throw new IllegalArgumentException("two named peers would share a label: " + names);
    }
    return names.isEmpty() ? IDS : new PeerLabels(names);
  }

  /**
   * The label of a peer.
   *
   * @param peer the peer
   * @return its name, or its peer id
   */
  public String of(PeerId peer) {
    String name = names.get(peer);
    return name != null ? name : peer.toString();
  }

  /**
   * The label of a peer given by its id text.
   *
   * @param peerId the base58 peer id
   * @return its name, or the peer id
   */
  public String of(String peerId) {
    return namesByIdText.getOrDefault(peerId, peerId);
  }

  /**
   * The named peers.
   *
   * @return peer id to name
   */
  public Map<PeerId, String> names() {
    return names;
  }
}
