package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.ssz.Ssz;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * Charon's {@code BeaconCommitteeSelection}: JSON on the wire; signs
 * {@code hash_tree_root(uint64 slot)}.
 *
 * @param value the {@link CharonContainers#BEACON_COMMITTEE_SELECTION} value
 */
public record BeaconCommitteeSelection(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "BeaconCommitteeSelection";
  /** Its container, signature field and wire encoding; reads its SSZ and JSON. */
  public static final ContainerFormat<BeaconCommitteeSelection> FORMAT =
      new ContainerFormat<>(TYPE, CharonContainers.BEACON_COMMITTEE_SELECTION, "selection_proof",
          PayloadEncoding.JSON, BeaconCommitteeSelection::new);

  /** Validates. */
  public BeaconCommitteeSelection {
    FORMAT.check(value);
  }

  @Override
  public ContainerFormat<BeaconCommitteeSelection> format() {
    return FORMAT;
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    long slot = value.uint("slot");
    return Optional.of(new Eth2Signing(SigningDomain.SELECTION_PROOF,
        CharonSignedData.epochOf(slot, slotsPerEpoch), Ssz.UINT64.hashTreeRoot(slot)));
  }
}
