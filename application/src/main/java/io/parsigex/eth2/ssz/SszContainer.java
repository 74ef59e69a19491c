package io.parsigex.eth2.ssz;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable value of a {@link ContainerType}: one value per declared field, each checked
 * against the field's type when the container is built.
 */
public final class SszContainer {
  private final ContainerType type;
  private final Object[] values;

  /** Trusted: values were produced by the engine (decoded or parsed) and already fit the types. */
  SszContainer(ContainerType type, Object[] values) {
    this.type = type;
    this.values = values;
  }

  /**
   * The declaration this value belongs to.
   *
   * @return the type
   */
  public ContainerType type() {
    return type;
  }

  Object valueAt(int i) {
    return values[i];
  }

  /**
   * A field's value.
   *
   * @param field the field name
   * @return the value (see {@link SszType} for the Java classes)
   */
  public Object get(String field) {
    return values[type.indexOf(field)];
  }

  /**
   * A uint8..uint64 field.
   *
   * @param field the name
   * @return the value as an unsigned long
   */
  public long uint(String field) {
    return (Long) get(field);
  }

  /**
   * A uint256 field.
   *
   * @param field the name
   * @return the value
   */
  public BigInteger uint256(String field) {
    return (BigInteger) get(field);
  }

  /**
   * A byte vector or byte list field.
   *
   * @param field the name
   * @return the bytes
   */
  public Bytes bytes(String field) {
    return (Bytes) get(field);
  }

  /**
   * A bitvector or bitlist field.
   *
   * @param field the name
   * @return the bits
   */
  public Bits bits(String field) {
    return (Bits) get(field);
  }

  /**
   * A container field.
   *
   * @param field the name
   * @return the nested container
   */
  public SszContainer container(String field) {
    return (SszContainer) get(field);
  }

  /**
   * A vector or list field.
   *
   * @param field the name
   * @return the unmodifiable elements
   */
  @SuppressWarnings("unchecked")
  public List<Object> list(String field) {
    return (List<Object>) get(field);
  }

  /**
   * A copy with one field replaced.
   *
   * @param field the name
   * @param value the new value, checked against the field's type
   * @return the new container
   */
  public SszContainer with(String field, Object value) {
    return toBuilder().set(field, value).build();
  }

  /**
   * A builder holding this value's fields.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(type);
    System.arraycopy(values, 0, b.values, 0, values.length);
    return b;
  }

  /**
   * Serialises this value.
   *
   * @return the SSZ bytes
   */
  public byte[] serialize() {
    return type.serialize(this);
  }

  /**
   * Computes {@code hash_tree_root}.
   *
   * @return 32 bytes
   */
  public byte[] hashTreeRoot() {
    return type.hashTreeRoot(this);
  }

  /**
   * The compact beacon-API JSON.
   *
   * @return JSON text
   */
  public String toJson() {
    return type.toJson(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SszContainer c && c.type == type && Arrays.equals(values, c.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type.typeName(), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    String json = toJson();
    return type.typeName() + (json.length() > 300 ? json.substring(0, 300) + "…" : json);
  }

  /** Builds a container value field by field; unset fields keep their default (zero) value. */
  public static final class Builder {
    private final ContainerType type;
    private final Object[] values;

    Builder(ContainerType type) {
      this.type = type;
      this.values = new Object[type.fields().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = type.fields().get(i).type().defaultValue();
      }
    }

    /**
     * Sets a field. Lists are copied into unmodifiable lists; an {@code Integer} is accepted for a
     * uint and a {@code byte[]} (copied) for a byte vector or byte list.
     *
     * @param field the name
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException when the field is unknown or the value does not fit
     */
    public Builder set(String field, Object value) {
      int i = type.indexOf(field);
      SszType t = type.fields().get(i).type();
      Object v = value instanceof List<?> l ? Sequences.immutable(l) : value;
      if (v instanceof Integer n && t instanceof UintType) {
        v = n.longValue();
      }
      if (v instanceof byte[] b && (t instanceof ByteVectorType || t instanceof ByteListType)) {
        v = Bytes.of(b);
      }
      try {
        t.check(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(type.typeName() + "." + field + ": " + e.getMessage(),
            e);
      }
      values[i] = v;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the container
     */
    public SszContainer build() {
      return new SszContainer(type, values.clone());
    }
  }
}
