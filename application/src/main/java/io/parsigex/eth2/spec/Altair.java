package io.parsigex.eth2.spec;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.ssz.ContainerType;

/** Altair containers (sync committees), mainnet preset. */
public final class Altair {
  /** {@code SyncAggregate}. */
  public static final ContainerType SYNC_AGGREGATE = container("SyncAggregate",
      field("sync_committee_bits", bitvector(Preset.SYNC_COMMITTEE_SIZE)),
      field("sync_committee_signature", Phase0.BLS_SIGNATURE));
  /** {@code SyncCommitteeMessage}. */
  public static final ContainerType SYNC_COMMITTEE_MESSAGE = container("SyncCommitteeMessage",
      field("slot", UINT64), field("beacon_block_root", Phase0.ROOT),
      field("validator_index", UINT64), field("signature", Phase0.BLS_SIGNATURE));
  /** {@code SyncCommitteeContribution}. */
  public static final ContainerType SYNC_COMMITTEE_CONTRIBUTION = container(
      "SyncCommitteeContribution", field("slot", UINT64), field("beacon_block_root", Phase0.ROOT),
      field("subcommittee_index", UINT64),
      field("aggregation_bits",
          bitvector(Preset.SYNC_COMMITTEE_SIZE / Preset.SYNC_COMMITTEE_SUBNET_COUNT)),
      field("signature", Phase0.BLS_SIGNATURE));
  /** {@code ContributionAndProof}. */
  public static final ContainerType CONTRIBUTION_AND_PROOF = container("ContributionAndProof",
      field("aggregator_index", UINT64), field("contribution", SYNC_COMMITTEE_CONTRIBUTION),
      field("selection_proof", Phase0.BLS_SIGNATURE));
  /** {@code SignedContributionAndProof}. */
  public static final ContainerType SIGNED_CONTRIBUTION_AND_PROOF =
      Blocks.signed("SignedContributionAndProof", CONTRIBUTION_AND_PROOF);
  /** {@code SyncAggregatorSelectionData}. */
  public static final ContainerType SYNC_AGGREGATOR_SELECTION_DATA = container(
      "SyncAggregatorSelectionData", field("slot", UINT64), field("subcommittee_index", UINT64));
  /** {@code BeaconBlockBody}. */
  public static final ContainerType BEACON_BLOCK_BODY = container("BeaconBlockBody",
      field("randao_reveal", Phase0.BLS_SIGNATURE), field("eth1_data", Phase0.ETH1_DATA),
      field("graffiti", BYTES32),
      field("proposer_slashings", list(Phase0.PROPOSER_SLASHING, Preset.MAX_PROPOSER_SLASHINGS)),
      field("attester_slashings", list(Phase0.ATTESTER_SLASHING, Preset.MAX_ATTESTER_SLASHINGS)),
      field("attestations", list(Phase0.ATTESTATION, Preset.MAX_ATTESTATIONS)),
      field("deposits", list(Phase0.DEPOSIT, Preset.MAX_DEPOSITS)),
      field("voluntary_exits", list(Phase0.SIGNED_VOLUNTARY_EXIT, Preset.MAX_VOLUNTARY_EXITS)),
      field("sync_aggregate", SYNC_AGGREGATE));
  /** {@code BeaconBlock}. */
  public static final ContainerType BEACON_BLOCK = Blocks.block("BeaconBlock", BEACON_BLOCK_BODY);
  /** {@code SignedBeaconBlock}. */
  public static final ContainerType SIGNED_BEACON_BLOCK =
      Blocks.signed("SignedBeaconBlock", BEACON_BLOCK);

  private Altair() {}
}
