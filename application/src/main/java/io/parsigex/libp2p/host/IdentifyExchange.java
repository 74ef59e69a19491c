package io.parsigex.libp2p.host;

import io.parsigex.libp2p.crypto.PublicKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Identify;
import io.parsigex.libp2p.protocols.IdentifyInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code /ipfs/id/1.0.0} both ways: answers the peer's request with our key, agent, listen
 * addresses and protocols, asks each newly connected peer, and keeps the latest answer per peer.
 * Thread-safe.
 */
final class IdentifyExchange {

  private static final System.Logger LOG = System.getLogger(IdentifyExchange.class.getName());

  private final PublicKey key;
  private final String agentVersion;
  private final Supplier<List<Multiaddr>> listenAddresses;
  private final Supplier<List<String>> protocols;
  private final BiFunction<PeerId, String, CompletableFuture<HostStream>> newStream;
  private final Map<PeerId, IdentifyInfo> identified = new ConcurrentHashMap<>();

  IdentifyExchange(PublicKey key, String agentVersion,
      Supplier<List<Multiaddr>> listenAddresses, Supplier<List<String>> protocols,
      BiFunction<PeerId, String, CompletableFuture<HostStream>> newStream) {
    this.key = key;
    this.agentVersion = agentVersion;
    this.listenAddresses = listenAddresses;
    this.protocols = protocols;
    this.newStream = newStream;
  }

  /** The handler of inbound identify streams. */
  void answer(HostStream s) {
    byte[] msg = Identify.encode(key, agentVersion, listenAddresses.get(), protocols.get(),
        Optional.of(s.connection().remoteAddress()));
    s.handler(Identify.respond(s.yamux(), msg));
  }

  CompletableFuture<IdentifyInfo> request(PeerId peer) {
    return newStream.apply(peer, Identify.PROTOCOL_ID)
        .thenCompose(s -> Identify.request(s::handler))
        .whenComplete((info, e) -> {
          if (info != null) {
            identified.put(peer, info);
          }
        });
  }

  /** Asks a newly connected peer; a failure is only logged. */
  void onConnected(PeerId peer) {
    request(peer).exceptionally(e -> {
      LOG.log(System.Logger.Level.DEBUG, "identify of " + peer + " failed: " + e);
      return null;
    });
  }

  Optional<IdentifyInfo> latest(PeerId peer) {
    return Optional.ofNullable(identified.get(peer));
  }
}
