package io.parsigex.api;

import java.util.Objects;

/**
 * A verifier's answer for one partial signature. Immutable.
 *
 * @param valid whether the signature is accepted
 * @param reason why it was refused; empty when valid
 */
public record VerificationResult(boolean valid, String reason) {

  private static final VerificationResult VALID = new VerificationResult(true, "");

  /**
   * Validates: a refusal needs a reason.
   *
   * @param valid whether the signature is accepted
   * @param reason why it was refused; empty when valid
   */
  public VerificationResult {
    Objects.requireNonNull(reason, "reason");
    if (!valid && reason.isBlank()) {
      throw new IllegalArgumentException("a refusal must say why");
    }
  }

  /**
   * Accepted.
   *
   * @return the shared valid result
   */
  public static VerificationResult ok() {
    return VALID;
  }

  /**
   * Refused.
   *
   * @param reason for example "invalid signature" or "unknown pubkey, not part of cluster lock"
   * @return the refusal
   */
  public static VerificationResult invalid(String reason) {
    return new VerificationResult(false, reason);
  }
}
