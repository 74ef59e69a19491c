package io.parsigex.eth2.charon;

/** Go's {@code bytes.TrimSpace} prefix test, as Charon's JSON fallback rule uses it. */
final class GoBytes {
  private GoBytes() {}

  /**
   * Whether the bytes, after leading Unicode white space (Go's {@code unicode.IsSpace} on UTF-8
   * runes), start with an opening brace ({@code 0x7B}).
   */
  static boolean trimmedStartsWithBrace(byte[] in) {
    int i = 0;
    while (i < in.length) {
      int b = in[i] & 0xff;
      if (b < 0x80) {
        if (b == ' ' || (b >= '\t' && b <= '\r')) {
          i++;
          continue;
        }
        return b == '{';
      }
      int cp;
      int len;
      if ((b & 0xe0) == 0xc0 && i + 1 < in.length && cont(in[i + 1])) {
        cp = ((b & 0x1f) << 6) | (in[i + 1] & 0x3f);
        len = 2;
      } else if ((b & 0xf0) == 0xe0 && i + 2 < in.length && cont(in[i + 1]) && cont(in[i + 2])) {
        cp = ((b & 0x0f) << 12) | ((in[i + 1] & 0x3f) << 6) | (in[i + 2] & 0x3f);
        len = 3;
      } else {
        return false;
      }
      if (!isUnicodeSpace(cp)) {
        return false;
      }
      i += len;
    }
    return false;
  }

  private static boolean cont(byte b) {
    return (b & 0xc0) == 0x80;
  }

  /** Go's {@code unicode.IsSpace} above ASCII (White_Space property). */
  static boolean isUnicodeSpace(int cp) {
    return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
  }
}
