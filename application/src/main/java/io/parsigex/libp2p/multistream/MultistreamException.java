package io.parsigex.libp2p.multistream;

/** Why a multistream-select negotiation failed. */
public abstract sealed class MultistreamException extends Exception
    permits MultistreamException.ProtocolViolation, MultistreamException.NoAgreement,
        MultistreamException.Timeout, MultistreamException.Closed {

  private static final long serialVersionUID = 1L;

  MultistreamException(String message) {
    super(message);
  }

  /** The peer sent something that is not multistream-select 1.0 (or too long a message). */
  public static final class ProtocolViolation extends MultistreamException {
    private static final long serialVersionUID = 1L;

    ProtocolViolation(String message) {
      super(message);
    }
  }

  /** The peer supports none of the protocols we proposed (or proposed too many we lack). */
  public static final class NoAgreement extends MultistreamException {
    private static final long serialVersionUID = 1L;

    NoAgreement(String message) {
      super(message);
    }
  }

  /** The negotiation did not finish in time. */
  public static final class Timeout extends MultistreamException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message how long it waited
     */
    public Timeout(String message) {
      super(message);
    }
  }

  /** The connection or stream closed before a protocol was agreed. */
  public static final class Closed extends MultistreamException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what closed
     */
    public Closed(String message) {
      super(message);
    }
  }
}
