package io.parsigex.core.receive;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * A received frame body (the {@code ParSigExMsg} protobuf without its length prefix), kept as the
 * chunks it arrived in, so that assembling it never holds more than the bytes read (no doubling
 * buffer). It is joined into one array only on a verify worker. Immutable after construction (the
 * chunks are not copied and must not be changed by the caller).
 */
public final class FrameBody {

  private static final int DUTY_FIELD = 1;
  private static final int SLOT_FIELD = 1;

  private final List<byte[]> chunks;
  private final int length;

  /**
   * A body made of chunks.
   *
   * @param chunks the bytes, in order
   */
  public FrameBody(List<byte[]> chunks) {
    this.chunks = List.copyOf(chunks);
    long n = 0;
    for (byte[] c : this.chunks) {
      n += c.length;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("frame body too large: " + n);
    }
    this.length = (int) n;
  }

  /**
   * A body in one array.
   *
   * @param body the bytes
   * @return the body
   */
  public static FrameBody of(byte[] body) {
    return new FrameBody(List.of(body));
  }

  /**
   * Its length.
   *
   * @return bytes
   */
  public int length() {
    return length;
  }

  /**
   * The bytes in one array (the only chunk itself when there is one).
   *
   * @return the bytes
   */
  public byte[] bytes() {
    if (chunks.size() == 1) {
      return chunks.get(0);
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, out, at, c.length);
      at += c.length;
    }
    return out;
  }

  /**
   * The duty's slot, read without parsing the message (field 1 of the {@code Duty} in field 1),
   * for the load-shedding order. Costs a few varints: the data set is skipped, not read.
   *
   * @return the slot, or empty when the body has no readable duty (it will be refused later)
   */
  public OptionalLong peekSlot() {
    try {
      CodedInputStream in = chunks.size() == 1 ? CodedInputStream.newInstance(chunks.get(0))
          : CodedInputStream.newInstance(stream());
      while (true) {
        int tag = in.readTag();
        if (tag == 0) {
          return OptionalLong.empty();
        }
        if (WireFormat.getTagFieldNumber(tag) == DUTY_FIELD
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int old = in.pushLimit(in.readRawVarint32());
          long slot = 0;
          while (true) {
            int t = in.readTag();
            if (t == 0) {
              break;
            }
            if (WireFormat.getTagFieldNumber(t) == SLOT_FIELD
                && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_VARINT) {
              slot = in.readUInt64();
            } else if (!in.skipField(t)) {
              break;
            }
          }
          in.popLimit(old);
          return OptionalLong.of(slot);
        }
        if (!in.skipField(tag)) {
          return OptionalLong.empty();
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private InputStream stream() {
    return new SequenceInputStream(Collections.enumeration(
        chunks.stream().map(ByteArrayInputStream::new).toList()));
  }
}
