package io.parsigex.core.members;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.util.List;
import java.util.Objects;

/**
 * One cluster member: its libp2p identity, its threshold share index and where to reach it.
 * Immutable.
 *
 * @param peerId the member's peer id
 * @param shareIndex its 1-based share index (member {@code i} in cluster order holds {@code i + 1})
 * @param addresses dialable multiaddrs (without the {@code /p2p} suffix); may be empty
 */
public record Member(PeerId peerId, int shareIndex, List<Multiaddr> addresses) {

  /** Validates and copies. */
  public Member {
    Objects.requireNonNull(peerId, "peerId");
    if (shareIndex < 1) {
      throw new IllegalArgumentException("share index starts at 1, got " + shareIndex);
    }
    addresses = List.copyOf(addresses);
  }
}
