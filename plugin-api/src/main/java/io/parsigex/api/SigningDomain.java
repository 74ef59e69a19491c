package io.parsigex.api;

/**
 * The consensus-spec signing domain types a partial signature can be made under.
 *
 * <p>Each constant carries its 4-byte {@code DomainType} as it appears in the consensus specs (for
 * example {@code DOMAIN_BEACON_ATTESTER = 0x01000000}).
 */
public enum SigningDomain {
  /** {@code DOMAIN_BEACON_PROPOSER}. */
  BEACON_PROPOSER(0x00, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_BEACON_ATTESTER}. */
  BEACON_ATTESTER(0x01, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_RANDAO}. */
  RANDAO(0x02, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_DEPOSIT}. */
  DEPOSIT(0x03, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_VOLUNTARY_EXIT}; signed on the Capella fork version for every epoch (EIP-7044). */
  VOLUNTARY_EXIT(0x04, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_SELECTION_PROOF}. */
  SELECTION_PROOF(0x05, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_AGGREGATE_AND_PROOF}. */
  AGGREGATE_AND_PROOF(0x06, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_SYNC_COMMITTEE}. */
  SYNC_COMMITTEE(0x07, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF}. */
  SYNC_COMMITTEE_SELECTION_PROOF(0x08, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_CONTRIBUTION_AND_PROOF}. */
  CONTRIBUTION_AND_PROOF(0x09, 0x00, 0x00, 0x00),
  /** {@code DOMAIN_APPLICATION_BUILDER}: the genesis (builder) domain with a zero validators root. */
  APPLICATION_BUILDER(0x00, 0x00, 0x00, 0x01);

  private final byte[] type;

  SigningDomain(int b0, int b1, int b2, int b3) {
    this.type = new byte[] {(byte) b0, (byte) b1, (byte) b2, (byte) b3};
  }

  /**
   * The 4-byte domain type.
   *
   * @return a fresh copy of the bytes
   */
  public byte[] domainType() {
    return type.clone();
  }
}
