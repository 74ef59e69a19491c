package io.parsigex.libp2p.host;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "give me a connection to this peer": the open one if any, else one dial at a time per
 * peer over its known addresses (direct first, then relayed through {@link RelayFallback}); a
 * peer with no known address can still be reached by the inbound handshake it may have in
 * flight. Thread-safe.
 */
final class PeerDialer {

  private final ConnectionRegistry registry;
  private final AddressBook addresses;
  private final ConnectionSetup setup;
  private final TcpDialer tcp;
  private final RelayFallback relay;
  private final Map<PeerId, CompletableFuture<Connection>> dials = new ConcurrentHashMap<>();
  private volatile boolean closed;

  PeerDialer(ConnectionRegistry registry, AddressBook addresses, ConnectionSetup setup,
      TcpDialer tcp, RelayFallback relay) {
    this.registry = registry;
    this.addresses = addresses;
    this.setup = setup;
    this.tcp = tcp;
    this.relay = relay;
  }

  CompletableFuture<Connection> connection(PeerId peer) {
    Optional<Connection> open = registry.open(peer);
    if (open.isPresent()) {
      return CompletableFuture.completedFuture(open.get());
    }
    if (closed) {
      return CompletableFuture.failedFuture(new HostException.Closed("host is closed", null));
    }
    List<Multiaddr> candidates = addresses.candidates(peer);
    if (candidates.isEmpty()) {
      // The registry is read again after the wait: a handshake that ended between the first
      // look and the wait registered its connection before leaving the in-flight set.
      return setup.awaitInbound(peer).thenCompose(found -> found.or(() -> registry.open(peer))
          .map(CompletableFuture::completedFuture)
          .orElseGet(() -> CompletableFuture.failedFuture(new HostException.NoAddress(
              "no connection to " + peer + " and no known address; add one with addAddress or "
              + "connectTo"))));
    }
    CompletableFuture<Connection> fresh = new CompletableFuture<>();
    CompletableFuture<Connection> existing = dials.putIfAbsent(peer, fresh);
    if (existing != null) {
      return existing;
    }
    dialInTurn(candidates, 0, peer, null).whenComplete((c, e) -> {
      dials.remove(peer, fresh);
      if (e != null) {
        fresh.completeExceptionally(e);
      } else {
        fresh.complete(c);
      }
    });
    return fresh;
  }

  /** Dials one address once (no redial, no de-duplication). */
  CompletableFuture<Connection> dial(Multiaddr addr, PeerId peer) {
    if (addr.isRelayed()) {
      return relay.dial(addr, peer);
    }
    CompletableFuture<Connection> result = new CompletableFuture<>();
    tcp.dial(addr, (ch, r) -> setup.setUp(ch, Direction.OUTBOUND, Optional.of(peer), r), result);
    return result;
  }

  /** Tries each address in turn (the direct one first), failing with the last error. */
  private CompletableFuture<Connection> dialInTurn(List<Multiaddr> candidates, int index,
      PeerId peer, Throwable lastError) {
    if (index == candidates.size()) {
      return CompletableFuture.failedFuture(lastError);
    }
    return dial(candidates.get(index), peer).handle((c, e) -> e == null
            ? CompletableFuture.completedFuture(c)
            : dialInTurn(candidates, index + 1, peer, e))
        .thenCompose(f -> f);
  }

  void close() {
    closed = true;
  }
}
