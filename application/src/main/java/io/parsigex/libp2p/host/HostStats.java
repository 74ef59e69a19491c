package io.parsigex.libp2p.host;

import io.parsigex.libp2p.yamux.YamuxRefusal;
import java.util.Map;

/**
 * Counters of a host since it started.
 *
 * @param connections connections open now
 * @param gatedPeers connections refused by the gater after their handshake
 * @param handshakeFailures connections that failed security or muxer negotiation
 * @param streamNegotiationFailures inbound streams whose protocol negotiation failed
 * @param refusedOverLimit connections closed because {@link HostConfig#maxConnections()} was
 *     reached: an outbound dial at once, an inbound one once its peer authenticated (inbound
 *     connections still in their handshake are refused by the pre-authentication budget instead,
 *     see {@code preAuth})
 * @param connectionErrors established connections that ended on an error rather than a clean
 *     close: a Yamux protocol error, a Noise decryption failure, an I/O error
 * @param refusedRelayStops circuit relay stop streams refused: a malformed, unreadable or late stop
 *     message, a stop stream from a peer that is not one of our relays or over a relayed
 *     connection, an announced peer the gater refuses or that is not the peer that answered
 * @param preAuth inbound connections still in their handshake, and those closed before they
 *     authenticated, by {@link PreAuthRefusal}
 * @param yamuxRefusals streams refused and sessions ended by Yamux's own limits and checks, by
 *     {@link YamuxRefusal} (every reason present)
 */
public record HostStats(int connections, long gatedPeers, long handshakeFailures,
    long streamNegotiationFailures, long refusedOverLimit, long connectionErrors,
    long refusedRelayStops, PreAuthStats preAuth, Map<YamuxRefusal, Long> yamuxRefusals) {

  /** Validates and copies. */
  public HostStats {
    java.util.Objects.requireNonNull(preAuth, "preAuth");
    yamuxRefusals = Map.copyOf(yamuxRefusals);
  }
}
