package io.parsigex.core.receive;

import java.util.Locale;

/** Why a received set was refused; {@link #label()} is the metric label value. */
public enum RejectReason {
  /** The frame or protobuf was malformed (see the wire error for the class). */
  MALFORMED,
  /** The sender is not a cluster member. */
  UNKNOWN_PEER,
  /** A duty gater refused the duty. */
  GATED,
  /** An entry's payload did not decode. */
  UNDECODABLE,
  /** A verifier refused an entry's signature. */
  INVALID_SIGNATURE,
  /**
   * A plugin failed while the set was handled: its codec, or a method of a value it decoded, threw,
   * timed out, answered nonsense or could not be scheduled (see
   * {@code parsigex_plugin_failures_total} for which plugin).
   */
  PLUGIN_FAILED,
  /** The node was too busy: the bounded work queue was full. */
  OVERLOADED,
  /** Handling took longer than the receive timeout. */
  TIMEOUT;

  /**
   * The metric label.
   *
   * @return lowercase name, for example {@code invalid_signature}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
