package io.parsigex.cluster;

import io.parsigex.eth2.ssz.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads and verifies a Charon {@code cluster-lock.json}.
 *
 * <p>{@link Verification#FULL} (the default) checks, as {@code charon run} does: the config,
 * definition and lock hashes; the operators' EIP-712 config and ENR signatures and the creator's
 * signature where present; the BLS {@code signature_aggregate} of the lock hash by every public
 * share; the public shares against the group keys; and each operator's node signature (v1.7+). A
 * failed check is a typed {@link ClusterException} naming the field and the lock version.
 *
 * <pre>{@code
 * ClusterLock lock = new ClusterLockLoader().load(Path.of("cluster-lock.json"));
 * ClusterMembership me = ClusterMembership.resolve(lock, NodeKey.load(keyFile));
 * }</pre>
 */
public final class ClusterLockLoader {

  /** How much of a lock to check. */
  public enum Verification {
    /** Hashes and every signature (the default; what {@code charon run} requires). */
    FULL,
    /** Hashes only: for locks whose signatures are placeholders (Charon's golden test data). */
    HASHES_ONLY,
    /** Nothing beyond parsing (Charon's {@code --no-verify}); an explicit override, logged. */
    NONE
  }

  private static final System.Logger LOG = System.getLogger(ClusterLockLoader.class.getName());

  private final Verification verification;

  /** A loader that verifies everything. */
  public ClusterLockLoader() {
    this(Verification.FULL);
  }

  /**
   * A loader with the given verification level.
   *
   * @param verification what to check
   */
  public ClusterLockLoader(Verification verification) {
    this.verification = java.util.Objects.requireNonNull(verification, "verification");
  }

  /**
   * Reads, parses and verifies a lock file.
   *
   * @param file the path of {@code cluster-lock.json}
   * @return the lock
   * @throws ClusterException when it cannot be read, parsed or verified
   */
  public ClusterLock load(Path file) throws ClusterException {
    try {
      long size = Files.size(file);
      if (size > LockJsonReader.MAX_FILE_BYTES) {
        throw new ClusterException.Unreadable("cluster lock " + file + " has " + size
            + " bytes, above the limit of " + LockJsonReader.MAX_FILE_BYTES, null);
      }
      return load(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ClusterException.Unreadable("cannot read cluster lock " + file + ": " + e, e);
    }
  }

  /**
   * Parses and verifies lock JSON.
   *
   * @param json the file's bytes
   * @return the lock
   * @throws ClusterException when it cannot be parsed or verified
   */
  public ClusterLock load(byte[] json) throws ClusterException {
    ClusterLock lock = new LockJsonReader().read(json);
    if (verification != Verification.FULL) {
      LOG.log(System.Logger.Level.WARNING, "cluster lock {0} loaded with verification {1}: "
          + "{2} not checked", lock.definition().uuid(), verification,
          verification == Verification.NONE ? "hashes and signatures are" : "signatures are");
    }
    if (verification != Verification.NONE) {
      verifyHashes(lock);
    }
    if (verification == Verification.FULL) {
      new LockSignatureVerifier(lock).verify();
    }
    return lock;
  }

  /**
   * Parses and verifies a {@code cluster-definition.json} (the pre-DKG file): its config and
   * definition hashes and, with {@link Verification#FULL}, the operator and creator signatures.
   *
   * @param json the file's bytes
   * @return the definition
   * @throws ClusterException when it cannot be parsed or verified
   */
  public ClusterDefinition loadDefinition(byte[] json) throws ClusterException {
    ClusterDefinition d = new LockJsonReader().readDefinition(json);
    if (verification != Verification.NONE) {
      verifyDefinitionHashes(d, "cluster_definition.");
    }
    if (verification == Verification.FULL) {
      LockSignatureVerifier.verifyDefinitionSignatures(d);
    }
    return d;
  }

  private static void verifyDefinitionHashes(ClusterDefinition d, String prefix)
      throws ClusterException {
    String v = d.version().text();
    check(prefix + "config_hash", v, d.configHash(), LockHasher.configHash(d));
    check(prefix + "definition_hash", v, d.definitionHash(), LockHasher.definitionHash(d));
  }

  private static void verifyHashes(ClusterLock lock) throws ClusterException {
    ClusterDefinition d = lock.definition();
    String v = lock.version().text();
    verifyDefinitionHashes(d, "cluster_definition.");
    if (lock.validators().size() != d.numValidators()) {
      throw new ClusterException.InvalidField("distributed_validators", v, "has "
          + lock.validators().size() + " entries but num_validators is " + d.numValidators(), null);
    }
    check("lock_hash", v, lock.lockHash(), LockHasher.lockHash(lock));
  }

  private static void check(String field, String version, Bytes stored, byte[] computed)
      throws ClusterException.HashMismatch {
    if (!Arrays.equals(stored.toArray(), computed)) {
      throw new ClusterException.HashMismatch(field, version, stored.toString(),
          Bytes.of(computed).toString());
    }
  }
}
