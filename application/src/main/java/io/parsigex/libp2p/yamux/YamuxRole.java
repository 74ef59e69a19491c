package io.parsigex.libp2p.yamux;

/** Which side of the connection a session is: the dialer uses odd stream ids, the listener even. */
public enum YamuxRole {
  /** The side that dialled the connection; opens streams 1, 3, 5, … */
  DIALER(1),
  /** The side that accepted the connection; opens streams 2, 4, 6, … */
  LISTENER(2);

  private final int firstStreamId;

  YamuxRole(int firstStreamId) {
    this.firstStreamId = firstStreamId;
  }

  /**
   * The id of the first stream this side opens.
   *
   * @return 1 for the dialer, 2 for the listener
   */
  public int firstStreamId() {
    return firstStreamId;
  }

  /**
   * Whether {@code streamId} is one this side would open.
   *
   * @param streamId an unsigned stream id
   * @return true when the parity matches this role
   */
  public boolean ownsStreamId(int streamId) {
    return (streamId & 1) == (firstStreamId & 1);
  }
}
