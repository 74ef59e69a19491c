package io.parsigex.cluster;

import io.parsigex.api.PubKey;
import io.parsigex.eth2.ssz.Bytes;
import java.util.List;

/**
 * A distributed validator of the cluster.
 *
 * @param publicKey the group (validator) BLS public key
 * @param publicShares each operator's public share, in operator order (share index i+1 at i)
 * @param partialDepositData pre-signed deposit data (v1.6+; empty before)
 * @param builderRegistration the pre-signed builder registration (v1.7+; {@link
 *     BuilderRegistration#ABSENT} before)
 */
public record DistributedValidator(PubKey publicKey, List<PubKey> publicShares,
    List<DepositData> partialDepositData, BuilderRegistration builderRegistration) {

  /**
   * Copies the lists.
   *
   * @param publicKey key
   * @param publicShares shares
   * @param partialDepositData deposits
   * @param builderRegistration registration
   */
  public DistributedValidator {
    publicShares = List.copyOf(publicShares);
    partialDepositData = List.copyOf(partialDepositData);
  }

  /**
   * The public share of the operator with the given share index.
   *
   * @param shareIndex 1-based
   * @return that operator's public share
   */
  public PubKey publicShare(int shareIndex) {
    if (shareIndex < 1 || shareIndex > publicShares.size()) {
      throw new IllegalArgumentException("share index " + shareIndex + " is outside 1.."
          + publicShares.size());
    }
    return publicShares.get(shareIndex - 1);
  }

  /**
   * Deposit data as in the lock.
   *
   * @param pubkey validator key bytes
   * @param withdrawalCredentials 32 bytes
   * @param amount gwei
   * @param signature BLS signature bytes
   */
  public record DepositData(Bytes pubkey, Bytes withdrawalCredentials, long amount,
      Bytes signature) {}

  /**
   * A pre-signed builder (validator) registration as in the lock.
   *
   * @param feeRecipient 20 bytes
   * @param gasLimit gas limit
   * @param timestamp unix seconds
   * @param pubkey validator key bytes
   * @param signature BLS signature bytes
   */
  public record BuilderRegistration(Bytes feeRecipient, long gasLimit, long timestamp,
      Bytes pubkey, Bytes signature) {

    /** No registration (locks before v1.7). */
    public static final BuilderRegistration ABSENT =
        new BuilderRegistration(Bytes.EMPTY, 0, 0, Bytes.EMPTY, Bytes.EMPTY);

    /**
     * Whether one of signature, fee recipient or pubkey is missing (Charon's "no registration").
     *
     * @return true when absent
     */
    public boolean isAbsent() {
      return signature.isEmpty() || feeRecipient.isEmpty() || pubkey.isEmpty();
    }
  }
}
