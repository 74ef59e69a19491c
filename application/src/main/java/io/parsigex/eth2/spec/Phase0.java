package io.parsigex.eth2.spec;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.ssz.ByteVectorType;
import io.parsigex.eth2.ssz.ContainerType;

/** Phase 0 containers (consensus-specs {@code specs/phase0/beacon-chain.md}, mainnet preset). */
public final class Phase0 {
  /** {@code BLSSignature}. */
  public static final ByteVectorType BLS_SIGNATURE = byteVector("BLSSignature", 96);
  /** {@code BLSPubkey}. */
  public static final ByteVectorType BLS_PUBKEY = byteVector("BLSPubkey", 48);
  /** {@code Root}. */
  public static final ByteVectorType ROOT = byteVector("Root", 32);

  /** {@code Checkpoint}. */
  public static final ContainerType CHECKPOINT =
      container("Checkpoint", field("epoch", UINT64), field("root", ROOT));
  /** {@code AttestationData}. */
  public static final ContainerType ATTESTATION_DATA = container("AttestationData",
      field("slot", UINT64), field("index", UINT64), field("beacon_block_root", ROOT),
      field("source", CHECKPOINT), field("target", CHECKPOINT));
  /** {@code Attestation}. */
  public static final ContainerType ATTESTATION = container("Attestation",
      field("aggregation_bits", bitlist(Preset.MAX_VALIDATORS_PER_COMMITTEE)),
      field("data", ATTESTATION_DATA), field("signature", BLS_SIGNATURE));
  /** {@code IndexedAttestation}. */
  public static final ContainerType INDEXED_ATTESTATION = container("IndexedAttestation",
      field("attesting_indices", list(UINT64, Preset.MAX_VALIDATORS_PER_COMMITTEE)),
      field("data", ATTESTATION_DATA), field("signature", BLS_SIGNATURE));
  /** {@code AttesterSlashing}. */
  public static final ContainerType ATTESTER_SLASHING = container("AttesterSlashing",
      field("attestation_1", INDEXED_ATTESTATION), field("attestation_2", INDEXED_ATTESTATION));
  /** {@code BeaconBlockHeader}. */
  public static final ContainerType BEACON_BLOCK_HEADER = container("BeaconBlockHeader",
      field("slot", UINT64), field("proposer_index", UINT64), field("parent_root", ROOT),
      field("state_root", ROOT), field("body_root", ROOT));
  /** {@code SignedBeaconBlockHeader}. */
  public static final ContainerType SIGNED_BEACON_BLOCK_HEADER = container(
      "SignedBeaconBlockHeader", field("message", BEACON_BLOCK_HEADER),
      field("signature", BLS_SIGNATURE));
  /** {@code ProposerSlashing}. */
  public static final ContainerType PROPOSER_SLASHING = container("ProposerSlashing",
      field("signed_header_1", SIGNED_BEACON_BLOCK_HEADER),
      field("signed_header_2", SIGNED_BEACON_BLOCK_HEADER));
  /** {@code Eth1Data}. */
  public static final ContainerType ETH1_DATA = container("Eth1Data",
      field("deposit_root", ROOT), field("deposit_count", UINT64), field("block_hash", BYTES32));
  /** {@code DepositData}. */
  public static final ContainerType DEPOSIT_DATA = container("DepositData",
      field("pubkey", BLS_PUBKEY), field("withdrawal_credentials", BYTES32),
      field("amount", UINT64), field("signature", BLS_SIGNATURE));
  /** {@code Deposit}. */
  public static final ContainerType DEPOSIT = container("Deposit",
      field("proof", vector(BYTES32, Preset.DEPOSIT_CONTRACT_TREE_DEPTH + 1)),
      field("data", DEPOSIT_DATA));
  /** {@code VoluntaryExit}. */
  public static final ContainerType VOLUNTARY_EXIT = container("VoluntaryExit",
      field("epoch", UINT64), field("validator_index", UINT64));
  /** {@code SignedVoluntaryExit}. */
  public static final ContainerType SIGNED_VOLUNTARY_EXIT = container("SignedVoluntaryExit",
      field("message", VOLUNTARY_EXIT), field("signature", BLS_SIGNATURE));
  /** {@code BeaconBlockBody}. */
  public static final ContainerType BEACON_BLOCK_BODY = container("BeaconBlockBody",
      field("randao_reveal", BLS_SIGNATURE), field("eth1_data", ETH1_DATA),
      field("graffiti", BYTES32),
      field("proposer_slashings", list(PROPOSER_SLASHING, Preset.MAX_PROPOSER_SLASHINGS)),
      field("attester_slashings", list(ATTESTER_SLASHING, Preset.MAX_ATTESTER_SLASHINGS)),
      field("attestations", list(ATTESTATION, Preset.MAX_ATTESTATIONS)),
      field("deposits", list(DEPOSIT, Preset.MAX_DEPOSITS)),
      field("voluntary_exits", list(SIGNED_VOLUNTARY_EXIT, Preset.MAX_VOLUNTARY_EXITS)));
  /** {@code BeaconBlock}. */
  public static final ContainerType BEACON_BLOCK = Blocks.block("BeaconBlock", BEACON_BLOCK_BODY);
  /** {@code SignedBeaconBlock}. */
  public static final ContainerType SIGNED_BEACON_BLOCK =
      Blocks.signed("SignedBeaconBlock", BEACON_BLOCK);
  /** {@code AggregateAndProof}. */
  public static final ContainerType AGGREGATE_AND_PROOF = container("AggregateAndProof",
      field("aggregator_index", UINT64), field("aggregate", ATTESTATION),
      field("selection_proof", BLS_SIGNATURE));
  /** {@code SignedAggregateAndProof}. */
  public static final ContainerType SIGNED_AGGREGATE_AND_PROOF =
      Blocks.signed("SignedAggregateAndProof", AGGREGATE_AND_PROOF);

  private Phase0() {}
}
