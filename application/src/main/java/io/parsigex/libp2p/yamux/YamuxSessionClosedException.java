package io.parsigex.libp2p.yamux;

/**
 * The session is closed or going away (a go-away was sent or received, or the connection dropped),
 * so no new stream can be opened on it. Dial a new connection.
 */
public final class YamuxSessionClosedException extends YamuxException {
  private static final long serialVersionUID = 1L;

  private final YamuxGoAwayCode code;

  /**
   * Creates the error.
   *
   * @param message what closed the session
   * @param code the go-away code involved, {@link YamuxGoAwayCode#NORMAL} when none was
   */
  public YamuxSessionClosedException(String message, YamuxGoAwayCode code) {
    super(message);
    this.code = code;
  }

  /**
   * The go-away code that ended the session.
   *
   * @return the code
   */
  public YamuxGoAwayCode code() {
    return code;
  }
}
