package io.parsigex.eth2.spec;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.ssz.ByteVectorType;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.Field;

/** Deneb containers (blobs), mainnet preset, and the beacon API's {@code SignedBlockContents}. */
public final class Deneb {
  /** {@code KZGCommitment}. */
  public static final ByteVectorType KZG_COMMITMENT = byteVector("KZGCommitment", 48);
  /** {@code KZGProof}. */
  public static final ByteVectorType KZG_PROOF = byteVector("KZGProof", 48);
  /** {@code Blob}. */
  public static final ByteVectorType BLOB = byteVector("Blob", Preset.BYTES_PER_BLOB);

  /** {@code ExecutionPayload}. */
  public static final ContainerType EXECUTION_PAYLOAD = Bodies.body("ExecutionPayload",
      Bodies.with(Bodies.payloadFields(), field("transactions", Bodies.transactions()),
          Capella.withdrawals(), field("blob_gas_used", UINT64),
          field("excess_blob_gas", UINT64)));
  /** {@code ExecutionPayloadHeader}. */
  public static final ContainerType EXECUTION_PAYLOAD_HEADER = Bodies.body(
      "ExecutionPayloadHeader", Bodies.with(Bodies.payloadFields(),
          field("transactions_root", Phase0.ROOT), field("withdrawals_root", Phase0.ROOT),
          field("blob_gas_used", UINT64), field("excess_blob_gas", UINT64)));
  /** {@code BeaconBlockBody}. */
  public static final ContainerType BEACON_BLOCK_BODY = Bodies.body("BeaconBlockBody",
      Bodies.with(Capella.phase0Attestations(), field("execution_payload", EXECUTION_PAYLOAD),
          Capella.blsChanges(), commitments()));
  /** {@code BlindedBeaconBlockBody}. */
  public static final ContainerType BLINDED_BEACON_BLOCK_BODY = Bodies.body(
      "BlindedBeaconBlockBody", Bodies.with(Capella.phase0Attestations(),
          field("execution_payload_header", EXECUTION_PAYLOAD_HEADER), Capella.blsChanges(),
          commitments()));
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
  /** {@code SignedBlockContents}: the signed block with its blobs and KZG proofs. */
  public static final ContainerType SIGNED_BLOCK_CONTENTS =
      blockContents(SIGNED_BEACON_BLOCK, Preset.MAX_BLOB_COMMITMENTS_PER_BLOCK);

  private Deneb() {}

  static Field commitments() {
    return field("blob_kzg_commitments",
        list(KZG_COMMITMENT, Preset.MAX_BLOB_COMMITMENTS_PER_BLOCK));
  }

  static ContainerType blockContents(ContainerType signedBlock, long maxProofs) {
    return container("SignedBlockContents", field("signed_block", signedBlock),
        field("kzg_proofs", list(KZG_PROOF, maxProofs)),
        field("blobs", list(BLOB, Preset.MAX_BLOB_COMMITMENTS_PER_BLOCK)));
  }
}
