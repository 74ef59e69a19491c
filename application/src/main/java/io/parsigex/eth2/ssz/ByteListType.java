package io.parsigex.eth2.ssz;

import tools.jackson.databind.JsonNode;

/**
 * {@code ByteList[N]} ({@code List[byte, N]}): up to N bytes, JSON as {@code 0x} hex.
 *
 * @param name the spec alias shown in errors (for example {@code Transaction}), or null
 * @param limit N
 */
public record ByteListType(String name, long limit) implements SszType {
  /** Validates. */
  public ByteListType {
    if (limit <= 0) {
      throw new IllegalArgumentException("a byte list needs a positive limit, got " + limit);
    }
    if (name == null) {
      name = "ByteList[" + limit + "]";
    }
  }

  @Override
  public String typeName() {
    return name;
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
    return Bytes.EMPTY;
  }

  @Override
  public void check(Object value) {
    if (!(value instanceof Bytes b) || b.length() > limit) {
      throw new IllegalArgumentException(name + " holds at most " + limit + " bytes, got "
          + (value instanceof Bytes b ? b.length() + " bytes" : String.valueOf(value)));
    }
  }

  @Override
  public int serializedSize(Object value) {
    return ((Bytes) value).length();
  }

  @Override
  public int serializeInto(Object value, byte[] out, int pos) {
    Bytes b = (Bytes) value;
    b.copyTo(out, pos);
    return pos + b.length();
  }

  @Override
  public Object decode(byte[] in, int from, int to) throws SszException {
    if (to - from > limit) {
      throw new SszException(name, "", from, (to - from) + " bytes exceed the limit of " + limit);
    }
    return from == to ? Bytes.EMPTY : Bytes.copyOf(in, from, to);
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    Bytes b = (Bytes) value;
    ByteVectorType.packAndMerkleize(b, ByteVectorType.chunkCount(limit), hasher, out, outPos);
    hasher.mixInLength(out, outPos, b.length());
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    sb.append('"').append(((Bytes) value).toHex()).append('"');
  }

  @Override
  public Object readJson(JsonNode node) throws JsonFormatException {
    byte[] b = JsonText.readHex(name, node, false);
    if (b.length > limit) {
      throw new JsonFormatException(name, "", b.length + " bytes exceed the limit of " + limit);
    }
    return Bytes.of(b);
  }
}
