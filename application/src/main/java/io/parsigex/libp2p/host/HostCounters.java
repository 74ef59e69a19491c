package io.parsigex.libp2p.host;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's event counters that are not kept elsewhere (pre-authentication and Yamux keep
 * their own); {@link #snapshot} joins them all into {@link HostStats}. Thread-safe.
 */
final class HostCounters {

  private final AtomicLong gated = new AtomicLong();
  private final AtomicLong handshakeFailures = new AtomicLong();
  private final AtomicLong streamFailures = new AtomicLong();
  private final AtomicLong refusedOverLimit = new AtomicLong();
  private final AtomicLong connectionErrors = new AtomicLong();
  private final AtomicLong refusedRelayStops = new AtomicLong();

  void gated() {
    gated.incrementAndGet();
  }

  void handshakeFailed() {
    handshakeFailures.incrementAndGet();
  }

  void streamNegotiationFailed() {
    streamFailures.incrementAndGet();
  }

  void refusedOverLimit() {
    refusedOverLimit.incrementAndGet();
  }

  void connectionError() {
    connectionErrors.incrementAndGet();
  }

  void refusedRelayStop() {
    refusedRelayStops.incrementAndGet();
  }

  HostStats snapshot(int connections, PreAuthStats preAuth,
      java.util.Map<io.parsigex.libp2p.yamux.YamuxRefusal, Long> yamuxRefusals) {
    return new HostStats(connections, gated.get(), handshakeFailures.get(), streamFailures.get(),
        refusedOverLimit.get(), connectionErrors.get(), refusedRelayStops.get(), preAuth,
        yamuxRefusals);
  }
}
