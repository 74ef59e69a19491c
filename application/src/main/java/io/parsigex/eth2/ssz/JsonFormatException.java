package io.parsigex.eth2.ssz;

/**
 * JSON that is not a valid beacon-API / Charon representation of the expected type: not JSON at
 * all, a missing field, a number where a decimal string is required, bad hex, a wrong length.
 */
public final class JsonFormatException extends Eth2FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param typeName the type being parsed
   * @param fieldPath the JSON field path inside it (empty for the value itself)
   * @param problem what was wrong
   */
  public JsonFormatException(String typeName, String fieldPath, String problem) {
    super("invalid JSON for", typeName, fieldPath, problem, "");
  }

  /**
   * The same error seen from an enclosing object.
   *
   * @param outerType the enclosing type
   * @param field the field (or {@code [i]} element) that held the failing value
   * @return a new exception with the longer path
   */
  public JsonFormatException within(String outerType, String field) {
    return new JsonFormatException(outerType, joinPath(field, fieldPath()), problem());
  }
}
