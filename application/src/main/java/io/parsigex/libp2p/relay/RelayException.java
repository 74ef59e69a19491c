package io.parsigex.libp2p.relay;

/** Why a circuit relay operation failed. */
public abstract sealed class RelayException extends Exception
    permits RelayException.Refused, RelayException.Malformed, RelayException.Timeout,
        RelayException.Closed {

  private static final long serialVersionUID = 1L;

  RelayException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The relay (or the peer, through the relay) answered with a status other than OK. */
  public static final class Refused extends RelayException {
    private static final long serialVersionUID = 1L;
    private final RelayStatus status;

    Refused(String message, RelayStatus status) {
      super(message + " (status " + status + ")", null);
      this.status = status;
    }

    /**
     * The status the relay answered.
     *
     * @return the status
     */
    public RelayStatus status() {
      return status;
    }
  }

  /** A relay message was not valid protobuf, too long, or not the expected type. */
  public static final class Malformed extends RelayException {
    private static final long serialVersionUID = 1L;

    Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The relay did not answer in time. */
  public static final class Timeout extends RelayException {
    private static final long serialVersionUID = 1L;

    Timeout(String message) {
      super(message, null);
    }
  }

  /** The relay stream or connection closed before the exchange finished. */
  public static final class Closed extends RelayException {
    private static final long serialVersionUID = 1L;

    Closed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
