package io.parsigex.libp2p.host;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each peer can be dialled: one direct address and any number of relayed
 * ({@code /p2p-circuit}) ones, tried in that order. Thread-safe.
 */
final class AddressBook {

  private final Map<PeerId, Multiaddr> direct = new ConcurrentHashMap<>();
  private final Map<PeerId, List<Multiaddr>> relayed = new ConcurrentHashMap<>();

  /** Records the direct address of the peer the address names; returns that peer. */
  PeerId add(Multiaddr address) {
    PeerId peer = address.peerId().orElseThrow(() -> new IllegalArgumentException(
        "address " + address + " must end in /p2p/<peer id>"));
    direct.put(peer, address.withoutPeerId());
    return peer;
  }

  /** Replaces the peer's relayed addresses; an empty list removes them. */
  void setRelayed(PeerId peer, List<Multiaddr> circuits) {
    for (Multiaddr m : circuits) {
      if (!m.isRelayed()) {
        throw new IllegalArgumentException(m + " is not a /p2p-circuit address");
      }
    }
    if (circuits.isEmpty()) {
      relayed.remove(peer);
    } else {
      relayed.put(peer, List.copyOf(circuits));
    }
  }

  /** The addresses to try, the direct one first; empty when none is known. */
  List<Multiaddr> candidates(PeerId peer) {
    List<Multiaddr> out = new ArrayList<>(2);
    Optional.ofNullable(direct.get(peer)).ifPresent(out::add);
    out.addAll(relayed.getOrDefault(peer, List.of()));
    return out;
  }
}
