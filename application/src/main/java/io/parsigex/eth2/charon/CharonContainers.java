package io.parsigex.eth2.charon;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.HexStyle;

/**
 * Containers of Charon's and the builder/validator APIs that are not in the consensus specs; their
 * JSON, SSZ and roots derive from these declarations like any other container.
 */
public final class CharonContainers {
  /**
   * {@code eth2util.SignedEpoch}: Charon's randao payload. Its signature is Go's typed
   * {@code phase0.BLSSignature}, whose JSON decoder requires the {@code 0x} prefix.
   */
  public static final ContainerType SIGNED_EPOCH = container("SignedEpoch",
      field("epoch", UINT64),
      field("signature", byteVector("BLSSignature", 96, HexStyle.PREFIXED)));
  /** {@code BeaconCommitteeSelection} (validator API). */
  public static final ContainerType BEACON_COMMITTEE_SELECTION = container(
      "BeaconCommitteeSelection", field("validator_index", UINT64), field("slot", UINT64),
      field("selection_proof", Phase0.BLS_SIGNATURE));
  /** {@code SyncCommitteeSelection} (validator API). */
  public static final ContainerType SYNC_COMMITTEE_SELECTION = container(
      "SyncCommitteeSelection", field("validator_index", UINT64), field("slot", UINT64),
      field("subcommittee_index", UINT64), field("selection_proof", Phase0.BLS_SIGNATURE));
  /** {@code ValidatorRegistrationV1} (builder specs). */
  public static final ContainerType VALIDATOR_REGISTRATION_V1 = container(
      "ValidatorRegistrationV1", field("fee_recipient", EXECUTION_ADDRESS),
      field("gas_limit", UINT64), field("timestamp", UINT64), field("pubkey", Phase0.BLS_PUBKEY));
  /** {@code SignedValidatorRegistrationV1} (builder specs). */
  public static final ContainerType SIGNED_VALIDATOR_REGISTRATION_V1 = container(
      "SignedValidatorRegistrationV1", field("message", VALIDATOR_REGISTRATION_V1),
      field("signature", Phase0.BLS_SIGNATURE));

  private CharonContainers() {}
}
