package io.parsigex.cluster.enr;

/**
 * An Ethereum Node Record (EIP-778) that cannot be used. Each subclass is one class of fault;
 * {@link #reason()} is a stable label.
 */
public abstract sealed class EnrException extends Exception
    permits EnrException.MalformedText,
        EnrException.MalformedRlp,
        EnrException.MalformedRecord,
        EnrException.UnsupportedIdentityScheme,
        EnrException.InvalidPublicKey,
        EnrException.InvalidSignature {

  private static final long serialVersionUID = 1L;

  private final String reason;

  private EnrException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * A short, stable label for this class of error.
   *
   * @return for example {@code invalid_signature}
   */
  public String reason() {
    return reason;
  }

  /** The text is not {@code enr:} followed by unpadded base64url, or is too long. */
  public static final class MalformedText extends EnrException {
    private static final long serialVersionUID = 1L;

    MalformedText(String message) {
      super("malformed_text", message);
    }
  }

  /** The bytes are not one canonical RLP list of byte strings. */
  public static final class MalformedRlp extends EnrException {
    private static final long serialVersionUID = 1L;

    MalformedRlp(String message) {
      super("malformed_rlp", message);
    }
  }

  /** The RLP is fine but the record is not: too few items, odd pairs, duplicate or missing keys. */
  public static final class MalformedRecord extends EnrException {
    private static final long serialVersionUID = 1L;

    MalformedRecord(String message) {
      super("malformed_record", message);
    }
  }

  /** The record's {@code id} is not {@code v4}. */
  public static final class UnsupportedIdentityScheme extends EnrException {
    private static final long serialVersionUID = 1L;

    UnsupportedIdentityScheme(String message) {
      super("unsupported_identity_scheme", message);
    }
  }

  /**
   * The {@code secp256k1} entry is not a public key in an encoding Go Charon accepts (33-byte
   * compressed, 65-byte uncompressed or hybrid) or is not a point on the curve; the message names
   * the encoding and the fault.
   */
  public static final class InvalidPublicKey extends EnrException {
    private static final long serialVersionUID = 1L;

    InvalidPublicKey(String message) {
      super("invalid_public_key", message);
    }
  }

  /** The v4 signature does not verify against the record's secp256k1 key. */
  public static final class InvalidSignature extends EnrException {
    private static final long serialVersionUID = 1L;

    InvalidSignature(String message) {
      super("invalid_signature", message);
    }
  }
}
