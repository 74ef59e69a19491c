package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * A plain phase0 {@code Attestation}, the attester payload of Charon v1.10.3 and earlier (still
 * accepted from older peers). SSZ on the wire.
 *
 * @param value the phase0 {@code Attestation}
 */
public record Attestation(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "Attestation";
  /** Its container, signature field and wire encoding; reads its SSZ and JSON. */
  public static final ContainerFormat<Attestation> FORMAT = new ContainerFormat<>(TYPE,
      Phase0.ATTESTATION, "signature", PayloadEncoding.SSZ, Attestation::new);

  /** Validates. */
  public Attestation {
    FORMAT.check(value);
  }

  static Optional<Eth2Signing> signing(SszContainer attestation) {
    SszContainer data = attestation.container("data");
    return Optional.of(new Eth2Signing(SigningDomain.BEACON_ATTESTER,
        data.container("target").uint("epoch"), data.hashTreeRoot()));
  }

  @Override
  public ContainerFormat<Attestation> format() {
    return FORMAT;
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return signing(value);
  }
}
