package io.parsigex.libp2p.yamux;

import java.util.Optional;

/** The four Yamux frame types and their wire codes. */
public enum YamuxFrameType {
  /** Stream data; the length field is the payload length. */
  DATA(0),
  /** Stream window update; the length field is a window delta. */
  WINDOW_UPDATE(1),
  /** Session ping; stream id 0, the length field is an opaque value echoed back. */
  PING(2),
  /** Session go-away; stream id 0, the length field is an error code. */
  GO_AWAY(3);

  private final int code;

  YamuxFrameType(int code) {
    this.code = code;
  }

  /**
   * The wire code.
   *
   * @return 0 to 3
   */
  public int code() {
    return code;
  }

  /**
   * The type for a wire code.
   *
   * @param code the header's type byte (unsigned)
   * @return the type, or empty for an unknown code
   */
  public static Optional<YamuxFrameType> fromCode(int code) {
    return switch (code) {
      case 0 -> Optional.of(DATA);
      case 1 -> Optional.of(WINDOW_UPDATE);
      case 2 -> Optional.of(PING);
      case 3 -> Optional.of(GO_AWAY);
      default -> Optional.empty();
    };
  }
}
