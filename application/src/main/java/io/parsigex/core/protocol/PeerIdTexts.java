package io.parsigex.core.protocol;

import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.peer.PeerIdException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peer ids to and from their base58 text without redoing the base58 arithmetic for every message:
 * the protocol converts the same few cluster members on every stream. At most
 * {@link #MAX_ENTRIES} of each are kept; past that, conversions are computed and not kept.
 */
final class PeerIdTexts {

  /** Most ids (and texts) kept; a cluster has at most 256 members. */
  static final int MAX_ENTRIES = 1024;

  private final Map<PeerId, String> texts = new ConcurrentHashMap<>();
  private final Map<String, PeerId> ids = new ConcurrentHashMap<>();

  /**
   * The text of a peer id.
   *
   * @param peer the id
   * @return its base58 text
   */
  String text(PeerId peer) {
    String t = texts.get(peer);
    if (t == null) {
      t = peer.toString();
      if (texts.size() < MAX_ENTRIES) {
        texts.put(peer, t);
      }
    }
    return t;
  }

  /**
   * Parses a peer id's text.
   *
   * @param text base58 or CID text
   * @return the id
   * @throws PeerIdException when the text is not a peer id
   */
  PeerId parse(String text) throws PeerIdException {
    PeerId p = ids.get(text);
    if (p == null) {
      p = PeerId.parse(text);
      if (ids.size() < MAX_ENTRIES) {
        ids.put(text, p);
      }
    }
    return p;
  }
}
