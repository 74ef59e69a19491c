package io.parsigex.cluster;

import io.parsigex.cluster.crypto.Keccak256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The EIP-712 digests Charon's operators and creator sign ({@code charon:cluster/eip712sigs.go}):
 * domain {@code EIP712Domain(string name,string version,uint256 chainId)} = ("Obol", "1", chain id of
 * the lock's fork version) and a primary type with one string field.
 */
final class Eip712 {

  /** The operator's config-hash type for v1.4+. */
  static final Type OPERATOR_CONFIG_HASH = new Type("OperatorConfigHash", "operator_config_hash");
  /** The operator's config-hash type in v1.3. */
  static final Type CONFIG_HASH_V1_3 = new Type("ConfigHash", "config_hash");
  /** The creator's config-hash type. */
  static final Type CREATOR_CONFIG_HASH = new Type("CreatorConfigHash", "creator_config_hash");
  /** The operator's ENR type. */
  static final Type ENR = new Type("ENR", "enr");

  private static final Map<String, Long> CHAIN_ID_BY_FORK_VERSION = Map.of(
      "0x00000000", 1L, // mainnet
      "0x00001020", 5L, // goerli
      "0x00000064", 100L, // gnosis
      "0x0000006f", 10200L, // chiado
      "0x90000069", 11155111L, // sepolia
      "0x10000910", 560048L); // hoodi
  private static final String DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId)";
  private static final String DOMAIN_NAME = "Obol";
  private static final String DOMAIN_VERSION = "1";
  private static final int WORD = 32;
  private static final byte[] PREFIX = {0x19, 0x01};

  private Eip712() {}

  /**
   * A primary type with a single string field.
   *
   * @param name the type name
   * @param field the field name
   */
  record Type(String name, String field) {}

  /**
   * The chain id Charon uses for a fork version.
   *
   * @param forkVersion 0x-hex fork version
   * @return the chain id, or empty for networks Charon does not know
   */
  static Optional<Long> chainId(String forkVersion) {
    return Optional.ofNullable(CHAIN_ID_BY_FORK_VERSION.get(forkVersion));
  }

  /**
   * The digest to sign.
   *
   * @param type the primary type
   * @param value the string value of its field
   * @param chainId the domain's chain id
   * @return 32 bytes
   */
  static byte[] digest(Type type, String value, long chainId) {
    byte[] chain = new byte[WORD];
    for (int i = 0; i < Long.BYTES; i++) {
      chain[WORD - 1 - i] = (byte) (chainId >>> (8 * i));
    }
    byte[] domain = Keccak256.hash(Keccak256.hash(utf8(DOMAIN_TYPE)),
        Keccak256.hash(utf8(DOMAIN_NAME)), Keccak256.hash(utf8(DOMAIN_VERSION)), chain);
    byte[] typeHash = Keccak256.hash(utf8(type.name() + "(string " + type.field() + ")"));
    byte[] data = Keccak256.hash(typeHash, Keccak256.hash(utf8(value)));
    return Keccak256.hash(PREFIX, domain, data);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
