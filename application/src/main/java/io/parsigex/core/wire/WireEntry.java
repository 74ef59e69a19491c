package io.parsigex.core.wire;

import java.util.Objects;

/**
 * One entry of a parsigex set as it is on the wire, before its payload is decoded. Immutable.
 *
 * @param data the payload bytes ({@code ParSignedData.data}), SSZ or JSON
 * @param signature the protobuf {@code signature} field: written on send, ignored on receive (always
 *     empty after decoding)
 * @param shareIndex the 1-based share index
 */
public record WireEntry(byte[] data, byte[] signature, int shareIndex) {

  private static final byte[] EMPTY = new byte[0];

  /** Validates and copies. */
  public WireEntry {
    Objects.requireNonNull(data, "data");
    signature = signature == null ? EMPTY : signature.clone();
    data = data.clone();
    if (shareIndex < 1) {
      throw new IllegalArgumentException("a share index is 1 or more, got " + shareIndex);
    }
  }

  /**
   * The payload bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /**
   * The protobuf signature field.
   *
   * @return a copy
   */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Payload length without copying.
   *
   * @return bytes
   */
  public int dataLength() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WireEntry e
        && shareIndex == e.shareIndex
        && java.util.Arrays.equals(data, e.data)
        && java.util.Arrays.equals(signature, e.signature);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(data) + shareIndex;
  }

  @Override
  public String toString() {
    return "WireEntry[" + data.length + " bytes, share " + shareIndex + "]";
  }
}
