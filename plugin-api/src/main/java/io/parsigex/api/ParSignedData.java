package io.parsigex.api;

import java.util.Objects;

/**
 * One partial signature: the signed data and the threshold share index of the signer. Immutable.
 *
 * @param data the decoded signed payload
 * @param shareIndex the 1-based share index (share index {@code i} belongs to cluster member
 *     {@code i - 1})
 */
public record ParSignedData(SignedData data, int shareIndex) {

  /**
   * Validates.
   *
   * @param data the decoded signed payload
   * @param shareIndex the 1-based share index (share index {@code i} belongs to cluster member
   *     {@code i - 1})
   * @throws IllegalArgumentException if the share index is below 1
   */
  public ParSignedData {
    Objects.requireNonNull(data, "data");
    if (shareIndex < 1) {
      throw new IllegalArgumentException("a share index is 1 or more, got " + shareIndex);
    }
  }
}
