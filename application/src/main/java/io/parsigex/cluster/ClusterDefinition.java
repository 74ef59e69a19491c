package io.parsigex.cluster;

import io.parsigex.eth2.ssz.Bytes;
import java.util.List;

/**
 * The {@code cluster_definition} part of a lock, with every field the hashes cover. Fields a version
 * does not have hold their zero value, as in Charon.
 *
 * @param version the lock version
 * @param name cluster name
 * @param uuid definition UUID
 * @param timestamp creation time as written
 * @param numValidators number of distributed validators
 * @param threshold signatures needed
 * @param dkgAlgorithm DKG algorithm name
 * @param forkVersion genesis fork version (4 bytes)
 * @param operators the operators as the definition lists them (ENRs as text, possibly empty
 *     before the DKG)
 * @param creator the creator (v1.4+)
 * @param validatorAddresses per-validator fee recipient and withdrawal addresses
 * @param depositAmounts deposit amounts in gwei (v1.8+)
 * @param consensusProtocol preferred consensus protocol (v1.9+)
 * @param targetGasLimit target gas limit (v1.10+)
 * @param compounding compounding withdrawal credentials (v1.10+)
 * @param configHash stored config hash
 * @param definitionHash stored definition hash
 */
public record ClusterDefinition(LockVersion version, String name, String uuid, String timestamp,
    long numValidators, long threshold, String dkgAlgorithm, Bytes forkVersion,
    List<Operator> operators, Creator creator, List<ValidatorAddresses> validatorAddresses,
    List<Long> depositAmounts, String consensusProtocol, long targetGasLimit, boolean compounding,
    Bytes configHash, Bytes definitionHash) {

  /**
   * Copies the lists.
   *
   * @param version v
   * @param name n
   * @param uuid u
   * @param timestamp t
   * @param numValidators nv
   * @param threshold th
   * @param dkgAlgorithm d
   * @param forkVersion f
   * @param operators o
   * @param creator c
   * @param validatorAddresses va
   * @param depositAmounts da
   * @param consensusProtocol cp
   * @param targetGasLimit tg
   * @param compounding co
   * @param configHash ch
   * @param definitionHash dh
   */
  public ClusterDefinition {
    operators = List.copyOf(operators);
    validatorAddresses = List.copyOf(validatorAddresses);
    depositAmounts = List.copyOf(depositAmounts);
  }

  /**
   * An operator as the definition lists it.
   *
   * @param index 0-based position
   * @param address Ethereum address as written (may be empty)
   * @param enr the ENR text as written (may be empty before the operator joined)
   * @param configSignature EIP-712 signature of the config hash (may be empty)
   * @param enrSignature EIP-712 signature of the ENR (may be empty)
   */
  public record Operator(int index, String address, String enr, Bytes configSignature,
      Bytes enrSignature) {}

  /**
   * The cluster creator.
   *
   * @param address Ethereum address as written (may be empty)
   * @param configSignature EIP-712 signature of the config hash (may be empty)
   */
  public record Creator(String address, Bytes configSignature) {
    /** No creator (before v1.4). */
    public static final Creator ABSENT = new Creator("", Bytes.EMPTY);
  }

  /**
   * One validator's addresses.
   *
   * @param feeRecipientAddress 0x-hex address
   * @param withdrawalAddress 0x-hex address
   */
  public record ValidatorAddresses(String feeRecipientAddress, String withdrawalAddress) {}
}
