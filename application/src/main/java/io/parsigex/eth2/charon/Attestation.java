package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;

/**
 * A plain phase0 {@code Attestation}, the attester payload of Charon v1.10.3 and earlier (still
 * accepted from older peers). SSZ on the wire.
 *
 * @param attestation the phase0 {@code Attestation}
 */
public record Attestation(SszContainer attestation) implements CharonSignedData {
  /** Charon's type name. */
  public static final String TYPE = "Attestation";

  /** Validates. */
  public Attestation {
    Objects.requireNonNull(attestation, "attestation");
    Phase0.ATTESTATION.check(attestation);
  }

  static Optional<Eth2Signing> signing(SszContainer attestation) {
    SszContainer data = attestation.container("data");
    return Optional.of(new Eth2Signing(SigningDomain.BEACON_ATTESTER,
        data.container("target").uint("epoch"), data.hashTreeRoot()));
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public byte[] signature() {
    return attestation.bytes("signature").toArray();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return signing(attestation);
  }

  @Override
  public String toCharonJson() {
    return attestation.toJson();
  }

  @Override
  public PayloadEncoding wireEncoding() {
    return PayloadEncoding.SSZ;
  }

  @Override
  public Optional<byte[]> toSsz() {
    return Optional.of(attestation.serialize());
  }

  /**
   * Decodes the phase0 SSZ.
   *
   * @param in the payload
   * @return the value
   * @throws SszException when invalid
   */
  public static Attestation fromSsz(byte[] in) throws SszException {
    return new Attestation(Phase0.ATTESTATION.deserialize(in));
  }

  /**
   * Parses the beacon-API JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static Attestation fromJson(String json) throws JsonFormatException {
    return new Attestation(Phase0.ATTESTATION.fromJson(json));
  }
}
