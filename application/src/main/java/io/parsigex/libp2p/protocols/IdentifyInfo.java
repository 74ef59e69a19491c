package io.parsigex.libp2p.protocols;

import io.parsigex.libp2p.crypto.PublicKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import java.util.List;
import java.util.Optional;

/**
 * What a peer told us about itself through identify.
 *
 * @param publicKey its identity key, when sent and decodable
 * @param protocolVersion e.g. {@code ipfs/0.1.0}
 * @param agentVersion e.g. {@code obolnetwork-charon/v1.5.0}
 * @param listenAddrs its listen addresses (undecodable ones are skipped)
 * @param protocols the protocols it handles
 * @param observedAddr our address as the peer sees it
 */
public record IdentifyInfo(Optional<PublicKey> publicKey, String protocolVersion,
    String agentVersion, List<Multiaddr> listenAddrs, List<String> protocols,
    Optional<Multiaddr> observedAddr) {

  /**
   * Copies the lists.
   *
   * @param publicKey key
   * @param protocolVersion protocol version
   * @param agentVersion agent
   * @param listenAddrs addresses
   * @param protocols protocols
   * @param observedAddr observed address
   */
  public IdentifyInfo {
    listenAddrs = List.copyOf(listenAddrs);
    protocols = List.copyOf(protocols);
  }
}
