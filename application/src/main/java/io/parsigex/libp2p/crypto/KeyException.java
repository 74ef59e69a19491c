package io.parsigex.libp2p.crypto;

/** Why a key could not be decoded or loaded. */
public abstract sealed class KeyException extends Exception
    permits KeyException.Malformed, KeyException.Unsupported, KeyException.KeyFile {

  private static final long serialVersionUID = 1L;

  KeyException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Bytes that do not encode a valid key (bad length, point not on the curve, bad protobuf). */
  public static final class Malformed extends KeyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong
     */
    public Malformed(String message) {
      super(message, null);
    }

    /**
     * Creates the error.
     *
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A well-formed key of a type this node does not support (RSA, ECDSA). */
  public static final class Unsupported extends KeyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message which type
     */
    public Unsupported(String message) {
      super(message, null);
    }
  }

  /** A key file that cannot be read or is not in Charon's format. */
  public static final class KeyFile extends KeyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what to fix in the file
     * @param cause the underlying failure, if any
     */
    public KeyFile(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
