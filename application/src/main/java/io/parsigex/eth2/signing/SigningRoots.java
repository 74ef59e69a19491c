package io.parsigex.eth2.signing;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.fork.Fork;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Signing domains and signing roots for one chain ({@code compute_domain},
 * {@code compute_signing_root}), with the two special cases Charon applies: the builder domain
 * (genesis fork version and a zero validators root) and voluntary exits, which always use the
 * Capella fork version (EIP-7044). Immutable and thread-safe.
 */
public final class SigningRoots {

  /** Length of a domain and of a root. */
  public static final int LENGTH = 32;

  /** Length of a domain type. */
  public static final int DOMAIN_TYPE_LENGTH = 4;

  private static final byte[] ZERO_ROOT = new byte[LENGTH];

  private final ChainSpec spec;

  /**
   * Creates the service for a chain.
   *
   * @param spec the chain
   */
  public SigningRoots(ChainSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /**
   * The chain.
   *
   * @return the spec
   */
  public ChainSpec spec() {
    return spec;
  }

  /**
   * The domain a signature of that type at that epoch is made under, as Charon computes it.
   *
   * @param domain the domain type
   * @param epoch the epoch (unsigned); ignored for the builder domain and for exits
   * @return the 32-byte domain
   */
  public byte[] domain(SigningDomain domain, long epoch) {
    Objects.requireNonNull(domain, "domain");
    return switch (domain) {
      case APPLICATION_BUILDER ->
          computeDomain(domain.domainType(), spec.forks().genesisVersion(), ZERO_ROOT);
      case VOLUNTARY_EXIT -> computeDomain(domain.domainType(),
          spec.forks().fork(Fork.CAPELLA).version(), spec.genesisValidatorsRoot());
      default -> computeDomain(domain.domainType(), spec.forks().versionAt(epoch),
          spec.genesisValidatorsRoot());
    };
  }

  /**
   * The signing root of an eth2 object: {@code compute_signing_root(message_root, domain)}.
   *
   * @param signing what was signed
   * @return the 32-byte signing root
   */
  public byte[] signingRoot(Eth2Signing signing) {
    Objects.requireNonNull(signing, "signing");
    return computeSigningRoot(signing.messageRoot(), domain(signing.domain(), signing.epoch()));
  }

  /**
   * {@code compute_domain}: the domain type followed by the first 28 bytes of the fork data root.
   *
   * @param domainType 4 bytes
   * @param forkVersion 4 bytes
   * @param genesisValidatorsRoot 32 bytes
   * @return the 32-byte domain
   */
  public static byte[] computeDomain(byte[] domainType, byte[] forkVersion,
      byte[] genesisValidatorsRoot) {
    requireLength(domainType, DOMAIN_TYPE_LENGTH, "domain type");
    byte[] forkDataRoot = forkDataRoot(forkVersion, genesisValidatorsRoot);
    byte[] domain = new byte[LENGTH];
    System.arraycopy(domainType, 0, domain, 0, DOMAIN_TYPE_LENGTH);
    System.arraycopy(forkDataRoot, 0, domain, DOMAIN_TYPE_LENGTH, LENGTH - DOMAIN_TYPE_LENGTH);
    return domain;
  }

  /**
   * {@code hash_tree_root(ForkData(current_version, genesis_validators_root))}: the version padded
   * to 32 bytes, then the root, hashed once.
   *
   * @param forkVersion 4 bytes
   * @param genesisValidatorsRoot 32 bytes
   * @return the 32-byte root
   */
  public static byte[] forkDataRoot(byte[] forkVersion, byte[] genesisValidatorsRoot) {
    requireLength(forkVersion, ScheduledFork.VERSION_LENGTH, "fork version");
    requireLength(genesisValidatorsRoot, LENGTH, "genesis validators root");
    byte[] chunk = new byte[LENGTH];
    System.arraycopy(forkVersion, 0, chunk, 0, ScheduledFork.VERSION_LENGTH);
    return sha256(chunk, genesisValidatorsRoot);
  }

  /**
   * {@code compute_signing_root}: {@code hash_tree_root(SigningData(object_root, domain))}, which for
   * two 32-byte chunks is {@code sha256(object_root || domain)}.
   *
   * @param messageRoot 32 bytes
   * @param domain 32 bytes
   * @return the 32-byte signing root
   */
  public static byte[] computeSigningRoot(byte[] messageRoot, byte[] domain) {
    requireLength(messageRoot, LENGTH, "message root");
    requireLength(domain, LENGTH, "domain");
    return sha256(messageRoot, domain);
  }

  private static void requireLength(byte[] value, int length, String what) {
    if (value == null || value.length != length) {
      throw new IllegalArgumentException("a " + what + " has " + length + " bytes, got "
          + (value == null ? "null" : value.length));
    }
  }

  private static byte[] sha256(byte[] a, byte[] b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(a);
      md.update(b);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
