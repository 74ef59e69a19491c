package io.parsigex.eth2.ssz;

/**
 * SSZ bytes that are not a valid encoding of the expected type: wrong size, an offset out of
 * range or not increasing, a length above the type's limit, a missing bitlist delimiter, trailing
 * bytes. Carries the byte offset (in the whole input) where the problem was found.
 */
public final class SszException extends Eth2FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Broad classes of SSZ errors. Charon's attestation decoder falls back from one wrapper layout
   * to the other only on an {@link #OFFSET} error (fastssz's {@code ErrOffset}).
   */
  public enum Kind {
    /** An offset past the end, out of order, or not a multiple of the offset size. */
    OFFSET,
    /** The first offset of a container does not equal its fixed part (fastssz's
     * {@code ErrInvalidVariableOffset}). */
    FIRST_OFFSET,
    /** Anything else: sizes, limits, delimiters, values. */
    OTHER
  }

  private final long offset;
  private final Kind kind;

  /**
   * Creates the error.
   *
   * @param typeName the type being decoded
   * @param fieldPath the field inside it (empty for the type itself)
   * @param offset the byte offset in the input
   * @param problem what was wrong
   */
  public SszException(String typeName, String fieldPath, long offset, String problem) {
    this(Kind.OTHER, typeName, fieldPath, offset, problem);
  }

  /**
   * Creates the error with a kind.
   *
   * @param kind the class of error
   * @param typeName the type being decoded
   * @param fieldPath the field inside it (empty for the type itself)
   * @param offset the byte offset in the input
   * @param problem what was wrong
   */
  public SszException(Kind kind, String typeName, String fieldPath, long offset,
      String problem) {
    super("invalid SSZ for", typeName, fieldPath, problem, " at byte " + offset);
    this.offset = offset;
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
  }

  /**
   * The class of error.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Where in the input the problem was found.
   *
   * @return the byte offset
   */
  public long offset() {
    return offset;
  }

  /**
   * The same error seen from an enclosing container.
   *
   * @param outerType the enclosing type
   * @param field the field (or {@code [i]} element) that held the failing value
   * @return a new exception with the longer path
   */
  public SszException within(String outerType, String field) {
    return new SszException(kind, outerType, joinPath(field, fieldPath()), offset, problem());
  }
}
