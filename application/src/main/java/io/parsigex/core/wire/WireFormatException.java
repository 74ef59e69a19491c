package io.parsigex.core.wire;

/**
 * A received parsigex frame that cannot be turned into a duty and a set of entries. Each subclass is
 * one class of malformed input; {@link #reason()} is its stable label for metrics and events.
 */
public abstract sealed class WireFormatException extends Exception
    permits WireFormatException.Truncated,
        WireFormatException.NonMinimalVarint,
        WireFormatException.VarintTooLong,
        WireFormatException.FrameTooLarge,
        WireFormatException.MalformedProtobuf,
        WireFormatException.MissingDuty,
        WireFormatException.MissingDataSet,
        WireFormatException.EmptyDataSet,
        WireFormatException.NonCanonicalPubKey,
        WireFormatException.InvalidShareIndex,
        WireFormatException.UnknownDutyType,
        WireFormatException.UnsupportedDutyType {

  private static final long serialVersionUID = 1L;

  private final String reason;

  private WireFormatException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  private WireFormatException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * A short, stable label for this class of error (a metric label value).
   *
   * @return for example {@code frame_too_large}
   */
  public String reason() {
    return reason;
  }

  /** The input ended before the length prefix or the message it announced was complete. */
  public static final class Truncated extends WireFormatException {
    private static final long serialVersionUID = 1L;

    Truncated(String message) {
      super("truncated", message);
    }
  }

  /** The length prefix was not minimally encoded (go-varint's ErrNotMinimal). */
  public static final class NonMinimalVarint extends WireFormatException {
    private static final long serialVersionUID = 1L;

    NonMinimalVarint(String message) {
      super("non_minimal_varint", message);
    }
  }

  /** The length prefix ran past 9 bytes (go-varint's limit for 63-bit values). */
  public static final class VarintTooLong extends WireFormatException {
    private static final long serialVersionUID = 1L;

    VarintTooLong(String message) {
      super("varint_too_long", message);
    }
  }

  /** The announced length exceeds the maximum message size; nothing was allocated for it. */
  public static final class FrameTooLarge extends WireFormatException {
    private static final long serialVersionUID = 1L;
    private final long announced;

    FrameTooLarge(long announced, long max) {
      super(
          "frame_too_large",
          "message of " + Long.toUnsignedString(announced) + " bytes exceeds the limit of " + max
              + " bytes");
      this.announced = announced;
    }

    /**
     * The length the sender announced.
     *
     * @return an unsigned byte count
     */
    public long announced() {
      return announced;
    }
  }

  /** The message bytes are not a valid {@code ParSigExMsg} protobuf. */
  public static final class MalformedProtobuf extends WireFormatException {
    private static final long serialVersionUID = 1L;

    MalformedProtobuf(String message, Throwable cause) {
      super("malformed_protobuf", message, cause);
    }
  }

  /** The message has no {@code duty} field. */
  public static final class MissingDuty extends WireFormatException {
    private static final long serialVersionUID = 1L;

    MissingDuty() {
      super("missing_duty", "ParSigExMsg has no duty (field 1)");
    }
  }

  /** The message has no {@code data_set} field. */
  public static final class MissingDataSet extends WireFormatException {
    private static final long serialVersionUID = 1L;

    MissingDataSet() {
      super("missing_data_set", "ParSigExMsg has no data_set (field 2)");
    }
  }

  /** The data set has no entries. */
  public static final class EmptyDataSet extends WireFormatException {
    private static final long serialVersionUID = 1L;

    EmptyDataSet() {
      super("empty_data_set", "ParSignedDataSet has no entries");
    }
  }

  /** A set key is not {@code "0x"} + 96 lowercase hex characters. */
  public static final class NonCanonicalPubKey extends WireFormatException {
    private static final long serialVersionUID = 1L;

    NonCanonicalPubKey(String message) {
      super("non_canonical_pubkey", message);
    }
  }

  /** An entry's share index is 0 (absent) or negative. */
  public static final class InvalidShareIndex extends WireFormatException {
    private static final long serialVersionUID = 1L;

    InvalidShareIndex(String message) {
      super("invalid_share_index", message);
    }
  }

  /** The duty type is not one of Charon's valid types 1..13. */
  public static final class UnknownDutyType extends WireFormatException {
    private static final long serialVersionUID = 1L;

    UnknownDutyType(String message) {
      super("unknown_duty_type", message);
    }
  }

  /** The duty type is valid in Charon but not carried by parsigex (builder_proposer, info_sync). */
  public static final class UnsupportedDutyType extends WireFormatException {
    private static final long serialVersionUID = 1L;

    UnsupportedDutyType(String message) {
      super("unsupported_duty_type", message);
    }
  }
}
