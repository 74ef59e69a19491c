package io.parsigex.libp2p.host;

import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.crypto.PublicKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxSession;
import java.util.Objects;

/**
 * An established connection: authenticated, admitted and multiplexed.
 *
 * @param remotePeer the peer proven by the handshake
 * @param remoteKey its identity key
 * @param remoteAddress where the peer is (its socket address)
 * @param direction who dialled
 * @param muxer the muxer protocol in use
 * @param session the Yamux session
 */
public record Connection(PeerId remotePeer, PublicKey remoteKey, Multiaddr remoteAddress,
    Direction direction, String muxer, YamuxSession session) {

  /**
   * Checks the fields.
   *
   * @param remotePeer peer
   * @param remoteKey key
   * @param remoteAddress address
   * @param direction direction
   * @param muxer muxer
   * @param session session
   */
  public Connection {
    Objects.requireNonNull(remotePeer, "remotePeer");
    Objects.requireNonNull(remoteKey, "remoteKey");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(muxer, "muxer");
    Objects.requireNonNull(session, "session");
  }

  /**
   * Whether the connection is still usable.
   *
   * @return true while open
   */
  public boolean isOpen() {
    return session.isOpen() && session.channel().isActive();
  }

  /**
   * Whether the connection runs through a circuit relay (a limited connection in go-libp2p's
   * terms: the relay may end it after its data or duration limit).
   *
   * @return true for relayed connections
   */
  public boolean isRelayed() {
    return remoteAddress.isRelayed();
  }

  /**
   * Closes the connection (Yamux go-away, then TCP close).
   *
   * @return completes when closed
   */
  public Future<Void> close() {
    return session.close();
  }

  @Override
  public String toString() {
    return "Connection[" + direction + " " + remotePeer + " at " + remoteAddress + "]";
  }
}
