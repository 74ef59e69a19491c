package io.parsigex.node.metrics;

import io.parsigex.libp2p.peer.PeerId;

/**
 * What a {@code peer} label says about a peer: its base58 peer id, from a lock or not.
 *
 * <p>Charon labels peers with {@code p2p.PeerName}, an adjective-noun name picked from two word
 * lists by a hash of the peer id. The hash is a fact we could reproduce, but the word lists are
 * part of Charon's BUSL-licensed source, which this project does not copy, so our labels carry the
 * peer id instead: a Grafana dashboard that selects peers through a {@code $peer} variable works
 * unchanged, one that hard-codes Charon's names does not. This class is the one place that decides
 * the label's text. Thread-safe (stateless).
 */
public final class PeerLabels {

  private static final PeerLabels IDS = new PeerLabels();

  private PeerLabels() {}

  /**
   * Labels that are the peer ids.
   *
   * @return the labels
   */
  public static PeerLabels ids() {
    return IDS;
  }

  /**
   * The label of a peer.
   *
   * @param peer the peer
   * @return its label
   */
  public String of(PeerId peer) {
    return peer.toString();
  }

  /**
   * The label of a peer given by its id text.
   *
   * @param peerId the base58 peer id
   * @return its label
   */
  public String of(String peerId) {
    return peerId;
  }
}
