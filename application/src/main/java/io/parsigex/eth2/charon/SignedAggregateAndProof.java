package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * The legacy plain phase0 {@code SignedAggregateAndProof} aggregator payload; SSZ on the wire.
 *
 * @param value the phase0 {@code SignedAggregateAndProof}
 */
public record SignedAggregateAndProof(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedAggregateAndProof";
  /** Its container, signature field and wire encoding; reads its SSZ and JSON. */
  public static final ContainerFormat<SignedAggregateAndProof> FORMAT =
      new ContainerFormat<>(TYPE, Phase0.SIGNED_AGGREGATE_AND_PROOF, "signature",
          PayloadEncoding.SSZ, SignedAggregateAndProof::new);

  /** Validates. */
  public SignedAggregateAndProof {
    FORMAT.check(value);
  }

  @Override
  public ContainerFormat<SignedAggregateAndProof> format() {
    return FORMAT;
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return signing(value, slotsPerEpoch);
  }

  static Optional<Eth2Signing> signing(SszContainer signed, long slotsPerEpoch) {
    SszContainer message = signed.container("message");
    long slot = message.container("aggregate").container("data").uint("slot");
    return Optional.of(new Eth2Signing(SigningDomain.AGGREGATE_AND_PROOF,
        CharonSignedData.epochOf(slot, slotsPerEpoch), message.hashTreeRoot()));
  }
}
