package io.parsigex.api;

import java.util.Objects;

/**
 * A payload decoded by a {@link SignedDataCodec}. Immutable.
 *
 * @param data the decoded value
 * @param encoding which encoding the bytes were in
 */
public record DecodedPayload(SignedData data, PayloadEncoding encoding) {
  /**
   * Validates.
   *
   * @param data the decoded value
   * @param encoding which encoding the bytes were in
   */
  public DecodedPayload {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(encoding, "encoding");
  }
}
