package io.parsigex.libp2p.yamux;

/**
 * The Yamux header flags. They are bits and may be combined (for example {@code SYN | FIN} opens
 * and half-closes a stream in one frame); each one is handled on its own.
 */
public final class YamuxFlags {

  /** Opens a stream (or, on a ping, asks for an answer). */
  public static final int SYN = 0x1;
  /** Acknowledges a stream (or, on a ping, is the answer). */
  public static final int ACK = 0x2;
  /** Half-closes the sender's direction of a stream. */
  public static final int FIN = 0x4;
  /** Resets a stream at once, in both directions. */
  public static final int RST = 0x8;
  /** Every flag this implementation understands; other bits are ignored. */
  public static final int KNOWN = SYN | ACK | FIN | RST;
  /** The largest value the 16-bit flags field can hold. */
  public static final int MAX_FIELD_VALUE = 0xFFFF;

  private YamuxFlags() {}

  /**
   * Whether {@code flags} has {@code flag} set.
   *
   * @param flags a header's flags
   * @param flag one of the constants
   * @return true when set
   */
  public static boolean has(int flags, int flag) {
    return (flags & flag) != 0;
  }

  /**
   * A readable form such as {@code SYN|FIN}.
   *
   * @param flags a header's flags
   * @return the names of the set flags, or {@code 0}
   */
  public static String describe(int flags) {
    StringBuilder sb = new StringBuilder();
    String[] names = {"SYN", "ACK", "FIN", "RST"};
    int[] bits = {SYN, ACK, FIN, RST};
    for (int i = 0; i < bits.length; i++) {
      if (has(flags, bits[i])) {
        sb.append(sb.isEmpty() ? "" : "|").append(names[i]);
      }
    }
    return sb.isEmpty() ? "0" : sb.toString();
  }
}
