package io.parsigex.libp2p.host;

import io.parsigex.libp2p.peer.PeerId;
import java.util.Set;

/**
 * Decides, after the security handshake proved who the peer is, whether a connection may stay.
 * Called on an event loop: must be fast and non-blocking.
 */
@FunctionalInterface
public interface ConnectionGater {

  /**
   * Whether the authenticated peer is admitted.
   *
   * @param peer the peer id proven by Noise
   * @return true to keep the connection
   */
  boolean allowSecured(PeerId peer);

  /**
   * Admits exactly the given peers (e.g. the cluster members).
   *
   * @param peers the allowed peer ids
   * @return the gater
   */
  static ConnectionGater allowOnly(Set<PeerId> peers) {
    Set<PeerId> copy = Set.copyOf(peers);
    return copy::contains;
  }

  /**
   * Admits everyone (tests and open nodes only).
   *
   * @return the gater
   */
  static ConnectionGater allowAll() {
    return peer -> true;
  }
}
