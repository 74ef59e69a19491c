package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * Charon's {@code SyncCommitteeSelection}: JSON on the wire; signs
 * {@code SyncAggregatorSelectionData{slot, subcommittee_index}}.
 *
 * @param value the {@link CharonContainers#SYNC_COMMITTEE_SELECTION} value
 */
public record SyncCommitteeSelection(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SyncCommitteeSelection";
  /** Its container, signature field and wire encoding; reads its SSZ and JSON. */
  public static final ContainerFormat<SyncCommitteeSelection> FORMAT =
      new ContainerFormat<>(TYPE, CharonContainers.SYNC_COMMITTEE_SELECTION, "selection_proof",
          PayloadEncoding.JSON, SyncCommitteeSelection::new);

  /** Validates. */
  public SyncCommitteeSelection {
    FORMAT.check(value);
  }

  @Override
  public ContainerFormat<SyncCommitteeSelection> format() {
    return FORMAT;
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    long slot = value.uint("slot");
    SszContainer selectionData = Altair.SYNC_AGGREGATOR_SELECTION_DATA.builder().set("slot", slot)
        .set("subcommittee_index", value.uint("subcommittee_index")).build();
    return Optional.of(new Eth2Signing(SigningDomain.SYNC_COMMITTEE_SELECTION_PROOF,
        CharonSignedData.epochOf(slot, slotsPerEpoch), selectionData.hashTreeRoot()));
  }
}
