package io.parsigex.core.receive;

import java.util.Locale;

/**
 * Why a received set was refused, and whose fault that was ({@link #fault()}). {@link #label()} is
 * the metric label value, the feed's and the events' reason. A reason that is the node's own fault
 * (its plugins, its capacity, a bug) never blames the sending peer.
 */
public enum RejectReason {
  /** The frame or protobuf was malformed (see the wire error for the class). */
  MALFORMED(Fault.PEER),
  /** The frame declared more than the largest message the protocol allows (128 MiB). */
  OVERSIZE(Fault.PEER),
  /** The message named a duty type this node does not know. */
  UNKNOWN_DUTY(Fault.PEER),
  /** The sender is not a cluster member. */
  UNKNOWN_PEER(Fault.PEER),
  /** A duty gater refused the duty (for example, a slot outside the gater's window). */
  GATED(Fault.PEER),
  /** An entry's payload did not decode. */
  UNDECODABLE(Fault.PEER),
  /** A verifier refused an entry's signature. */
  INVALID_SIGNATURE(Fault.PEER),
  /** An entry carries a share index other than the sender's own, or one that has no public share. */
  WRONG_SHARE(Fault.PEER),
  /** The peer did not deliver a complete message within the receive timeout. */
  TIMEOUT(Fault.PEER),
  /**
   * The peer is throttled: its recent sets kept failing verification, so its new streams are
   * refused early until it behaves.
   */
  THROTTLED(Fault.PEER),
  /** A plugin (gater, verifier or codec) did not answer within the plugin call timeout. */
  PLUGIN_TIMEOUT(Fault.NODE),
  /**
   * A plugin failed while the set was handled: its codec, verifier or gater, or a method of a value
   * it decoded, threw, answered nonsense, or is out of service (see
   * {@code parsigex_plugin_failures_total} for which plugin).
   */
  PLUGIN_FAILED(Fault.NODE),
  /**
   * The node had no room: its queue or byte budget was full, or the set was shed for newer duties
   * (the message says which).
   */
  OVERLOADED(Fault.NODE),
  /** A bug in this node: an unexpected exception while the set was handled. */
  INTERNAL(Fault.NODE);

  /** Whose fault a refusal is. */
  public enum Fault {
    /** The sending peer sent something wrong, or too slowly. */
    PEER,
    /** This node (its plugins, its capacity or its code) could not handle a set. */
    NODE;

    /**
     * The metric label.
     *
     * @return {@code peer} or {@code node}
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Fault fault;

  RejectReason(Fault fault) {
    this.fault = fault;
  }

  /**
   * The reason for a frame or protobuf that did not parse, by its wire error label
   * ({@code WireFormatException.reason()}): {@link #OVERSIZE} for a frame over the size limit,
   * {@link #UNKNOWN_DUTY} for a duty type this node does not know, {@link #MALFORMED} otherwise.
   *
   * @param wireReason the wire error's label, for example {@code frame_too_large}
   * @return the refusal reason
   */
  public static RejectReason ofWireError(String wireReason) {
    return switch (wireReason) {
      case "frame_too_large" -> OVERSIZE;
      case "unknown_duty_type", "unsupported_duty_type" -> UNKNOWN_DUTY;
      default -> MALFORMED;
    };
  }

  /**
   * Whose fault this refusal is.
   *
   * @return {@link Fault#PEER} or {@link Fault#NODE}
   */
  public Fault fault() {
    return fault;
  }

  /**
   * The metric label.
   *
   * @return lowercase name, for example {@code invalid_signature}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
