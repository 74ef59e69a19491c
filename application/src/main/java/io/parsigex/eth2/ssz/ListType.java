package io.parsigex.eth2.ssz;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code List[T, N]} of a non-byte element type (byte lists are {@link ByteListType}).
 *
 * @param elementType T
 * @param limit N
 */
public record ListType(SszType elementType, long limit) implements SszType {
  /** Validates. */
  public ListType {
    java.util.Objects.requireNonNull(elementType, "elementType");
    if (limit <= 0) {
      throw new IllegalArgumentException("a list needs a positive limit, got " + limit);
    }
  }

  @Override
  public String typeName() {
    return "List[" + elementType.typeName() + ", " + limit + "]";
  }

  @Override
  public boolean isFixedSize() {
    return false;
  }

  @Override
  public int fixedSize() {
    return OFFSET_SIZE;
  }

  @Override
  public Object defaultValue() {
    return List.of();
  }

  @Override
  public void check(Object value) {
    Sequences.checkElements(typeName(), elementType, value, 0, limit);
  }

  @Override
  public int serializedSize(Object value) {
    return Sequences.size(elementType, (List<?>) value);
  }

  @Override
  public int serializeInto(Object value, byte[] out, int pos) {
    return Sequences.write(elementType, (List<?>) value, out, pos);
  }

  @Override
  public Object decode(byte[] in, int from, int to) throws SszException {
    return Sequences.decode(typeName(), elementType, in, from, to, -1, limit);
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    List<?> list = (List<?>) value;
    Sequences.hash(elementType, list, limit, hasher, out, outPos);
    hasher.mixInLength(out, outPos, list.size());
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    Sequences.writeJson(elementType, (List<?>) value, sb);
  }

  @Override
  public Object readJson(JsonNode node) throws JsonFormatException {
    return Sequences.readJson(typeName(), elementType, node, -1, limit);
  }
}
