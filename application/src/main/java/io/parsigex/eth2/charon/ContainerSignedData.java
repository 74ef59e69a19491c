package io.parsigex.eth2.charon;

import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * A Charon signed type that is exactly one consensus container (no versioned wrapper): its Charon
 * JSON is the container's beacon-API JSON and its SSZ is the container's serialisation.
 */
public sealed interface ContainerSignedData extends CharonSignedData
    permits SignedAggregateAndProof, SignedSyncMessage, SignedSyncContributionAndProof,
        SignedVoluntaryExit, SignedRandao, BeaconCommitteeSelection, SyncCommitteeSelection {

  /**
   * The container value.
   *
   * @return the value
   */
  SszContainer value();

  @Override
  default String toCharonJson() {
    return value().toJson();
  }

  @Override
  default Optional<byte[]> toSsz() {
    return Optional.of(value().serialize());
  }
}
