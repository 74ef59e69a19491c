package io.parsigex.cluster;

import io.parsigex.libp2p.peer.PeerId;
import java.util.List;

/**
 * A cluster lock, key file or membership that cannot be used. Each subclass is one class of fault
 * with a message that names the offending field (and the lock version where there is one);
 * {@link #reason()} is a stable label for logs and metrics.
 */
public abstract sealed class ClusterException extends Exception
    permits ClusterException.Unreadable,
        ClusterException.UnsupportedVersion,
        ClusterException.InvalidField,
        ClusterException.HashMismatch,
        ClusterException.InvalidSignature,
        ClusterException.InvalidKeyFile,
        ClusterException.NotAMember {

  private static final long serialVersionUID = 1L;

  private final String reason;

  private ClusterException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * A short, stable label for this class of error.
   *
   * @return for example {@code hash_mismatch}
   */
  public String reason() {
    return reason;
  }

  /** The file cannot be read, is too large, or is not JSON. */
  public static final class Unreadable extends ClusterException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super("unreadable", message, cause);
    }
  }

  /** The lock's {@code cluster_definition.version} is not one Charon reads (v1.0.0 … v1.11.0). */
  public static final class UnsupportedVersion extends ClusterException {
    private static final long serialVersionUID = 1L;

    UnsupportedVersion(String version) {
      super("unsupported_version", "cluster lock version '" + version + "' is not supported; "
          + "supported are " + LockVersion.supportedNames(), null);
    }
  }

  /** A field is missing, has the wrong type, or holds a value that is not allowed. */
  public static final class InvalidField extends ClusterException {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidField(String field, String version, String problem, Throwable cause) {
      super("invalid_field", "cluster lock " + version + ": field " + field + " " + problem, cause);
      this.field = field;
    }

    /**
     * The JSON path of the field.
     *
     * @return for example {@code distributed_validators[0].public_shares[1]}
     */
    public String field() {
      return field;
    }
  }

  /** A stored hash differs from the one computed from the lock's content. */
  public static final class HashMismatch extends ClusterException {
    private static final long serialVersionUID = 1L;
    private final String field;

    HashMismatch(String field, String version, String stored, String computed) {
      super("hash_mismatch", "cluster lock " + version + ": " + field + " is " + stored
          + " but the content hashes to " + computed + "; the file was altered or corrupted "
          + "(refusing it; verification can be overridden explicitly)", null);
      this.field = field;
    }

    /**
     * The hash field that did not match.
     *
     * @return {@code lock_hash}, {@code cluster_definition.config_hash} or
     *     {@code cluster_definition.definition_hash}
     */
    public String field() {
      return field;
    }
  }

  /** A signature in the lock is missing, malformed or does not verify. */
  public static final class InvalidSignature extends ClusterException {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidSignature(String field, String version, String problem) {
      super("invalid_signature", "cluster lock " + version + ": " + field + " " + problem
          + " (refusing it; verification can be overridden explicitly)", null);
      this.field = field;
    }

    /**
     * The signature field.
     *
     * @return for example {@code cluster_definition.operators[1].enr_signature}
     */
    public String field() {
      return field;
    }
  }

  /** The node's private key file is missing or not 64 hex characters. */
  public static final class InvalidKeyFile extends ClusterException {
    private static final long serialVersionUID = 1L;

    InvalidKeyFile(String message, Throwable cause) {
      super("invalid_key_file", message, cause);
    }
  }

  /** The node's key is not the key of any operator in the lock. */
  public static final class NotAMember extends ClusterException {
    private static final long serialVersionUID = 1L;

    NotAMember(PeerId self, List<PeerId> operators) {
      super("not_a_member", "this node's key (peer id " + self + ") belongs to no operator of the "
          + "cluster lock; its operators are " + operators + ". Use the charon-enr-private-key "
          + "that matches one of them", null);
    }
  }
}
