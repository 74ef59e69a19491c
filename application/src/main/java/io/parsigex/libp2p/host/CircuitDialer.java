package io.parsigex.libp2p.host;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.util.concurrent.CompletableFuture;

/**
 * Dials relayed addresses ({@code …/p2p/<relay>/p2p-circuit}) for the host; installed with
 * {@link Host#setCircuitDialer}. The relay client implements it.
 */
@FunctionalInterface
public interface CircuitDialer {

  /**
   * Opens a relayed connection.
   *
   * @param circuit the relay part of the address, ending in {@code /p2p-circuit}
   * @param target the peer to reach
   * @return the secured, multiplexed connection; fails with a {@link HostException}
   */
  CompletableFuture<Connection> dial(Multiaddr circuit, PeerId target);
}
