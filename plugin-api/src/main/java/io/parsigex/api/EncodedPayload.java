package io.parsigex.api;

import java.util.Objects;

/**
 * Payload bytes produced by a {@link SignedDataCodec}. Immutable.
 *
 * @param bytes the bytes to put in {@code ParSignedData.data}
 * @param encoding which encoding they are in
 */
public record EncodedPayload(byte[] bytes, PayloadEncoding encoding) {
  /**
   * Validates and copies.
   *
   * @param bytes the bytes to put in {@code ParSignedData.data}
   * @param encoding which encoding they are in
   */
  public EncodedPayload {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(encoding, "encoding");
    bytes = bytes.clone();
  }

  /**
   * The bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
