package io.parsigex.core.peerinfo;

import io.parsigex.core.receive.RejectReason.Fault;
import java.util.Locale;

/** Why a peerinfo exchange gave nothing usable, and whose fault that was. */
public enum PeerInfoProblem {
  /** An inbound peerinfo stream from a peer that is not a cluster member (a relay, say). */
  NOT_A_MEMBER(Fault.PEER),
  /**
   * The peer already had {@link PeerInfoProtocol#MAX_INBOUND_STREAMS_PER_PEER} peerinfo requests
   * in flight (Charon sends one a minute).
   */
  TOO_MANY_STREAMS(Fault.PEER),
  /** The message was not a length-prefixed PeerInfo protobuf. */
  MALFORMED(Fault.PEER),
  /** The message announced more than {@link PeerInfoProtocol#MAX_MESSAGE_SIZE} bytes. */
  TOO_LONG(Fault.PEER),
  /** The peer closed its side before the message was complete. */
  TRUNCATED(Fault.PEER),
  /** The peer reset the stream. */
  RESET(Fault.PEER),
  /** No complete message within the deadline. */
  TIMEOUT(Fault.PEER),
  /** An answer without {@code sent_at} or {@code started_at} (Charon refuses these too). */
  MISSING_TIMESTAMPS(Fault.PEER),
  /** An answer whose git hash is neither 7 hex digits nor {@code unknown} (as Charon). */
  INVALID_GIT_HASH(Fault.PEER),
  /** The peer does not speak {@link PeerInfoProtocol#PROTOCOL_ID}. */
  UNSUPPORTED(Fault.PEER),
  /** No stream could be opened to the peer (not connected, dial failed, connection closed). */
  UNREACHABLE(Fault.PEER),
  /** A bug in this node: an unexpected exception. */
  INTERNAL(Fault.NODE);

  private final Fault fault;

  PeerInfoProblem(Fault fault) {
    this.fault = fault;
  }

  /**
   * Whose fault it is.
   *
   * @return peer or node
   */
  public Fault fault() {
    return fault;
  }

  /**
   * The label for metrics and logs.
   *
   * @return e.g. {@code missing_timestamps}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
