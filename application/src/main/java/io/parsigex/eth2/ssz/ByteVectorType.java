package io.parsigex.eth2.ssz;

import tools.jackson.databind.JsonNode;

/**
 * {@code ByteVector[N]} ({@code Vector[byte, N]}): exactly N bytes, JSON as {@code 0x} hex.
 *
 * @param name the spec alias shown in errors (for example {@code BLSSignature}), or null for
 *     {@code Bytes<N>}
 * @param length N
 * @param hexStyle how JSON hex is written and read (EIP-55 for execution addresses, as
 *     go-eth2-client prints {@code fee_recipient})
 */
public record ByteVectorType(String name, int length, HexStyle hexStyle) implements SszType {
  /** Validates. */
  public ByteVectorType {
    if (length <= 0) {
      throw new IllegalArgumentException("a byte vector needs a positive length, got " + length);
    }
    if (name == null) {
      name = "Bytes" + length;
    }
    java.util.Objects.requireNonNull(hexStyle, "hexStyle");
    if (hexStyle == HexStyle.EIP55 && length != Eip55.ADDRESS_LENGTH) {
      throw new IllegalArgumentException("EIP-55 applies to 20-byte addresses only");
    }
  }

  /**
   * A byte vector with lowercase hex JSON.
   *
   * @param name alias or null
   * @param length N
   */
  public ByteVectorType(String name, int length) {
    this(name, length, HexStyle.LENIENT);
  }

  @Override
  public String typeName() {
    return name;
  }

  @Override
  public boolean isFixedSize() {
    return true;
  }

  @Override
  public int fixedSize() {
    return length;
  }

  @Override
  public Object defaultValue() {
    return Bytes.zeros(length);
  }

  @Override
  public void check(Object value) {
    if (!(value instanceof Bytes b) || b.length() != length) {
      throw new IllegalArgumentException(name + " needs " + length + " bytes, got "
          + (value instanceof Bytes b ? b.length() + " bytes" : String.valueOf(value)));
    }
  }

  @Override
  public int serializedSize(Object value) {
    return length;
  }

  @Override
  public int serializeInto(Object value, byte[] out, int pos) {
    ((Bytes) value).copyTo(out, pos);
    return pos + length;
  }

  @Override
  public Object decode(byte[] in, int from, int to) throws SszException {
    if (to - from != length) {
      throw new SszException(name, "", from, "needs " + length + " bytes, got " + (to - from));
    }
    return Bytes.copyOf(in, from, to);
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    packAndMerkleize((Bytes) value, chunkCount(length), hasher, out, outPos);
  }

  static int chunkCount(long bytes) {
    return (int) ((bytes + Hasher.CHUNK - 1) / Hasher.CHUNK);
  }

  static void packAndMerkleize(Bytes value, long limitChunks, Hasher hasher, byte[] out,
      int outPos) {
    int n = value.length();
    if (n <= Hasher.CHUNK && limitChunks <= 1) {
      java.util.Arrays.fill(out, outPos, outPos + Hasher.CHUNK, (byte) 0);
      value.copyTo(out, outPos);
      return;
    }
    int chunks = chunkCount(n);
    byte[] work = new byte[Math.max(chunks, 1) * Hasher.CHUNK];
    value.copyTo(work, 0);
    hasher.merkleize(work, chunks, limitChunks, out, outPos);
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    Bytes b = (Bytes) value;
    sb.append('"').append(hexStyle == HexStyle.EIP55 ? Eip55.checksummed(b) : b.toHex()).append('"');
  }

  @Override
  public Object readJson(JsonNode node) throws JsonFormatException {
    byte[] b = JsonText.readHex(name, node, hexStyle == HexStyle.PREFIXED);
    if (b.length != length) {
      throw new JsonFormatException(name, "", "needs " + length + " bytes, got " + b.length);
    }
    return Bytes.of(b);
  }
}
