package io.parsigex.eth2.charon;

import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SignedData;
import java.util.Optional;

/**
 * The signed types Charon carries in {@code ParSignedData.data}, with the wire encoding Go uses
 * for each (Charon's {@code core/proto.go} and {@code core/signeddata.go}). All are immutable.
 */
public sealed interface CharonSignedData extends SignedData
    permits VersionedSignedProposal, VersionedAttestation, VersionedSignedAggregateAndProof,
        ContainerSignedData,
        VersionedSignedValidatorRegistration, Signature {

  /**
   * How Go puts this type on the wire.
   *
   * @return SSZ or JSON
   */
  PayloadEncoding wireEncoding();

  /**
   * The SSZ encoding (Charon's wrapper included), for types that have one.
   *
   * @return the bytes, or empty for JSON-only types
   */
  Optional<byte[]> toSsz();

  /**
   * The bytes Go puts in {@code ParSignedData.data}: SSZ for SSZ types, compact JSON otherwise.
   *
   * @return the payload
   */
  default byte[] toWire() {
    if (wireEncoding() == PayloadEncoding.SSZ) {
      return toSsz().orElseThrow();
    }
    return toCharonJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Splits an epoch out of a slot.
   *
   * @param slot the slot (unsigned)
   * @param slotsPerEpoch {@code SLOTS_PER_EPOCH}
   * @return {@code slot / slotsPerEpoch}, unsigned
   * @throws IllegalArgumentException when {@code slotsPerEpoch} is not positive
   */
  static long epochOf(long slot, long slotsPerEpoch) {
    if (slotsPerEpoch <= 0) {
      throw new IllegalArgumentException("slots per epoch must be positive, got " + slotsPerEpoch);
    }
    return Long.divideUnsigned(slot, slotsPerEpoch);
  }
}
