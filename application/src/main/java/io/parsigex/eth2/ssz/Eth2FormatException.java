package io.parsigex.eth2.ssz;

import io.parsigex.api.CodecException;

/**
 * The eth2 layer's typed decoding and encoding errors: malformed SSZ ({@link SszException}) or
 * malformed JSON ({@link JsonFormatException}). Each names the type, the field path and, for SSZ,
 * the byte offset in the input, so that an operator can see what a peer sent wrong.
 */
public abstract sealed class Eth2FormatException extends CodecException
    permits SszException, JsonFormatException, PayloadTypeException {
  private static final long serialVersionUID = 1L;

  private final String typeName;
  private final String fieldPath;
  private final String problem;

  Eth2FormatException(String kind, String typeName, String fieldPath, String problem,
      String where) {
    super(kind + " " + typeName + (fieldPath.isEmpty() ? "" : "." + fieldPath) + where + ": "
        + problem);
    this.typeName = typeName;
    this.fieldPath = fieldPath;
    this.problem = problem;
  }

  /**
   * No stack trace: these errors describe peer input (type, field, offset), not a place in our
   * code, and a malformed payload must stay cheap to refuse.
   *
   * @return this exception
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /**
   * The outermost type being decoded.
   *
   * @return for example {@code SignedBeaconBlock}
   */
  public String typeName() {
    return typeName;
  }

  /**
   * The path of the offending field inside {@link #typeName()}.
   *
   * @return for example {@code message.body.attestations[2].aggregation_bits}; empty for the type
   *     itself
   */
  public String fieldPath() {
    return fieldPath;
  }

  /**
   * What was wrong, without the location.
   *
   * @return a short description
   */
  public String problem() {
    return problem;
  }

  static String joinPath(String field, String inner) {
    if (inner.isEmpty()) {
      return field;
    }
    return inner.startsWith("[") ? field + inner : field + "." + inner;
  }
}
