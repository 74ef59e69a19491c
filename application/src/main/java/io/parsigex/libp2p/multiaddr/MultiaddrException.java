package io.parsigex.libp2p.multiaddr;

/** Why a multiaddr could not be parsed. */
public abstract sealed class MultiaddrException extends Exception
    permits MultiaddrException.Malformed, MultiaddrException.Unsupported {

  private static final long serialVersionUID = 1L;

  MultiaddrException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Text or bytes that break the multiaddr grammar or a component's value rules. */
  public static final class Malformed extends MultiaddrException {
    private static final long serialVersionUID = 1L;

    Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A well-formed protocol this stack does not handle (e.g. /udp, /quic-v1, /ws). */
  public static final class Unsupported extends MultiaddrException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null);
    }
  }
}
