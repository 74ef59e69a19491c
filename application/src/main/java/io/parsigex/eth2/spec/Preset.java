package io.parsigex.eth2.spec;

/** The mainnet preset limits (consensus-specs {@code presets/mainnet}) the containers use. */
public final class Preset {
  /** {@code MAX_VALIDATORS_PER_COMMITTEE}. */
  public static final int MAX_VALIDATORS_PER_COMMITTEE = 2048;
  /** {@code MAX_COMMITTEES_PER_SLOT}. */
  public static final int MAX_COMMITTEES_PER_SLOT = 64;
  /** {@code MAX_PROPOSER_SLASHINGS}. */
  public static final int MAX_PROPOSER_SLASHINGS = 16;
  /** {@code MAX_ATTESTER_SLASHINGS}. */
  public static final int MAX_ATTESTER_SLASHINGS = 2;
  /** {@code MAX_ATTESTATIONS}. */
  public static final int MAX_ATTESTATIONS = 128;
  /** {@code MAX_DEPOSITS}. */
  public static final int MAX_DEPOSITS = 16;
  /** {@code MAX_VOLUNTARY_EXITS}. */
  public static final int MAX_VOLUNTARY_EXITS = 16;
  /** {@code DEPOSIT_CONTRACT_TREE_DEPTH}. */
  public static final int DEPOSIT_CONTRACT_TREE_DEPTH = 32;
  /** {@code SYNC_COMMITTEE_SIZE}. */
  public static final int SYNC_COMMITTEE_SIZE = 512;
  /** {@code SYNC_COMMITTEE_SUBNET_COUNT}. */
  public static final int SYNC_COMMITTEE_SUBNET_COUNT = 4;
  /** {@code BYTES_PER_LOGS_BLOOM}. */
  public static final int BYTES_PER_LOGS_BLOOM = 256;
  /** {@code MAX_EXTRA_DATA_BYTES}. */
  public static final int MAX_EXTRA_DATA_BYTES = 32;
  /** {@code MAX_BYTES_PER_TRANSACTION}. */
  public static final long MAX_BYTES_PER_TRANSACTION = 1L << 30;
  /** {@code MAX_TRANSACTIONS_PER_PAYLOAD}. */
  public static final long MAX_TRANSACTIONS_PER_PAYLOAD = 1L << 20;
  /** {@code MAX_WITHDRAWALS_PER_PAYLOAD}. */
  public static final int MAX_WITHDRAWALS_PER_PAYLOAD = 16;
  /** {@code MAX_BLS_TO_EXECUTION_CHANGES}. */
  public static final int MAX_BLS_TO_EXECUTION_CHANGES = 16;
  /** {@code MAX_BLOB_COMMITMENTS_PER_BLOCK}. */
  public static final int MAX_BLOB_COMMITMENTS_PER_BLOCK = 4096;
  /** {@code BYTES_PER_FIELD_ELEMENT * FIELD_ELEMENTS_PER_BLOB}. */
  public static final int BYTES_PER_BLOB = 32 * 4096;
  /** {@code MAX_ATTESTER_SLASHINGS_ELECTRA}. */
  public static final int MAX_ATTESTER_SLASHINGS_ELECTRA = 1;
  /** {@code MAX_ATTESTATIONS_ELECTRA}. */
  public static final int MAX_ATTESTATIONS_ELECTRA = 8;
  /** {@code MAX_DEPOSIT_REQUESTS_PER_PAYLOAD}. */
  public static final int MAX_DEPOSIT_REQUESTS_PER_PAYLOAD = 8192;
  /** {@code MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD}. */
  public static final int MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD = 16;
  /** {@code MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD}. */
  public static final int MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD = 2;
  /** {@code FIELD_ELEMENTS_PER_EXT_BLOB * MAX_BLOB_COMMITMENTS_PER_BLOCK}: fulu cell proofs. */
  public static final int MAX_CELL_PROOFS_PER_BLOCK = 33_554_432;

  private Preset() {}
}
