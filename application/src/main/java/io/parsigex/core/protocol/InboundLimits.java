package io.parsigex.core.protocol;

import io.parsigex.core.wire.ParSigExFraming;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on inbound parsigex streams. Immutable.
 *
 * @param receiveTimeout time from stream open to a complete message (Charon: 5 s)
 * @param maxMessageSize the largest message (Charon: 128 MiB)
 * @param maxStreamsPerPeer streams one peer may have in flight; more are reset and counted
 * @param maxStreams streams all peers together may have in flight
 * @param maxBufferedBytes bytes all in-flight streams together may hold before new data is refused
 */
public record InboundLimits(Duration receiveTimeout, int maxMessageSize, int maxStreamsPerPeer,
    int maxStreams, long maxBufferedBytes) {

  /** Default total of buffered inbound bytes: 512 MiB. */
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 512L << 20;

  /** Validates. */
  public InboundLimits {
    Objects.requireNonNull(receiveTimeout, "receiveTimeout");
    if (maxMessageSize < 1 || maxStreamsPerPeer < 1 || maxStreams < 1 || maxBufferedBytes < 1) {
      throw new IllegalArgumentException("inbound limits must be positive");
    }
  }

  /**
   * Charon's values and our stream caps.
   *
   * @param receiveTimeout the receive timeout
   * @param maxStreamsPerPeer per-peer cap
   * @param maxStreams global cap
   * @return the limits
   */
  public static InboundLimits of(Duration receiveTimeout, int maxStreamsPerPeer, int maxStreams) {
    return new InboundLimits(receiveTimeout, ParSigExFraming.MAX_MESSAGE_SIZE, maxStreamsPerPeer,
        maxStreams, DEFAULT_MAX_BUFFERED_BYTES);
  }
}
