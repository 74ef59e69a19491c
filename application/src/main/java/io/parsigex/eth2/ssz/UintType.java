package io.parsigex.eth2.ssz;

import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/**
 * {@code uintN} for N in 8, 16, 32, 64, 256: little-endian, JSON as a decimal string. Values are
 * {@code Long} (uint64 held as an unsigned long) or, for uint256, a non-negative
 * {@link BigInteger}.
 *
 * @param bits the width
 */
public record UintType(int bits) implements SszType {
  /** The widest uint held in a {@code Long}. */
  public static final int MAX_LONG_BITS = 64;
  /** The uint256 width. */
  public static final int UINT256_BITS = 256;

  /** Validates the width. */
  public UintType {
    if (bits != 8 && bits != 16 && bits != 32 && bits != 64 && bits != UINT256_BITS) {
      throw new IllegalArgumentException("no uint" + bits + " in SSZ");
    }
  }

  @Override
  public String typeName() {
    return "uint" + bits;
  }

  @Override
  public boolean isFixedSize() {
    return true;
  }

  @Override
  public int fixedSize() {
    return bits / 8;
  }

  @Override
  public boolean isBasic() {
    return true;
  }

  @Override
  public Object defaultValue() {
    return bits == UINT256_BITS ? BigInteger.ZERO : (Object) 0L;
  }

  @Override
  public void check(Object value) {
    if (bits == UINT256_BITS) {
      if (!(value instanceof BigInteger b) || b.signum() < 0 || b.bitLength() > UINT256_BITS) {
        throw new IllegalArgumentException("uint256 needs a BigInteger in [0, 2^256), got " + value);
      }
      return;
    }
    if (!(value instanceof Long l)) {
      throw new IllegalArgumentException(typeName() + " needs a Long, got " + describe(value));
    }
    if (bits < MAX_LONG_BITS && (l >>> bits) != 0) {
      throw new IllegalArgumentException(Long.toUnsignedString(l) + " does not fit in " + typeName());
    }
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }

  @Override
  public int serializedSize(Object value) {
    return fixedSize();
  }

  @Override
  public int serializeInto(Object value, byte[] out, int pos) {
    if (bits == UINT256_BITS) {
      byte[] be = ((BigInteger) value).toByteArray();
      java.util.Arrays.fill(out, pos, pos + 32, (byte) 0);
      for (int i = 0; i < be.length && i < 32; i++) {
        out[pos + i] = be[be.length - 1 - i];
      }
      return pos + 32;
    }
    long v = (Long) value;
    int n = bits / 8;
    for (int i = 0; i < n; i++) {
      out[pos + i] = (byte) (v >>> (8 * i));
    }
    return pos + n;
  }

  @Override
  public Object decode(byte[] in, int from, int to) throws SszException {
    int n = bits / 8;
    if (to - from != n) {
      throw new SszException(typeName(), "", from, "needs " + n + " bytes, got " + (to - from));
    }
    if (bits == UINT256_BITS) {
      byte[] be = new byte[n + 1];
      for (int i = 0; i < n; i++) {
        be[n - i] = in[from + i];
      }
      return new BigInteger(be);
    }
    return readLong(in, from, n);
  }

  static long readLong(byte[] in, int from, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (in[from + i] & 0xff);
    }
    return v;
  }

  @Override
  public void hashTreeRootInto(Object value, Hasher hasher, byte[] out, int outPos) {
    java.util.Arrays.fill(out, outPos, outPos + Hasher.CHUNK, (byte) 0);
    serializeInto(value, out, outPos);
  }

  @Override
  public void writeJson(Object value, StringBuilder sb) {
    sb.append('"');
    if (bits == UINT256_BITS) {
      sb.append(value);
    } else {
      sb.append(Long.toUnsignedString((Long) value));
    }
    sb.append('"');
  }

  @Override
  public Object readJson(JsonNode node) throws JsonFormatException {
    if (bits == UINT256_BITS) {
      return JsonText.readUint256(typeName(), node);
    }
    return JsonText.readUint(typeName(), node, bits);
  }
}
