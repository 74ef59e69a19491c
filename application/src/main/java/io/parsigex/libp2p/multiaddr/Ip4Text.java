package io.parsigex.libp2p.multiaddr;

/** Dotted-quad IPv4 text without leading zeros (Go's parser rejects them too). */
final class Ip4Text {

  private Ip4Text() {}

  /** Parses {@code a.b.c.d}, or returns null. */
  static byte[] parse(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
          || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }
}
