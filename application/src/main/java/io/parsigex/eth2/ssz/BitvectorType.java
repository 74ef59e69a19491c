package io.parsigex.eth2.ssz;

import tools.jackson.databind.JsonNode;

/**
 * {@code Bitvector[N]}: N bits packed little-endian, unused high bits zero; JSON as the {@code 0x}
 * hex of the packed bytes.
 *
 * @param length N
 */
public record BitvectorType(int length) implements SszType {
  /** Validates. */
  public BitvectorType {
    if (length <= 0) {
      throw new IllegalArgumentException("a bitvector needs a positive length, got " + length);
    }
  }

  @Override
  public String typeName() {
    return "Bitvector[" + length + "]";
  }

  @Override
  public boolean isFixedSize() {
    return true;
  }

  @Override
  public int fixedSize() {
    return Bits.byteLength(length);
  }

  @Override
  public Object defaultValue() {
    return Bits.zeros(length);
  }

  @Override
  public void check(Object value) {
    if (!(value instanceof Bits b) || b.length() != length) {
      throw new IllegalArgumentException(typeName() + " needs " + length + " bits, got " + value);
    }
  }

  @Override
  public int serializedSize(Object value) {
    return fixedSize();
  }

  @Override
  public int serializeInto(Object value, byte[] out, int pos) {
    ((Bits) value).copyTo(out, pos);
    return pos + fixedSize();
  }

  @Override
  public Object decode(byte[] in, int from, int to) throws SszException {
    int n = fixedSize();
    if (to - from != n) {
      throw new SszException(typeName(), "", from, "needs " + n + " bytes, got " + (to - from));
    }
    if (length % 8 != 0 && ((in[to - 1] & 0xff) >>> (length % 8)) != 0) {
      throw new SszException(typeName(), "", to - 1, "bits above the length " + length
          + " are set");
    }
    return Bits.trusted(length, java.util.Arrays.copyOfRange(in, from, to));
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    ByteVectorType.packAndMerkleize(Bytes.of(((Bits) value).packed()),
        ByteVectorType.chunkCount(fixedSize()), hasher, out, outPos);
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    JsonText.writeHex(((Bits) value).packed(), sb);
  }

  @Override
  public Object readJson(JsonNode node) throws JsonFormatException {
    byte[] b = JsonText.readHex(typeName(), node, false);
    try {
      return Bits.of(length, b);
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(typeName(), "", e.getMessage());
    }
  }
}
