package io.parsigex.core.extensions;

import java.util.Locale;

/** Why a guarded extension call did not accept. */
public enum RejectionKind {
  /** The extension answered with a refusal (gate denied, signature invalid, payload undecodable). */
  REFUSED,
  /** The extension did not answer within the call timeout. */
  TIMEOUT,
  /** The extension threw. */
  FAILED,
  /** The extension answered nonsense: {@code null}, or a result list of the wrong size. */
  INVALID_RESULT,
  /**
   * The plugin workers had no room: the queue was full, or no worker became free before the call's
   * deadline; the call was not made.
   */
  OVERLOADED,
  /**
   * The plugin's circuit breaker has taken it out of service after a run of failures; the call
   * was not made.
   */
  OUT_OF_SERVICE;

  /**
   * The metric tag value.
   *
   * @return for example {@code invalid_result}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
