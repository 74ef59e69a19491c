package io.parsigex.libp2p.relay;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A slot held on a relay: peers may reach us through it until {@code expires}.
 *
 * @param relay the relay
 * @param expires when the relay drops the reservation unless refreshed
 * @param addresses the relay's addresses it gave us to advertise (may be empty)
 * @param limit the limits of connections relayed to us
 */
public record Reservation(PeerId relay, Instant expires, List<Multiaddr> addresses,
    RelayLimit limit) {

  /**
   * Checks the fields.
   *
   * @param relay relay
   * @param expires expiry
   * @param addresses addresses
   * @param limit limit
   */
  public Reservation {
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(expires, "expires");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(limit, "limit");
  }
}
