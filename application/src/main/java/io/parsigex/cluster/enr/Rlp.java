package io.parsigex.cluster.enr;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of RLP that node records use: one list of byte strings. Decoding is strict (canonical
 * encodings only, exact lengths, no nested lists) and bounded by {@link #MAX_INPUT_BYTES}.
 */
public final class Rlp {

  /** The longest input decoded; EIP-778 caps records at 300 bytes, Charon's SSZ at 1024. */
  public static final int MAX_INPUT_BYTES = 1024;
  /** Most items a decoded list may hold. */
  public static final int MAX_ITEMS = 128;

  private static final int SHORT_STRING = 0x80;
  private static final int LONG_STRING = 0xB7;
  private static final int SHORT_LIST = 0xC0;
  private static final int LONG_LIST = 0xF7;
  private static final int MAX_SHORT_LENGTH = 55;
  private static final int MAX_LENGTH_OF_LENGTH = 4;

  private Rlp() {}

  /**
   * Decodes one RLP list of byte strings that spans the whole input.
   *
   * @param input the encoding
   * @return the items, in order
   * @throws EnrException.MalformedRlp when the input is not exactly that, canonically encoded
   */
  public static List<byte[]> decodeBytesList(byte[] input) throws EnrException.MalformedRlp {
    if (input.length > MAX_INPUT_BYTES) {
      throw new EnrException.MalformedRlp(
          "RLP input of " + input.length + " bytes exceeds the limit of " + MAX_INPUT_BYTES);
    }
    Header list = header(input, 0);
    if (!list.isList) {
      throw new EnrException.MalformedRlp("expected an RLP list, found a byte string");
    }
    if (list.end() != input.length) {
      throw new EnrException.MalformedRlp("RLP list length " + list.length + " does not match the "
          + (input.length - list.offset) + " bytes that follow its header");
    }
    List<byte[]> items = new ArrayList<>();
    int pos = list.offset;
    while (pos < list.end()) {
      if (items.size() == MAX_ITEMS) {
        throw new EnrException.MalformedRlp("RLP list has more than " + MAX_ITEMS + " items");
      }
      Header item = header(input, pos);
      if (item.isList) {
        throw new EnrException.MalformedRlp("nested RLP list at offset " + pos);
      }
      if (item.end() > list.end()) {
        throw new EnrException.MalformedRlp("RLP item at offset " + pos + " runs past its list");
      }
      byte[] value = new byte[item.length];
      System.arraycopy(input, item.offset, value, 0, item.length);
      if (item.length == 1 && item.offset != pos && (value[0] & 0xFF) < SHORT_STRING) {
        throw new EnrException.MalformedRlp(
            "non-canonical RLP: single byte below 0x80 encoded as a string at offset " + pos);
      }
      items.add(value);
      pos = item.end();
    }
    return items;
  }

  /**
   * Encodes a list of byte strings canonically.
   *
   * @param items the items
   * @return the RLP encoding
   */
  public static byte[] encodeBytesList(List<byte[]> items) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] item : items) {
      if (item.length == 1 && (item[0] & 0xFF) < SHORT_STRING) {
        body.write(item[0]);
      } else {
        writeHeader(body, SHORT_STRING, LONG_STRING, item.length);
        body.writeBytes(item);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeHeader(out, SHORT_LIST, LONG_LIST, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void writeHeader(ByteArrayOutputStream out, int shortBase, int longBase, int len) {
    if (len <= MAX_SHORT_LENGTH) {
      out.write(shortBase + len);
      return;
    }
    int bytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
    out.write(longBase + bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.write(len >>> (8 * i));
    }
  }

  private record Header(boolean isList, int offset, int length) {
    int end() {
      return offset + length;
    }
  }

  private static Header header(byte[] in, int pos) throws EnrException.MalformedRlp {
    if (pos >= in.length) {
      throw new EnrException.MalformedRlp("RLP input ends at offset " + pos);
    }
    int b = in[pos] & 0xFF;
    if (b < SHORT_STRING) {
      return new Header(false, pos, 1);
    }
    boolean isList = b >= SHORT_LIST;
    int shortBase = isList ? SHORT_LIST : SHORT_STRING;
    int longBase = isList ? LONG_LIST : LONG_STRING;
    Header h;
    if (b <= longBase) {
      h = new Header(isList, pos + 1, b - shortBase);
    } else {
      int lenOfLen = b - longBase;
      if (lenOfLen > MAX_LENGTH_OF_LENGTH || pos + 1 + lenOfLen > in.length) {
        throw new EnrException.MalformedRlp("RLP length header at offset " + pos + " is truncated");
      }
      if (in[pos + 1] == 0) {
        throw new EnrException.MalformedRlp("non-canonical RLP: length with leading zero at offset "
            + pos);
      }
      long len = 0;
      for (int i = 0; i < lenOfLen; i++) {
        len = (len << 8) | (in[pos + 1 + i] & 0xFF);
      }
      if (len <= MAX_SHORT_LENGTH) {
        throw new EnrException.MalformedRlp(
            "non-canonical RLP: long form for a length of " + len + " at offset " + pos);
      }
      if (len > MAX_INPUT_BYTES) {
        throw new EnrException.MalformedRlp("RLP length " + len + " at offset " + pos
            + " exceeds the limit of " + MAX_INPUT_BYTES);
      }
      h = new Header(isList, pos + 1 + lenOfLen, (int) len);
    }
    if (h.end() > in.length) {
      throw new EnrException.MalformedRlp("RLP item at offset " + pos + " announces " + h.length
          + " bytes but only " + (in.length - h.offset) + " remain");
    }
    return h;
  }
}
