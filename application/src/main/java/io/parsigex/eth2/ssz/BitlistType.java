package io.parsigex.eth2.ssz;

import tools.jackson.databind.JsonNode;

/**
 * {@code Bitlist[N]}: up to N bits followed by a delimiter bit; JSON as the {@code 0x} hex of the
 * SSZ encoding (delimiter included), as the beacon API writes it.
 *
 * @param limit N
 */
public record BitlistType(long limit) implements SszType {
  /** Validates. */
  public BitlistType {
    if (limit <= 0 || limit > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a bitlist needs a limit in (0, 2^31-8), got " + limit);
    }
  }

  @Override
  public String typeName() {
    return "Bitlist[" + limit + "]";
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
    return Bits.zeros(0);
  }

  @Override
  public void check(Object value) {
    if (!(value instanceof Bits b) || b.length() > limit) {
      throw new IllegalArgumentException(typeName() + " holds at most " + limit + " bits, got "
          + value);
    }
  }

  @Override
  public int serializedSize(Object value) {
    return ((Bits) value).length() / 8 + 1;
  }

  @Override
  public int serializeInto(Object value, byte[] out, int pos) {
    Bits b = (Bits) value;
    int size = serializedSize(b);
    java.util.Arrays.fill(out, pos, pos + size, (byte) 0);
    b.copyTo(out, pos);
    out[pos + b.length() / 8] |= (byte) (1 << (b.length() % 8));
    return pos + size;
  }

  @Override
  public Object decode(byte[] in, int from, int to) throws SszException {
    int n = to - from;
    if (n == 0) {
      throw new SszException(typeName(), "", from, "is empty: a bitlist needs its delimiter bit");
    }
    if (n > limit / 8 + 1) {
      throw new SszException(typeName(), "", from, n + " bytes exceed the limit of " + limit
          + " bits");
    }
    int last = in[to - 1] & 0xff;
    if (last == 0) {
      throw new SszException(typeName(), "", to - 1, "the last byte has no delimiter bit");
    }
    int highBit = 31 - Integer.numberOfLeadingZeros(last);
    int bits = 8 * (n - 1) + highBit;
    if (bits > limit) {
      throw new SszException(typeName(), "", from, bits + " bits exceed the limit of " + limit);
    }
    byte[] packed = java.util.Arrays.copyOfRange(in, from, from + Bits.byteLength(bits));
    if (bits % 8 != 0) {
      packed[packed.length - 1] &= (byte) ((1 << (bits % 8)) - 1);
    }
    return Bits.trusted(bits, packed);
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    Bits b = (Bits) value;
    ByteVectorType.packAndMerkleize(Bytes.of(b.packed()), (limit + 255) / 256, hasher, out,
        outPos);
    hasher.mixInLength(out, outPos, b.length());
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    JsonText.writeHex(serialize(value), sb);
  }

  @Override
  public Object readJson(JsonNode node) throws JsonFormatException {
    byte[] b = JsonText.readHex(typeName(), node, false);
    try {
      return decode(b, 0, b.length);
    } catch (SszException e) {
      throw new JsonFormatException(typeName(), "", e.problem());
    }
  }
}
