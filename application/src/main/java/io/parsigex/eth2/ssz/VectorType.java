package io.parsigex.eth2.ssz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code Vector[T, N]} of a non-byte element type (byte vectors are {@link ByteVectorType}).
 *
 * @param elementType T
 * @param length N
 */
public record VectorType(SszType elementType, int length) implements SszType {
  /** Validates. */
  public VectorType {
    java.util.Objects.requireNonNull(elementType, "elementType");
    if (length <= 0) {
      throw new IllegalArgumentException("a vector needs a positive length, got " + length);
    }
  }

  @Override
  public String typeName() {
    return "Vector[" + elementType.typeName() + ", " + length + "]";
  }

  @Override
  public boolean isFixedSize() {
    return elementType.isFixedSize();
  }

  @Override
  public int fixedSize() {
    return isFixedSize() ? length * elementType.fixedSize() : OFFSET_SIZE;
  }

  @Override
  public Object defaultValue() {
    List<Object> out = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      out.add(elementType.defaultValue());
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public void check(Object value) {
    Sequences.checkElements(typeName(), elementType, value, length, length);
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
    return Sequences.decode(typeName(), elementType, in, from, to, length, length);
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    Sequences.hash(elementType, (List<?>) value, length, hasher, out, outPos);
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    Sequences.writeJson(elementType, (List<?>) value, sb);
  }

  @Override
  public Object readJson(JsonNode node) throws JsonFormatException {
    return Sequences.readJson(typeName(), elementType, node, length, length);
  }
}
