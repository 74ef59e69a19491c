package io.parsigex.eth2.spec;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.Field;
import java.util.List;

/** Electra containers (committee attestations, execution requests), mainnet preset. */
public final class Electra {
  private static final int MAX_ATTESTERS =
      Preset.MAX_VALIDATORS_PER_COMMITTEE * Preset.MAX_COMMITTEES_PER_SLOT;

  /** {@code Attestation}. */
  public static final ContainerType ATTESTATION = container("Attestation",
      field("aggregation_bits", bitlist(MAX_ATTESTERS)), field("data", Phase0.ATTESTATION_DATA),
      field("signature", Phase0.BLS_SIGNATURE),
      field("committee_bits", bitvector(Preset.MAX_COMMITTEES_PER_SLOT)));
  /** {@code IndexedAttestation}. */
  public static final ContainerType INDEXED_ATTESTATION = container("IndexedAttestation",
      field("attesting_indices", list(UINT64, MAX_ATTESTERS)),
      field("data", Phase0.ATTESTATION_DATA), field("signature", Phase0.BLS_SIGNATURE));
  /** {@code AttesterSlashing}. */
  public static final ContainerType ATTESTER_SLASHING = container("AttesterSlashing",
      field("attestation_1", INDEXED_ATTESTATION), field("attestation_2", INDEXED_ATTESTATION));
  /** {@code DepositRequest}. */
  public static final ContainerType DEPOSIT_REQUEST = container("DepositRequest",
      field("pubkey", Phase0.BLS_PUBKEY), field("withdrawal_credentials", BYTES32),
      field("amount", UINT64), field("signature", Phase0.BLS_SIGNATURE), field("index", UINT64));
  /** {@code WithdrawalRequest}. */
  public static final ContainerType WITHDRAWAL_REQUEST = container("WithdrawalRequest",
      field("source_address", EXECUTION_ADDRESS), field("validator_pubkey", Phase0.BLS_PUBKEY),
      field("amount", UINT64));
  /** {@code ConsolidationRequest}. */
  public static final ContainerType CONSOLIDATION_REQUEST = container("ConsolidationRequest",
      field("source_address", EXECUTION_ADDRESS), field("source_pubkey", Phase0.BLS_PUBKEY),
      field("target_pubkey", Phase0.BLS_PUBKEY));
  /** {@code ExecutionRequests}. */
  public static final ContainerType EXECUTION_REQUESTS = container("ExecutionRequests",
      field("deposits", list(DEPOSIT_REQUEST, Preset.MAX_DEPOSIT_REQUESTS_PER_PAYLOAD)),
      field("withdrawals", list(WITHDRAWAL_REQUEST, Preset.MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD)),
      field("consolidations",
          list(CONSOLIDATION_REQUEST, Preset.MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD)));
  /** {@code BeaconBlockBody}. */
  public static final ContainerType BEACON_BLOCK_BODY = Bodies.body("BeaconBlockBody",
      Bodies.with(electraAttestations(), field("execution_payload", Deneb.EXECUTION_PAYLOAD),
          Capella.blsChanges(), Deneb.commitments(), requests()));
  /** {@code BlindedBeaconBlockBody}. */
  public static final ContainerType BLINDED_BEACON_BLOCK_BODY = Bodies.body(
      "BlindedBeaconBlockBody", Bodies.with(electraAttestations(),
          field("execution_payload_header", Deneb.EXECUTION_PAYLOAD_HEADER),
          Capella.blsChanges(), Deneb.commitments(), requests()));
  /** {@code BeaconBlock}. */
  public static final ContainerType BEACON_BLOCK = Blocks.block("BeaconBlock", BEACON_BLOCK_BODY);
  /** {@code SignedBeaconBlock}. */
  public static final ContainerType SIGNED_BEACON_BLOCK =
      Blocks.signed("SignedBeaconBlock", BEACON_BLOCK);
  /** {@code BlindedBeaconBlock}. */
  public static final ContainerType BLINDED_BEACON_BLOCK =
      Blocks.block("BlindedBeaconBlock", BLINDED_BEACON_BLOCK_BODY);
  /** {@code SignedBlindedBeaconBlock}. */
  public static final ContainerType SIGNED_BLINDED_BEACON_BLOCK =
      Blocks.signed("SignedBlindedBeaconBlock", BLINDED_BEACON_BLOCK);
  /** {@code SignedBlockContents}. */
  public static final ContainerType SIGNED_BLOCK_CONTENTS =
      Deneb.blockContents(SIGNED_BEACON_BLOCK, Preset.MAX_BLOB_COMMITMENTS_PER_BLOCK);
  /** {@code AggregateAndProof}. */
  public static final ContainerType AGGREGATE_AND_PROOF = container("AggregateAndProof",
      field("aggregator_index", UINT64), field("aggregate", ATTESTATION),
      field("selection_proof", Phase0.BLS_SIGNATURE));
  /** {@code SignedAggregateAndProof}. */
  public static final ContainerType SIGNED_AGGREGATE_AND_PROOF =
      Blocks.signed("SignedAggregateAndProof", AGGREGATE_AND_PROOF);

  private Electra() {}

  private static List<Field> electraAttestations() {
    return Bodies.altairFields(ATTESTER_SLASHING, Preset.MAX_ATTESTER_SLASHINGS_ELECTRA,
        ATTESTATION, Preset.MAX_ATTESTATIONS_ELECTRA);
  }

  private static Field requests() {
    return field("execution_requests", EXECUTION_REQUESTS);
  }
}
