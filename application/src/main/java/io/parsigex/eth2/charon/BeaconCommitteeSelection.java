package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.Ssz;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;

/**
 * Charon's {@code BeaconCommitteeSelection}: JSON on the wire; signs {@code hash_tree_root(uint64 slot)}.
 *
 * @param value the {@link CharonContainers#BEACON_COMMITTEE_SELECTION} value
 */
public record BeaconCommitteeSelection(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "BeaconCommitteeSelection";
  /** The container this type wraps. */
  public static final ContainerType CONTAINER = CharonContainers.BEACON_COMMITTEE_SELECTION;

  /** Validates. */
  public BeaconCommitteeSelection {
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
    return Optional.of(new Eth2Signing(SigningDomain.SELECTION_PROOF, CharonSignedData.epochOf(value.uint("slot"), slotsPerEpoch), Ssz.UINT64.hashTreeRoot(value.uint("slot"))));
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
  public static BeaconCommitteeSelection fromSsz(byte[] in) throws SszException {
    return new BeaconCommitteeSelection(CONTAINER.deserialize(in));
  }

  /**
   * Parses the JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static BeaconCommitteeSelection fromJson(String json) throws JsonFormatException {
    return new BeaconCommitteeSelection(CONTAINER.fromJson(json));
  }
}
