package io.parsigex.libp2p.host;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Dials {@code /p2p-circuit} addresses through the installed circuit relay client, so that a peer
 * whose direct address fails is still reached through a relay. Every failure comes out as a
 * {@link HostException}. Thread-safe.
 */
final class RelayFallback {

  private volatile CircuitDialer circuitDialer;

  void install(CircuitDialer dialer) {
    this.circuitDialer = Objects.requireNonNull(dialer, "dialer");
  }

  CompletableFuture<Connection> dial(Multiaddr circuit, PeerId peer) {
    CircuitDialer relay = circuitDialer;
    if (relay == null) {
      return CompletableFuture.failedFuture(new HostException.DialFailed("cannot dial " + circuit
          + ": no circuit relay client is installed (configure relays)", null));
    }
    CompletableFuture<Connection> result = new CompletableFuture<>();
    relay.dial(circuit, peer).whenComplete((c, e) -> {
      if (e == null) {
        result.complete(c);
        return;
      }
      Throwable cause = e instanceof CompletionException && e.getCause() != null
          ? e.getCause() : e;
      result.completeExceptionally(cause instanceof HostException ? cause
          : new HostException.DialFailed("relayed dial of " + peer + " via " + circuit
              + " failed: " + cause.getMessage(), cause));
    });
    return result;
  }
}
