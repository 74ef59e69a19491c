package io.parsigex.libp2p.multiaddr;

/** IPv6 text (RFC 5952 canonical output, as Go's net.IP prints it; RFC 4291 input). */
final class Ip6Text {

  private static final int GROUPS = 8;
  private static final int MAX_TEXT_LENGTH = 45;

  private Ip6Text() {}

  static String format(byte[] a) {
    int[] g = new int[GROUPS];
    for (int i = 0; i < GROUPS; i++) {
      g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < GROUPS; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < GROUPS && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < GROUPS; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  /** Parses IPv6 text, or returns null when it is not an IPv6 address. */
  static byte[] parse(String s) {
    if (s.isEmpty() || s.length() > MAX_TEXT_LENGTH) {
      return null;
    }
    int lastColon = s.lastIndexOf(':');
    if (lastColon >= 0 && s.indexOf('.', lastColon) > 0) {
      byte[] v4 = Ip4Text.parse(s.substring(lastColon + 1));
      if (v4 == null) {
        return null;
      }
      s = s.substring(0, lastColon + 1)
          + Integer.toHexString(((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF)) + ":"
          + Integer.toHexString(((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF));
    }
    int groupsWanted = GROUPS;
    String[] halves = s.split("::", -1);
    if (halves.length > 2) {
      return null;
    }
    int[] head = groups(halves[0]);
    int[] tail = halves.length == 2 ? groups(halves[1]) : new int[0];
    if (head == null || tail == null) {
      return null;
    }
    int total = head.length + tail.length;
    if (halves.length == 1 ? total != groupsWanted : total >= groupsWanted) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.length; i++) {
      out[2 * i] = (byte) (head[i] >> 8);
      out[2 * i + 1] = (byte) head[i];
    }
    int base = groupsWanted - tail.length;
    for (int i = 0; i < tail.length; i++) {
      out[2 * (base + i)] = (byte) (tail[i] >> 8);
      out[2 * (base + i) + 1] = (byte) tail[i];
    }
    return out;
  }

  private static int[] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] gs = part.split(":", -1);
    int[] out = new int[gs.length];
    for (int i = 0; i < gs.length; i++) {
      String g = gs[i];
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < g.length(); k++) {
        int d = Character.digit(g.charAt(k), 16);
        if (d < 0) {
          return null;
        }
        v = v * 16 + d;
      }
      out[i] = v;
    }
    return out;
  }
}
