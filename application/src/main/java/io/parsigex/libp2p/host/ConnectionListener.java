package io.parsigex.libp2p.host;

import io.parsigex.libp2p.peer.PeerId;

/** Hears about connections coming and going. Called on an event loop: do not block. */
public interface ConnectionListener {

  /**
   * A secured, multiplexed and admitted connection is ready.
   *
   * @param connection the connection
   */
  default void connected(Connection connection) {}

  /**
   * A connection closed.
   *
   * @param connection the connection
   */
  default void disconnected(Connection connection) {}

  /**
   * A peer was refused by the gater after its handshake.
   *
   * @param peer the refused peer
   */
  default void gated(PeerId peer) {}
}
