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
 * @param maxBufferedBytes bytes all peers' inbound messages together may hold, from the first
 *     byte read until the set is published or refused (the verify queue included)
 * @param maxBufferedBytesPerPeer the same bound for one peer's messages
 */
public record InboundLimits(Duration receiveTimeout, int maxMessageSize, int maxStreamsPerPeer,
    int maxStreams, long maxBufferedBytes, long maxBufferedBytesPerPeer) {

  /** Default total of held inbound bytes: 512 MiB. */
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 512L << 20;
  /** Default share of one peer: 128 MiB, one largest message. */
  public static final long DEFAULT_MAX_BUFFERED_BYTES_PER_PEER = 128L << 20;

  /** Validates. */
  public InboundLimits {
    Objects.requireNonNull(receiveTimeout, "receiveTimeout");
    if (maxMessageSize < 1 || maxStreamsPerPeer < 1 || maxStreams < 1 || maxBufferedBytes < 1
        || maxBufferedBytesPerPeer < 1) {
      throw new IllegalArgumentException("inbound limits must be positive");
    }
  }

  /**
   * Limits without a per-peer byte share (one peer may hold the whole total).
   *
   * @param receiveTimeout the receive timeout
   * @param maxMessageSize the largest message
   * @param maxStreamsPerPeer per-peer stream cap
   * @param maxStreams global stream cap
   * @param maxBufferedBytes bytes all peers may hold
   */
  public InboundLimits(Duration receiveTimeout, int maxMessageSize, int maxStreamsPerPeer,
      int maxStreams, long maxBufferedBytes) {
    this(receiveTimeout, maxMessageSize, maxStreamsPerPeer, maxStreams, maxBufferedBytes,
        maxBufferedBytes);
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
        maxStreams, DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_MAX_BUFFERED_BYTES_PER_PEER);
  }

  /**
   * These limits with other byte bounds.
   *
   * @param total bytes all peers may hold
   * @param perPeer bytes one peer may hold
   * @return the limits
   */
  public InboundLimits withBufferedBytes(long total, long perPeer) {
    return new InboundLimits(receiveTimeout, maxMessageSize, maxStreamsPerPeer, maxStreams, total,
        perPeer);
  }
}
