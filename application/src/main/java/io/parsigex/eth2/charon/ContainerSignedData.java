package io.parsigex.eth2.charon;

import io.parsigex.api.PayloadEncoding;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * A Charon signed type that is exactly one consensus container (no versioned wrapper): its Charon
 * JSON is the container's beacon-API JSON and its SSZ is the container's serialisation. Each type
 * states what sets it apart in its {@link ContainerFormat} ({@code FORMAT}: type name, container,
 * signature field, wire encoding; {@code FORMAT.fromSsz} and {@code FORMAT.fromJson} read it) and
 * its signing root in {@link #eth2Signing(long)}.
 */
public sealed interface ContainerSignedData extends CharonSignedData
    permits Attestation, SignedAggregateAndProof, SignedSyncMessage,
        SignedSyncContributionAndProof, SignedVoluntaryExit, SignedRandao,
        BeaconCommitteeSelection, SyncCommitteeSelection {

  /**
   * The container value.
   *
   * @return the value
   */
  SszContainer value();

  /**
   * What sets this type apart.
   *
   * @return the type's format
   */
  ContainerFormat<?> format();

  @Override
  default String typeName() {
    return format().typeName();
  }

  @Override
  default byte[] signature() {
    return format().signature(value());
  }

  @Override
  default PayloadEncoding wireEncoding() {
    return format().wireEncoding();
  }

  @Override
  default String toCharonJson() {
    return value().toJson();
  }

  @Override
  default Optional<byte[]> toSsz() {
    return Optional.of(value().serialize());
  }
}
