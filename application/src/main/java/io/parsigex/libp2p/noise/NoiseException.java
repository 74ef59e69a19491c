package io.parsigex.libp2p.noise;

/** Why a Noise handshake or secured connection failed; the connection is closed in every case. */
public abstract sealed class NoiseException extends Exception
    permits NoiseException.HandshakeFailed, NoiseException.PeerMismatch,
        NoiseException.DecryptFailed, NoiseException.NonceExhausted, NoiseException.Timeout {

  private static final long serialVersionUID = 1L;

  NoiseException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The peer's handshake messages were malformed, or its identity proof was invalid. */
  public static final class HandshakeFailed extends NoiseException {
    private static final long serialVersionUID = 1L;

    HandshakeFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The responder proved an identity other than the peer id we dialled. */
  public static final class PeerMismatch extends NoiseException {
    private static final long serialVersionUID = 1L;

    PeerMismatch(String message) {
      super(message, null);
    }
  }

  /** A message failed authentication: corrupted, replayed or forged bytes. */
  public static final class DecryptFailed extends NoiseException {
    private static final long serialVersionUID = 1L;

    DecryptFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** 2^64-1 messages were sent or received with one key; the connection must be re-established. */
  public static final class NonceExhausted extends NoiseException {
    private static final long serialVersionUID = 1L;

    NonceExhausted(String message) {
      super(message, null);
    }
  }

  /** The handshake did not finish in time. */
  public static final class Timeout extends NoiseException {
    private static final long serialVersionUID = 1L;

    Timeout(String message) {
      super(message, null);
    }
  }
}
