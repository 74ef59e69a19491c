package io.parsigex.libp2p.yamux;

/** The error codes a go-away frame carries in its length field. */
public enum YamuxGoAwayCode {
  /** Orderly shutdown. */
  NORMAL(0),
  /** The peer violated the protocol. */
  PROTOCOL_ERROR(1),
  /** The sender failed internally. */
  INTERNAL_ERROR(2),
  /** A code this implementation does not know (still a go-away). */
  UNKNOWN(-1);

  private final long code;

  YamuxGoAwayCode(long code) {
    this.code = code;
  }

  /**
   * The wire value.
   *
   * @return the code, or -1 for {@link #UNKNOWN}
   */
  public long code() {
    return code;
  }

  /**
   * The enum constant for a wire value.
   *
   * @param code the unsigned length field of a go-away frame
   * @return the matching constant, {@link #UNKNOWN} otherwise
   */
  public static YamuxGoAwayCode fromCode(long code) {
    for (YamuxGoAwayCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return UNKNOWN;
  }
}
