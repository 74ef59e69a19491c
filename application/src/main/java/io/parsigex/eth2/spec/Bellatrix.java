package io.parsigex.eth2.spec;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.ssz.ContainerType;

/** Bellatrix containers (execution payloads), mainnet preset. */
public final class Bellatrix {
  /** {@code ExecutionPayload}. */
  public static final ContainerType EXECUTION_PAYLOAD = Bodies.body("ExecutionPayload",
      Bodies.with(Bodies.payloadFields(), field("transactions", Bodies.transactions())));
  /** {@code ExecutionPayloadHeader}. */
  public static final ContainerType EXECUTION_PAYLOAD_HEADER = Bodies.body(
      "ExecutionPayloadHeader",
      Bodies.with(Bodies.payloadFields(), field("transactions_root", Phase0.ROOT)));
  /** {@code BeaconBlockBody}. */
  public static final ContainerType BEACON_BLOCK_BODY = Bodies.body("BeaconBlockBody",
      Bodies.with(Bodies.altairFields(Phase0.ATTESTER_SLASHING, Preset.MAX_ATTESTER_SLASHINGS,
          Phase0.ATTESTATION, Preset.MAX_ATTESTATIONS),
          field("execution_payload", EXECUTION_PAYLOAD)));
  /** {@code BlindedBeaconBlockBody}. */
  public static final ContainerType BLINDED_BEACON_BLOCK_BODY = Bodies.body(
      "BlindedBeaconBlockBody",
      Bodies.with(Bodies.altairFields(Phase0.ATTESTER_SLASHING, Preset.MAX_ATTESTER_SLASHINGS,
          Phase0.ATTESTATION, Preset.MAX_ATTESTATIONS),
          field("execution_payload_header", EXECUTION_PAYLOAD_HEADER)));
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

  private Bellatrix() {}
}
