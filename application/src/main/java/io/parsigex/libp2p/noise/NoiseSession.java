package io.parsigex.libp2p.noise;

import io.parsigex.libp2p.crypto.PublicKey;
import io.parsigex.libp2p.peer.PeerId;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a finished Noise handshake: who the peer is and which muxer both sides offered.
 * Fired as a user event by {@link NoiseHandler} once the connection is secured.
 *
 * @param remotePeer the peer id proven by the handshake
 * @param remoteKey the peer's identity key
 * @param remoteMuxers the stream muxers the peer listed in its extensions
 * @param muxer the muxer agreed through the extensions, or empty when none matched (then a
 *     multistream round on the secured channel picks one)
 * @param initiator whether we dialled
 */
public record NoiseSession(PeerId remotePeer, PublicKey remoteKey, List<String> remoteMuxers,
    Optional<String> muxer, boolean initiator) {

  /**
   * Copies the list.
   *
   * @param remotePeer the peer
   * @param remoteKey its key
   * @param remoteMuxers its muxers
   * @param muxer the agreed muxer
   * @param initiator whether we dialled
   */
  public NoiseSession {
    remoteMuxers = List.copyOf(remoteMuxers);
  }
}
