package io.parsigex.libp2p.host;

import java.time.Duration;
import java.util.Objects;

/**
 * The budget of inbound connections whose remote has not yet proven its key with Noise. Such
 * connections are held apart from authenticated ones: they never take one of
 * {@link HostConfig#maxConnections()}, so strangers cannot fill the room kept for cluster peers,
 * and our own outbound dials are never counted here.
 *
 * <p>When {@code maxTotal} handshakes are pending, a new connection evicts the oldest pending one
 * that has not sent a byte yet (a silent socket); an honest dialer speaks at once, so it is never
 * the one evicted. Only when every pending connection has spoken is the new one refused.
 *
 * @param maxPerSource pending handshakes from one source address; beyond it a new connection from
 *     that address is closed at once
 * @param maxTotal pending handshakes from everyone together
 * @param timeout how long an inbound connection may take to complete Noise before it is closed
 */
public record PreAuthLimits(int maxPerSource, int maxTotal, Duration timeout) {

  /** Default pending handshakes per source address. */
  public static final int DEFAULT_MAX_PER_SOURCE = 8;
  /** Default pending handshakes in total. */
  public static final int DEFAULT_MAX_TOTAL = 64;
  /** Default bound on an inbound connection's time before Noise completes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** Validates. */
  public PreAuthLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (maxPerSource < 1) {
      throw new IllegalArgumentException("maxPerSource must be at least 1, was " + maxPerSource);
    }
    if (maxTotal < maxPerSource) {
      throw new IllegalArgumentException("maxTotal (" + maxTotal + ") must be at least "
          + "maxPerSource (" + maxPerSource + ")");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the pre-authentication timeout must be positive, was "
          + timeout);
    }
  }

  /**
   * The documented defaults: 8 per source address, 64 in total, 3 seconds.
   *
   * @return the limits
   */
  public static PreAuthLimits defaults() {
    return new PreAuthLimits(DEFAULT_MAX_PER_SOURCE, DEFAULT_MAX_TOTAL, DEFAULT_TIMEOUT);
  }
}
