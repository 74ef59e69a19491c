package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;

/**
 * Charon's {@code SyncCommitteeSelection}: JSON on the wire; signs {@code SyncAggregatorSelectionData{slot, subcommittee_index}}.
 *
 * @param value the {@link CharonContainers#SYNC_COMMITTEE_SELECTION} value
 */
public record SyncCommitteeSelection(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SyncCommitteeSelection";
  /** The container this type wraps. */
  public static final ContainerType CONTAINER = CharonContainers.SYNC_COMMITTEE_SELECTION;

  /** Validates. */
  public SyncCommitteeSelection {
    Objects.requireNonNull(value, "value");
    CONTAINER.check(value);
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public byte[] signature() {
    return value.bytes("selection_proof").toArray();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return Optional.of(new Eth2Signing(SigningDomain.SYNC_COMMITTEE_SELECTION_PROOF, CharonSignedData.epochOf(value.uint("slot"), slotsPerEpoch), Altair.SYNC_AGGREGATOR_SELECTION_DATA.builder().set("slot", value.uint("slot")).set("subcommittee_index", value.uint("subcommittee_index")).build().hashTreeRoot()));
  }

  @Override
  public PayloadEncoding wireEncoding() {
    return PayloadEncoding.JSON;
  }

  /**
   * Decodes the SSZ container (exact size).
   *
   * @param in the payload
   * @return the value
   * @throws SszException when invalid
   */
  public static SyncCommitteeSelection fromSsz(byte[] in) throws SszException {
    return new SyncCommitteeSelection(CONTAINER.deserialize(in));
  }

  /**
   * Parses the JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static SyncCommitteeSelection fromJson(String json) throws JsonFormatException {
    return new SyncCommitteeSelection(CONTAINER.fromJson(json));
  }
}
