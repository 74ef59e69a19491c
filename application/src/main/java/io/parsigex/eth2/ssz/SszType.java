package io.parsigex.eth2.ssz;

import tools.jackson.databind.JsonNode;

/**
 * An SSZ type from the consensus specs. Every operation (serialise, deserialise with full
 * validation, {@code hash_tree_root}, beacon-API JSON) is derived from the type's declaration, so
 * a container is declared once (see {@link Ssz} and {@link ContainerType}).
 *
 * <p>Values are plain immutable Java objects: {@code Long} for uint8..uint64 (uint64 read as
 * unsigned), {@link java.math.BigInteger} for uint256, {@code Boolean}, {@link Bytes} for byte
 * vectors and byte lists, {@link Bits} for bitvectors and bitlists, an unmodifiable
 * {@code List<Object>} for vectors and lists, and {@link SszContainer} for containers.
 *
 * <p>Decoding never throws an unchecked exception and never allocates more than the input
 * justifies: every length and offset is checked against the input before any allocation.
 */
public sealed interface SszType
    permits UintType, BooleanType, ByteVectorType, ByteListType, BitvectorType, BitlistType,
        VectorType, ListType, ContainerType {

  /** Bytes of an SSZ offset. */
  int OFFSET_SIZE = 4;

  /**
   * The type's name as errors show it.
   *
   * @return for example {@code uint64}, {@code Bytes32}, {@code List[Attestation, 128]} or the
   *     container name
   */
  String typeName();

  /**
   * Whether every value of this type serialises to the same number of bytes.
   *
   * @return true for fixed-size types
   */
  boolean isFixedSize();

  /**
   * The serialised size of every value of a fixed-size type.
   *
   * @return the size in bytes; {@link #OFFSET_SIZE} for variable-size types (the space they take
   *     in the fixed part of an enclosing container)
   */
  int fixedSize();

  /**
   * Whether this is a basic type (uint or boolean), packed into chunks inside vectors and lists.
   *
   * @return true for basic types
   */
  default boolean isBasic() {
    return false;
  }

  /**
   * The value every field of this type has in a fresh container.
   *
   * @return the zero value
   */
  Object defaultValue();

  /**
   * Checks that a Java value is a value of this type.
   *
   * @param value candidate
   * @throws IllegalArgumentException naming what is wrong
   */
  void check(Object value);

  /**
   * The serialised size of a value.
   *
   * @param value a value of this type
   * @return bytes
   */
  int serializedSize(Object value);

  /**
   * Serialises a value into a buffer.
   *
   * @param value a value of this type
   * @param out the buffer, with at least {@link #serializedSize(Object)} bytes from {@code pos}
   * @param pos where to start
   * @return the position after the last byte written
   */
  int serializeInto(Object value, byte[] out, int pos);

  /**
   * Decodes the value held in exactly {@code in[from..to)}.
   *
   * @param in the input
   * @param from first byte (absolute, so errors report absolute offsets)
   * @param to end of the value
   * @return the value
   * @throws SszException when the bytes are not a valid encoding
   */
  Object decode(byte[] in, int from, int to) throws SszException;

  /**
   * Computes {@code hash_tree_root(value)}.
   *
   * @param value a value of this type
   * @param hasher the hasher for this computation
   * @param out where the 32-byte root goes
   * @param outPos offset in {@code out}
   */
  void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos);

  /**
   * Appends the beacon-API JSON of a value (compact, fields in declaration order).
   *
   * @param value a value of this type
   * @param sb the output
   */
  void writeJson(Object value, StringBuilder sb);

  /**
   * Reads a value from its beacon-API JSON.
   *
   * @param node the JSON node
   * @return the value
   * @throws JsonFormatException when the JSON does not describe a value of this type
   */
  Object readJson(JsonNode node) throws JsonFormatException;

  /**
   * Serialises a value.
   *
   * @param value a value of this type
   * @return the SSZ bytes
   */
  default byte[] serialize(Object value) {
    byte[] out = new byte[serializedSize(value)];
    serializeInto(value, out, 0);
    return out;
  }

  /**
   * Deserialises a whole byte array (no trailing bytes allowed).
   *
   * @param bytes the SSZ bytes
   * @return the value
   * @throws SszException when the bytes are not a valid encoding
   */
  default Object deserialize(byte[] bytes) throws SszException {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Computes {@code hash_tree_root(value)}.
   *
   * @param value a value of this type
   * @return the 32-byte root
   */
  default byte[] hashTreeRoot(Object value) {
    byte[] out = new byte[Hasher.CHUNK];
    hashTreeRootInto(value, new Hasher(), out, 0);
    return out;
  }

  /**
   * The compact beacon-API JSON of a value.
   *
   * @param value a value of this type
   * @return JSON text
   */
  default String toJson(Object value) {
    StringBuilder sb = new StringBuilder();
    writeJson(value, sb);
    return sb.toString();
  }

  /**
   * Parses a value from JSON text.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when the text is not JSON or not a value of this type
   */
  default Object fromJson(String json) throws JsonFormatException {
    return readJson(JsonText.parse(typeName(), json));
  }
}
