package io.parsigex.eth2.ssz;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * An SSZ container declaration: a name and ordered, named, typed fields. Everything else (codec,
 * {@code hash_tree_root}, JSON) derives from this declaration. Two declarations are equal only if
 * they are the same object, so a value built for one fork's container is never mistaken for
 * another fork's.
 */
public final class ContainerType implements SszType {
  private final String name;
  private final List<Field> fields;
  private final Map<String, Integer> index;
  private final boolean fixed;
  private final int fixedPart;

  ContainerType(String name, List<Field> fields) {
    this.name = Objects.requireNonNull(name, "name");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("container " + name + " needs at least one field");
    }
    this.fields = List.copyOf(fields);
    Map<String, Integer> idx = new HashMap<>();
    boolean allFixed = true;
    int part = 0;
    for (int i = 0; i < this.fields.size(); i++) {
      Field f = this.fields.get(i);
      if (idx.put(f.name(), i) != null) {
        throw new IllegalArgumentException("container " + name + " declares " + f.name()
            + " twice");
      }
      allFixed &= f.type().isFixedSize();
      part += f.type().fixedSize();
    }
    this.index = Collections.unmodifiableMap(idx);
    this.fixed = allFixed;
    this.fixedPart = part;
  }

  @Override
  public String typeName() {
    return name;
  }

  /**
   * The fields in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<Field> fields() {
    return fields;
  }

  /**
   * The position of a field.
   *
   * @param fieldName the field's name
   * @return its index
   * @throws IllegalArgumentException when the container has no such field
   */
  public int indexOf(String fieldName) {
    Integer i = index.get(fieldName);
    if (i == null) {
      throw new IllegalArgumentException(name + " has no field " + fieldName);
    }
    return i;
  }

  /**
   * Whether the container declares a field.
   *
   * @param fieldName the name
   * @return true if present
   */
  public boolean hasField(String fieldName) {
    return index.containsKey(fieldName);
  }

  /**
   * The type of a field.
   *
   * @param fieldName the name
   * @return its type
   */
  public SszType fieldType(String fieldName) {
    return fields.get(indexOf(fieldName)).type();
  }

  @Override
  public boolean isFixedSize() {
    return fixed;
  }

  @Override
  public int fixedSize() {
    return fixed ? fixedPart : OFFSET_SIZE;
  }

  /**
   * The size of the fixed part (fixed fields plus one offset per variable field).
   *
   * @return bytes
   */
  public int fixedPartSize() {
    return fixedPart;
  }

  /**
   * A builder starting from the default value.
   *
   * @return a builder
   */
  public SszContainer.Builder builder() {
    return new SszContainer.Builder(this);
  }

  @Override
  public SszContainer defaultValue() {
    Object[] v = new Object[fields.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = fields.get(i).type().defaultValue();
    }
    return new SszContainer(this, v);
  }

  @Override
  public void check(Object value) {
    if (!(value instanceof SszContainer c) || c.type() != this) {
      throw new IllegalArgumentException(name + " needs a value of that container, got "
          + (value instanceof SszContainer c ? c.type().typeName() : String.valueOf(value)));
    }
  }

  @Override
  public int serializedSize(Object value) {
    if (fixed) {
      return fixedPart;
    }
    SszContainer c = (SszContainer) value;
    int n = fixedPart;
    for (int i = 0; i < fields.size(); i++) {
      SszType t = fields.get(i).type();
      if (!t.isFixedSize()) {
        n += t.serializedSize(c.valueAt(i));
      }
    }
    return n;
  }

  @Override
  public int serializeInto(Object value, byte[] out, int pos) {
    SszContainer c = (SszContainer) value;
    int fixedPos = pos;
    int variable = pos + fixedPart;
    for (int i = 0; i < fields.size(); i++) {
      SszType t = fields.get(i).type();
      if (t.isFixedSize()) {
        fixedPos = t.serializeInto(c.valueAt(i), out, fixedPos);
      } else {
        Sequences.writeOffset(out, fixedPos, variable - pos);
        fixedPos += OFFSET_SIZE;
        variable = t.serializeInto(c.valueAt(i), out, variable);
      }
    }
    return variable;
  }

  @Override
  public SszContainer deserialize(byte[] bytes) throws SszException {
    return decode(bytes, 0, bytes.length);
  }

  @Override
  public SszContainer decode(byte[] in, int from, int to) throws SszException {
    int n = to - from;
    if (fixed ? n != fixedPart : n < fixedPart) {
      throw new SszException(name, "", from, (fixed ? "needs exactly " : "needs at least ")
          + fixedPart + " bytes, got " + n);
    }
    Object[] values = new Object[fields.size()];
    int[] varFields = new int[fields.size()];
    long[] varOffsets = new long[fields.size()];
    int varCount = 0;
    int pos = from;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      SszType t = f.type();
      if (t.isFixedSize()) {
        try {
          values[i] = t.decode(in, pos, pos + t.fixedSize());
        } catch (SszException e) {
          throw e.within(name, f.name());
        }
        pos += t.fixedSize();
      } else {
        long off = Sequences.readOffset(in, pos);
        long min = varCount == 0 ? fixedPart : varOffsets[varCount - 1];
        if (varCount == 0 ? off != fixedPart : off < min || off > n) {
          boolean firstMismatch = varCount == 0 && off <= n;
          throw new SszException(
              firstMismatch ? SszException.Kind.FIRST_OFFSET : SszException.Kind.OFFSET,
              name, f.name(), pos, varCount == 0
              ? "first offset is " + off + " but the fixed part is " + fixedPart + " bytes"
                  + (off > n ? " (and the input only " + n + ")" : "")
              : "offset " + off + " is out of order or past the end (" + min + ".." + n + ")");
        }
        varFields[varCount] = i;
        varOffsets[varCount] = off;
        varCount++;
        pos += OFFSET_SIZE;
      }
    }
    // Variable fields are decoded last to first: a truncated or corrupted tail (usually the
    // largest field) is then rejected before the earlier fields are materialised.
    for (int k = varCount - 1; k >= 0; k--) {
      int i = varFields[k];
      long start = varOffsets[k];
      long end = k + 1 < varCount ? varOffsets[k + 1] : n;
      try {
        values[i] = fields.get(i).type().decode(in, from + (int) start, from + (int) end);
      } catch (SszException e) {
        throw e.within(name, fields.get(i).name());
      }
    }
    return new SszContainer(this, values);
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    SszContainer c = (SszContainer) value;
    byte[] work = new byte[fields.size() * Hasher.CHUNK];
    for (int i = 0; i < fields.size(); i++) {
      fields.get(i).type().hashTreeRootInto(c.valueAt(i), hasher, work, i * Hasher.CHUNK);
    }
    hasher.merkleize(work, fields.size(), fields.size(), out, outPos);
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    SszContainer c = (SszContainer) value;
    sb.append('{');
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      JsonText.writeString(fields.get(i).name(), sb);
      sb.append(':');
      fields.get(i).type().writeJson(c.valueAt(i), sb);
    }
    sb.append('}');
  }

  @Override
  public SszContainer readJson(JsonNode node) throws JsonFormatException {
    if (node == null || !node.isObject()) {
      throw new JsonFormatException(name, "", "expected an object, got "
          + JsonText.describe(node));
    }
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      JsonNode v = JsonText.property(node, f.name());
      if (v == null || v.isNull()) {
        throw new JsonFormatException(name, f.name(), "is missing");
      }
      try {
        values[i] = f.type().readJson(v);
      } catch (JsonFormatException e) {
        throw e.within(name, f.name());
      }
    }
    return new SszContainer(this, values);
  }

  @Override
  public SszContainer fromJson(String json) throws JsonFormatException {
    return readJson(JsonText.parse(name, json));
  }

  @Override
  public String toString() {
    return name;
  }
}
