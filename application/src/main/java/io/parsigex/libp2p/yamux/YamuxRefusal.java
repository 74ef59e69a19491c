package io.parsigex.libp2p.yamux;

import java.util.Locale;

/**
 * What Yamux refused, by its own limits or checks; {@link #label()} is the metric's {@code reason}
 * tag and {@link #peersFault()} says whose doing it was.
 */
public enum YamuxRefusal {
  /** An inbound stream opened after we sent go-away, answered with RST. */
  AFTER_GO_AWAY(true),
  /**
   * An inbound stream beyond {@link YamuxConfig#maxUnackedInboundStreams()}, answered with RST.
   */
  UNACKED_STREAMS(true),
  /** An inbound stream beyond {@link YamuxConfig#maxConcurrentStreams()}, answered with RST. */
  STREAM_LIMIT(true),
  /** Data beyond the stream's receive window: the session is ended with a protocol error. */
  WINDOW_VIOLATION(true),
  /** A window update beyond the 32-bit maximum: the session is ended with a protocol error. */
  WINDOW_OVERFLOW(true),
  /** Pings while not reading our answers, beyond the limit: the session is ended. */
  PING_FLOOD(true),
  /**
   * Any other protocol error (a frame on stream 0, a stream opened twice or with our ids, a bad
   * header, an oversized frame): the session is ended.
   */
  PROTOCOL_ERROR(true),
  /** Our own stream acceptor or stream handler threw, and the stream was reset: our fault. */
  HANDLER_FAILED(false),
  /** We tried to open a stream beyond our own {@link YamuxConfig#maxConcurrentStreams()}. */
  OUTBOUND_STREAM_LIMIT(false);

  private final boolean peersFault;

  YamuxRefusal(boolean peersFault) {
    this.peersFault = peersFault;
  }

  /**
   * Whether the remote peer caused it (as opposed to our own code or limits).
   *
   * @return true for the peer's doing
   */
  public boolean peersFault() {
    return peersFault;
  }

  /**
   * The metric tag value.
   *
   * @return for example {@code stream_limit}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The metric's {@code fault} tag value.
   *
   * @return {@code peer} or {@code node}
   */
  public String faultLabel() {
    return peersFault ? "peer" : "node";
  }
}
