package io.parsigex.eth2.ssz;

import java.util.List;

/** Finds where the offsets of an encoded value are, by walking its declaration. */
public final class SszOffsets {
  private SszOffsets() {}

  /**
   * Adds the byte position of every offset in the encoding of {@code value} placed at {@code pos}.
   *
   * @param type the value's type
   * @param value the value
   * @param pos where its encoding starts
   * @param out the positions found
   */
  public static void collect(SszType type, Object value, int pos, List<Integer> out) {
    if (type instanceof ContainerType c) {
      SszContainer v = (SszContainer) value;
      int fixedPos = pos;
      int varPos = pos + c.fixedPartSize();
      for (int i = 0; i < c.fields().size(); i++) {
        SszType t = c.fields().get(i).type();
        if (t.isFixedSize()) {
          fixedPos += t.fixedSize();
        } else {
          out.add(fixedPos);
          fixedPos += SszType.OFFSET_SIZE;
          collect(t, v.valueAt(i), varPos, out);
          varPos += t.serializedSize(v.valueAt(i));
        }
      }
    } else if (type instanceof ListType || type instanceof VectorType) {
      SszType elem = type instanceof ListType l ? l.elementType() : ((VectorType) type).elementType();
      if (elem.isFixedSize()) {
        return;
      }
      List<?> items = (List<?>) value;
      int varPos = pos + items.size() * SszType.OFFSET_SIZE;
      for (int i = 0; i < items.size(); i++) {
        out.add(pos + i * SszType.OFFSET_SIZE);
        collect(elem, items.get(i), varPos, out);
        varPos += elem.serializedSize(items.get(i));
      }
    }
  }
}
