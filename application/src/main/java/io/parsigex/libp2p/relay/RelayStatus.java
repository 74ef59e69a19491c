package io.parsigex.libp2p.relay;

import java.util.Arrays;

/** The status codes of circuit relay v2 (the {@code Status} enum of the spec). */
public enum RelayStatus {
  /** Unset. */
  UNUSED(0),
  /** Success. */
  OK(100),
  /** The relay refused the reservation. */
  RESERVATION_REFUSED(200),
  /** The relay is out of reservations or circuits. */
  RESOURCE_LIMIT_EXCEEDED(201),
  /** The relay or the peer does not permit this. */
  PERMISSION_DENIED(202),
  /** The relay could not reach the peer. */
  CONNECTION_FAILED(203),
  /** The peer holds no reservation on the relay. */
  NO_RESERVATION(204),
  /** The message could not be parsed. */
  MALFORMED_MESSAGE(400),
  /** The message was not expected. */
  UNEXPECTED_MESSAGE(401),
  /** A code this implementation does not know. */
  UNKNOWN(-1);

  private final int code;

  RelayStatus(int code) {
    this.code = code;
  }

  /**
   * The wire code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * The status of a wire code.
   *
   * @param code the code
   * @return the status, {@link #UNKNOWN} for unknown codes
   */
  public static RelayStatus of(int code) {
    return Arrays.stream(values()).filter(s -> s.code == code && s != UNKNOWN).findFirst()
        .orElse(UNKNOWN);
  }
}
