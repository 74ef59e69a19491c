package io.parsigex.eth2.ssz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Serialisation, decoding, hashing and JSON shared by {@link VectorType} and {@link ListType}. */
final class Sequences {
  private Sequences() {}

  static int size(SszType elem, List<?> values) {
    if (elem.isFixedSize()) {
      return values.size() * elem.fixedSize();
    }
    int n = 0;
    for (Object v : values) {
      n += SszType.OFFSET_SIZE + elem.serializedSize(v);
    }
    return n;
  }

  static int write(SszType elem, List<?> values, byte[] out, int pos) {
    if (elem.isFixedSize()) {
      for (Object v : values) {
        pos = elem.serializeInto(v, out, pos);
      }
      return pos;
    }
    int start = pos;
    int variable = pos + values.size() * SszType.OFFSET_SIZE;
    int i = 0;
    for (Object v : values) {
      writeOffset(out, start + i * SszType.OFFSET_SIZE, variable - start);
      variable = elem.serializeInto(v, out, variable);
      i++;
    }
    return variable;
  }

  static void writeOffset(byte[] out, int pos, int offset) {
    out[pos] = (byte) offset;
    out[pos + 1] = (byte) (offset >>> 8);
    out[pos + 2] = (byte) (offset >>> 16);
    out[pos + 3] = (byte) (offset >>> 24);
  }

  /** Reads an offset as an unsigned value (so a huge one is out of range, never negative). */
  static long readOffset(byte[] in, int pos) {
    return UintType.readLong(in, pos, SszType.OFFSET_SIZE);
  }

  /**
   * Decodes {@code in[from..to)} as a sequence of elements; {@code expected} is the exact count
   * for a vector or -1 for a list with {@code limit}.
   */
  static List<Object> decode(String typeName, SszType elem, byte[] in, int from, int to,
      long expected, long limit) throws SszException {
    int n = to - from;
    if (elem.isFixedSize()) {
      int es = elem.fixedSize();
      if (n % es != 0) {
        throw new SszException(typeName, "", from, n + " bytes are not a whole number of "
            + es + "-byte " + elem.typeName() + " elements");
      }
      int count = n / es;
      checkCount(typeName, from, count, expected, limit);
      Object[] out = new Object[count];
      for (int i = 0; i < count; i++) {
        int s = from + i * es;
        try {
          out[i] = elem.decode(in, s, s + es);
        } catch (SszException e) {
          throw e.within(typeName, "[" + i + "]");
        }
      }
      return Collections.unmodifiableList(java.util.Arrays.asList(out));
    }
    if (n == 0) {
      checkCount(typeName, from, 0, expected, limit);
      return List.of();
    }
    if (n < SszType.OFFSET_SIZE) {
      throw new SszException(typeName, "", from, "needs at least one 4-byte offset, got " + n
          + " bytes");
    }
    long first = readOffset(in, from);
    if (first > n || first % SszType.OFFSET_SIZE != 0 || first == 0) {
      throw new SszException(SszException.Kind.OFFSET, typeName, "", from, "first offset " + first
          + " must be a non-zero multiple of 4 within the " + n + " bytes");
    }
    int count = (int) (first / SszType.OFFSET_SIZE);
    checkCount(typeName, from, count, expected, limit);
    List<Object> out = new ArrayList<>(count);
    long prev = first;
    for (int i = 0; i < count; i++) {
      long end = i + 1 < count ? readOffset(in, from + (i + 1) * SszType.OFFSET_SIZE) : n;
      if (end < prev || end > n) {
        throw new SszException(SszException.Kind.OFFSET, typeName, "",
            from + (i + 1) * SszType.OFFSET_SIZE, "offset "
            + end + " is out of order or past the end (" + prev + ".." + n + ")");
      }
      try {
        out.add(elem.decode(in, from + (int) prev, from + (int) end));
      } catch (SszException e) {
        throw e.within(typeName, "[" + i + "]");
      }
      prev = end;
    }
    return Collections.unmodifiableList(out);
  }

  private static void checkCount(String typeName, int from, int count, long expected, long limit)
      throws SszException {
    if (expected >= 0 && count != expected) {
      throw new SszException(typeName, "", from, "needs " + expected + " elements, got " + count);
    }
    if (expected < 0 && count > limit) {
      throw new SszException(typeName, "", from, count + " elements exceed the limit of "
          + limit);
    }
  }

  static void hash(SszType elem, List<?> values, long limitElements, Hasher hasher, byte[] out,
      int outPos) {
    if (elem.isBasic()) {
      int size = values.size() * elem.fixedSize();
      int chunks = ByteVectorType.chunkCount(size);
      byte[] work = new byte[Math.max(chunks, 1) * Hasher.CHUNK];
      write(elem, values, work, 0);
      long limitChunks = ByteVectorType.chunkCount(limitElements * elem.fixedSize());
      hasher.merkleize(work, chunks, limitChunks, out, outPos);
      return;
    }
    int count = values.size();
    byte[] work = new byte[Math.max(count, 1) * Hasher.CHUNK];
    int i = 0;
    for (Object v : values) {
      elem.hashTreeRootInto(v, hasher, work, i * Hasher.CHUNK);
      i++;
    }
    hasher.merkleize(work, count, limitElements, out, outPos);
  }

  static void checkElements(String typeName, SszType elem, Object value, long min, long max) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(typeName + " needs a List, got " + value);
    }
    if (list.size() < min || list.size() > max) {
      throw new IllegalArgumentException(typeName + " needs " + (min == max ? min + "" : "at most "
          + max) + " elements, got " + list.size());
    }
    for (Object v : list) {
      elem.check(v);
    }
  }

  static void writeJson(SszType elem, List<?> values, StringBuilder sb) {
    sb.append('[');
    boolean first = true;
    for (Object v : values) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      elem.writeJson(v, sb);
    }
    sb.append(']');
  }

  static List<Object> readJson(String typeName, SszType elem, JsonNode node, long expected,
      long limit) throws JsonFormatException {
    if (node == null || !node.isArray()) {
      throw new JsonFormatException(typeName, "", "expected an array, got "
          + JsonText.describe(node));
    }
    int n = node.size();
    if (expected >= 0 && n != expected) {
      throw new JsonFormatException(typeName, "", "needs " + expected + " elements, got " + n);
    }
    if (n > limit) {
      throw new JsonFormatException(typeName, "", n + " elements exceed the limit of " + limit);
    }
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      try {
        out.add(elem.readJson(node.get(i)));
      } catch (JsonFormatException e) {
        throw e.within(typeName, "[" + i + "]");
      }
    }
    return Collections.unmodifiableList(out);
  }

  static List<Object> immutable(List<?> values) {
    return Collections.unmodifiableList(new ArrayList<>(values));
  }
}
