package io.parsigex.eth2.charon;

import io.parsigex.api.DutyType;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.eth2.charon.DutyCodec.Carried;
import java.util.List;
import java.util.Optional;

/**
 * The node's built-in payload codecs, one per duty type the partial-signature exchange carries,
 * following Go Charon ({@code charon:core/proto.go}, {@code charon:core/signeddata.go}): SSZ on the wire for proposer, attester,
 * aggregator, sync message and sync contribution; JSON for the rest.
 */
public final class Eth2Codecs {
  private static final List<DutyCodec> BUILT_INS = List.of(
      codec(DutyType.PROPOSER, new Carried<>(VersionedSignedProposal.class,
          VersionedSignedProposal::fromSsz, VersionedSignedProposal::fromJson)),
      // Go HEAD accepts only VersionedAttestation; v1.10.3 peers may send a plain phase0 one.
      codec(DutyType.ATTESTER,
          new Carried<>(VersionedAttestation.class, VersionedAttestation::fromSsz,
              VersionedAttestation::fromJson),
          Carried.sszThenJson(Attestation.class, Attestation.FORMAT)),
      codec(DutyType.SIGNATURE, new Carried<>(Signature.class, null, Signature::fromJson)),
      codec(DutyType.EXIT, Carried.sszThenJson(SignedVoluntaryExit.class,
          SignedVoluntaryExit.FORMAT)),
      codec(DutyType.BUILDER_REGISTRATION, new Carried<>(
          VersionedSignedValidatorRegistration.class, null,
          VersionedSignedValidatorRegistration::fromJson)),
      codec(DutyType.RANDAO, Carried.jsonOnly(SignedRandao.class, SignedRandao.FORMAT)),
      codec(DutyType.PREPARE_AGGREGATOR, Carried.jsonOnly(BeaconCommitteeSelection.class,
          BeaconCommitteeSelection.FORMAT)),
      // Go tries the plain phase0 SignedAggregateAndProof first, then the versioned one (which
      // current validator clients produce, so its error is the one reported).
      codecReportingLast(DutyType.AGGREGATOR,
          Carried.sszThenJson(SignedAggregateAndProof.class, SignedAggregateAndProof.FORMAT),
          new Carried<>(VersionedSignedAggregateAndProof.class,
              VersionedSignedAggregateAndProof::fromSsz,
              VersionedSignedAggregateAndProof::fromJson)),
      codec(DutyType.SYNC_MESSAGE, Carried.sszThenJson(SignedSyncMessage.class,
          SignedSyncMessage.FORMAT)),
      codec(DutyType.PREPARE_SYNC_CONTRIBUTION, Carried.jsonOnly(SyncCommitteeSelection.class,
          SyncCommitteeSelection.FORMAT)),
      codec(DutyType.SYNC_CONTRIBUTION, Carried.sszThenJson(SignedSyncContributionAndProof.class,
          SignedSyncContributionAndProof.FORMAT)));

  private Eth2Codecs() {}

  private static DutyCodec codec(DutyType duty, Carried<?>... carried) {
    return new DutyCodec(duty, List.of(carried), 0);
  }

  private static DutyCodec codecReportingLast(DutyType duty, Carried<?>... carried) {
    return new DutyCodec(duty, List.of(carried), carried.length - 1);
  }

  /**
   * The built-in codecs (priority {@link SignedDataCodec#BUILT_IN_PRIORITY}), one per duty type
   * carried by parsigex.
   *
   * @return an unmodifiable list
   */
  public static List<SignedDataCodec> builtIns() {
    return List.copyOf(BUILT_INS);
  }

  /**
   * The built-in codec of one duty.
   *
   * @param duty the duty type
   * @return the codec, or empty for duties parsigex does not carry
   */
  public static Optional<SignedDataCodec> forDuty(DutyType duty) {
    for (DutyCodec c : BUILT_INS) {
      if (c.duty() == duty) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
