package io.parsigex.eth2.spec;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.Field;
import java.util.List;

/** Capella containers (withdrawals, BLS-to-execution changes), mainnet preset. */
public final class Capella {
  /** {@code Withdrawal} (go-eth2-client prints its address in lowercase). */
  public static final ContainerType WITHDRAWAL = container("Withdrawal",
      field("index", UINT64), field("validator_index", UINT64), field("address", BYTES20),
      field("amount", UINT64));
  /** {@code BLSToExecutionChange}. */
  public static final ContainerType BLS_TO_EXECUTION_CHANGE = container("BLSToExecutionChange",
      field("validator_index", UINT64), field("from_bls_pubkey", Phase0.BLS_PUBKEY),
      field("to_execution_address", EXECUTION_ADDRESS));
  /** {@code SignedBLSToExecutionChange}. */
  public static final ContainerType SIGNED_BLS_TO_EXECUTION_CHANGE =
      Blocks.signed("SignedBLSToExecutionChange", BLS_TO_EXECUTION_CHANGE);
  /** {@code ExecutionPayload}. */
  public static final ContainerType EXECUTION_PAYLOAD = Bodies.body("ExecutionPayload",
      Bodies.with(Bodies.payloadFields(), field("transactions", Bodies.transactions()),
          withdrawals()));
  /** {@code ExecutionPayloadHeader}. */
  public static final ContainerType EXECUTION_PAYLOAD_HEADER = Bodies.body(
      "ExecutionPayloadHeader", Bodies.with(Bodies.payloadFields(),
          field("transactions_root", Phase0.ROOT), field("withdrawals_root", Phase0.ROOT)));
  /** {@code BeaconBlockBody}. */
  public static final ContainerType BEACON_BLOCK_BODY = Bodies.body("BeaconBlockBody",
      Bodies.with(phase0Attestations(), field("execution_payload", EXECUTION_PAYLOAD),
          blsChanges()));
  /** {@code BlindedBeaconBlockBody}. */
  public static final ContainerType BLINDED_BEACON_BLOCK_BODY = Bodies.body(
      "BlindedBeaconBlockBody", Bodies.with(phase0Attestations(),
          field("execution_payload_header", EXECUTION_PAYLOAD_HEADER), blsChanges()));
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

  private Capella() {}

  static Field withdrawals() {
    return field("withdrawals", list(WITHDRAWAL, Preset.MAX_WITHDRAWALS_PER_PAYLOAD));
  }

  static Field blsChanges() {
    return field("bls_to_execution_changes",
        list(SIGNED_BLS_TO_EXECUTION_CHANGE, Preset.MAX_BLS_TO_EXECUTION_CHANGES));
  }

  static List<Field> phase0Attestations() {
    return Bodies.altairFields(Phase0.ATTESTER_SLASHING, Preset.MAX_ATTESTER_SLASHINGS,
        Phase0.ATTESTATION, Preset.MAX_ATTESTATIONS);
  }
}
