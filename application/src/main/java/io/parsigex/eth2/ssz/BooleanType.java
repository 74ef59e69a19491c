package io.parsigex.eth2.ssz;

import tools.jackson.databind.JsonNode;

/** SSZ {@code boolean}: one byte, 0x00 or 0x01 (anything else is rejected); JSON true/false. */
public record BooleanType() implements SszType {

  @Override
  public String typeName() {
    return "boolean";
  }

  @Override
  public boolean isFixedSize() {
    return true;
  }

  @Override
  public int fixedSize() {
    return 1;
  }

  @Override
  public boolean isBasic() {
    return true;
  }

  @Override
  public Object defaultValue() {
    return Boolean.FALSE;
  }

  @Override
  public void check(Object value) {
    if (!(value instanceof Boolean)) {
      throw new IllegalArgumentException("boolean needs a Boolean, got " + value);
    }
  }

  @Override
  public int serializedSize(Object value) {
    return 1;
  }

  @Override
  public int serializeInto(Object value, byte[] out, int pos) {
    out[pos] = (byte) (((Boolean) value) ? 1 : 0);
    return pos + 1;
  }

  @Override
  public Object decode(byte[] in, int from, int to) throws SszException {
    if (to - from != 1) {
      throw new SszException(typeName(), "", from, "needs 1 byte, got " + (to - from));
    }
    int b = in[from] & 0xff;
    if (b > 1) {
      throw new SszException(typeName(), "", from, "must be 0x00 or 0x01, got 0x"
          + Integer.toHexString(b));
    }
    return b == 1;
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    java.util.Arrays.fill(out, outPos, outPos + Hasher.CHUNK, (byte) 0);
    serializeInto(value, out, outPos);
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    sb.append(((Boolean) value) ? "true" : "false");
  }

  @Override
  public Object readJson(JsonNode node) throws JsonFormatException {
    if (node == null || !node.isBoolean()) {
      throw new JsonFormatException(typeName(), "", "expected true or false, got "
          + JsonText.describe(node));
    }
    return node.booleanValue();
  }
}
