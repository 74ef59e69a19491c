package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * Charon's {@code SignedSyncContributionAndProof}: altair {@code SignedContributionAndProof} (360
 * bytes SSZ on the wire).
 *
 * @param value the altair {@code SignedContributionAndProof}
 */
public record SignedSyncContributionAndProof(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedSyncContributionAndProof";
  /** Its container, signature field and wire encoding; reads its SSZ and JSON. */
  public static final ContainerFormat<SignedSyncContributionAndProof> FORMAT =
      new ContainerFormat<>(TYPE, Altair.SIGNED_CONTRIBUTION_AND_PROOF, "signature",
          PayloadEncoding.SSZ, SignedSyncContributionAndProof::new);

  /** Validates. */
  public SignedSyncContributionAndProof {
    FORMAT.check(value);
  }

  @Override
  public ContainerFormat<SignedSyncContributionAndProof> format() {
    return FORMAT;
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    SszContainer message = value.container("message");
    long slot = message.container("contribution").uint("slot");
    return Optional.of(new Eth2Signing(SigningDomain.CONTRIBUTION_AND_PROOF,
        CharonSignedData.epochOf(slot, slotsPerEpoch), message.hashTreeRoot()));
  }
}
