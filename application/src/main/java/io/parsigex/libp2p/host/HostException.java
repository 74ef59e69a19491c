package io.parsigex.libp2p.host;

/** Why a host operation (dial, new stream) failed. */
public abstract sealed class HostException extends Exception
    permits HostException.DialFailed, HostException.SecurityFailed, HostException.Gated,
        HostException.NegotiationFailed, HostException.NoAddress, HostException.Closed {

  private static final long serialVersionUID = 1L;

  HostException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The TCP connection could not be made (refused, unreachable, timed out). */
  public static final class DialFailed extends HostException {
    private static final long serialVersionUID = 1L;

    DialFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Security or muxer negotiation failed (Noise error, wrong peer, no common protocol). */
  public static final class SecurityFailed extends HostException {
    private static final long serialVersionUID = 1L;

    SecurityFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The connection gater refused the peer (it is not a cluster peer). */
  public static final class Gated extends HostException {
    private static final long serialVersionUID = 1L;

    Gated(String message) {
      super(message, null);
    }
  }

  /** The peer does not support the requested stream protocol, or negotiation timed out. */
  public static final class NegotiationFailed extends HostException {
    private static final long serialVersionUID = 1L;

    NegotiationFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** No connection to the peer and no known address to dial. */
  public static final class NoAddress extends HostException {
    private static final long serialVersionUID = 1L;

    NoAddress(String message) {
      super(message, null);
    }
  }

  /** The host, connection or stream closed before the operation finished. */
  public static final class Closed extends HostException {
    private static final long serialVersionUID = 1L;

    Closed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
