package io.parsigex.libp2p.ping;

import io.parsigex.libp2p.peer.PeerId;
import java.time.Duration;

/** Hears the ping service's results. Called on an event loop or the service's timer: never block. */
public interface PingListener {

  /**
   * A ping was answered.
   *
   * @param peer the peer
   * @param rtt the round trip
   */
  void answered(PeerId peer, Duration rtt);

  /**
   * A ping failed: no connection, the peer does not speak ping, no echo within the timeout, a
   * wrong echo.
   *
   * @param peer the peer
   * @param cause why
   */
  void failed(PeerId peer, Throwable cause);
}
