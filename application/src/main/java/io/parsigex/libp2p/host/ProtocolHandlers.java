package io.parsigex.libp2p.host;

import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.yamux.YamuxStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocols we answer and their handlers, and the inbound side of every stream: multistream
 * select among the registered protocols, then the protocol's handler. A handler that throws gets
 * its stream reset; a failed negotiation is counted. Thread-safe.
 */
final class ProtocolHandlers {

  private static final System.Logger LOG = System.getLogger(ProtocolHandlers.class.getName());

  private final Map<String, ProtocolHandler> handlers = new ConcurrentHashMap<>();
  private final Duration negotiationTimeout;
  private final StreamTraffic traffic;
  private final HostCounters counters;

  ProtocolHandlers(Duration negotiationTimeout, StreamTraffic traffic, HostCounters counters) {
    this.negotiationTimeout = negotiationTimeout;
    this.traffic = traffic;
    this.counters = counters;
  }

  void put(String protocolId, ProtocolHandler handler) {
    Negotiator.listener(Set.of(protocolId)); // validates the id
    handlers.put(protocolId, Objects.requireNonNull(handler, "handler"));
  }

  void remove(String protocolId) {
    handlers.remove(protocolId);
  }

  /** Sorted protocol ids, as identify announces them. */
  List<String> protocols() {
    return handlers.keySet().stream().sorted().toList();
  }

  /** Negotiates a stream the peer opened and hands it to the chosen protocol's handler. */
  void accept(Connection c, YamuxStream stream) {
    Negotiator negotiator = Negotiator.listener(handlers.keySet());
    StreamNegotiation.start(stream, negotiator, negotiationTimeout,
        new StreamNegotiation.Outcome() {
          @Override
          public void negotiated(YamuxStream s, String protocol, byte[] leftover) {
            ProtocolHandler h = handlers.get(protocol);
            if (h == null) {
              s.reset();
              return;
            }
            HostStream hs = new HostStream(c, protocol, s, leftover,
                traffic.of(c.remotePeer(), protocol));
            try {
              h.onStream(hs);
            } catch (RuntimeException e) {
              LOG.log(System.Logger.Level.WARNING, "handler of " + protocol + " failed: " + e);
              s.reset();
            }
          }

          @Override
          public void failed(YamuxStream s, Exception cause) {
            counters.streamNegotiationFailed();
            LOG.log(System.Logger.Level.DEBUG, "inbound stream from " + c.remotePeer() + ": "
                + cause.getMessage());
          }
        });
  }
}
