package io.parsigex.core.broadcast;

import java.util.Locale;

/** Why a message could not be sent to one peer. {@link #label()} is the metric/API value. */
public enum SendFailure {
  /** No connection could be established to the peer. */
  DIAL_FAILED,
  /** The peer does not speak the protocol (multistream-select answered {@code na}). */
  PROTOCOL_UNSUPPORTED,
  /** The stream was reset by the peer or the muxer. */
  RESET,
  /** The send did not finish within the send timeout. */
  TIMEOUT,
  /** The connection closed while the message was being written. */
  CONNECTION_CLOSED,
  /** Anything else. */
  OTHER;

  /**
   * The lowercase label.
   *
   * @return for example {@code dial_failed}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
