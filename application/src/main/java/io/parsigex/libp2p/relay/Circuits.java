package io.parsigex.libp2p.relay;

import io.parsigex.libp2p.multiaddr.Component;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multiaddr.Protocol;
import io.parsigex.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds and reads relayed addresses: {@code <relay addr>/p2p/<relay>/p2p-circuit[/p2p/<peer>]}. */
public final class Circuits {

  private Circuits() {}

  /**
   * The circuit address through a relay.
   *
   * @param relay the relay's address ending in {@code /p2p/<relay id>}
   * @return {@code relay/p2p-circuit}
   */
  public static Multiaddr via(Multiaddr relay) {
    if (relay.peerId().isEmpty() || relay.isRelayed()) {
      throw new IllegalArgumentException("relay address " + relay
          + " must be direct and end in /p2p/<relay id>");
    }
    List<Component> cs = new ArrayList<>(relay.components());
    cs.add(new Component(Protocol.P2P_CIRCUIT, new byte[0]));
    return new Multiaddr(cs);
  }

  /**
   * The relay named in a circuit address: the {@code /p2p} right before {@code /p2p-circuit}.
   *
   * @param circuit the address
   * @return the relay, if the address is a circuit through a known relay
   */
  public static Optional<PeerId> relayOf(Multiaddr circuit) {
    List<Component> cs = circuit.components();
    for (int i = 1; i < cs.size(); i++) {
      if (cs.get(i).protocol() == Protocol.P2P_CIRCUIT
          && cs.get(i - 1).protocol() == Protocol.P2P) {
        return Optional.of(new PeerId(cs.get(i - 1).value()));
      }
    }
    return Optional.empty();
  }

  /**
   * The relay's own address in a circuit address (the part before {@code /p2p-circuit}).
   *
   * @param circuit the address
   * @return the relay address with its {@code /p2p}
   */
  static Multiaddr relayAddress(Multiaddr circuit) {
    List<Component> cs = circuit.components();
    for (int i = 0; i < cs.size(); i++) {
      if (cs.get(i).protocol() == Protocol.P2P_CIRCUIT) {
        return new Multiaddr(cs.subList(0, i));
      }
    }
    throw new IllegalArgumentException(circuit + " is not a circuit address");
  }
}
