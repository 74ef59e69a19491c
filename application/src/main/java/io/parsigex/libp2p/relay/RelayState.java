package io.parsigex.libp2p.relay;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.util.Objects;
import java.util.Optional;

/**
 * What we know of one relay, for health and metrics.
 *
 * @param relay the relay's peer id
 * @param address its address (with {@code /p2p})
 * @param connected whether a direct connection to it is open
 * @param reservation the current reservation, if any
 * @param lastError the latest failure (dial or reservation), cleared by a success
 * @param relayedConnections open connections relayed through it
 */
public record RelayState(PeerId relay, Multiaddr address, boolean connected,
    Optional<Reservation> reservation, Optional<String> lastError, int relayedConnections) {

  /**
   * Checks the fields.
   *
   * @param relay relay
   * @param address address
   * @param connected connected
   * @param reservation reservation
   * @param lastError error
   * @param relayedConnections count
   */
  public RelayState {
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(lastError, "lastError");
  }

  /**
   * Whether peers can reach us through this relay.
   *
   * @return true while connected with a reservation
   */
  public boolean reserved() {
    return connected && reservation.isPresent();
  }
}
