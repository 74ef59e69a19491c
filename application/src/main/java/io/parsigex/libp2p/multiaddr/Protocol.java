package io.parsigex.libp2p.multiaddr;

import java.util.Arrays;
import java.util.Optional;

/** The multiaddr protocols supported here, with their multicodec codes and value sizes. */
public enum Protocol {
  /** IPv4 address, 4 bytes. */
  IP4(4, "ip4", 4),
  /** TCP port, 2 bytes. */
  TCP(6, "tcp", 2),
  /** IPv6 address, 16 bytes. */
  IP6(41, "ip6", 16),
  /** DNS name resolved to any address family (length-prefixed). */
  DNS(53, "dns", Protocol.VARIABLE),
  /** DNS name resolved to IPv4 (length-prefixed). */
  DNS4(54, "dns4", Protocol.VARIABLE),
  /** DNS name resolved to IPv6 (length-prefixed). */
  DNS6(55, "dns6", Protocol.VARIABLE),
  /** Circuit relay marker, no value. */
  P2P_CIRCUIT(290, "p2p-circuit", 0),
  /** Peer id multihash (length-prefixed). */
  P2P(421, "p2p", Protocol.VARIABLE);

  /** Value size marker for length-prefixed values. */
  static final int VARIABLE = -1;

  private final int code;
  private final String text;
  private final int size;

  Protocol(int code, String text, int size) {
    this.code = code;
    this.text = text;
    this.size = size;
  }

  /**
   * The multicodec code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * The name used in text form.
   *
   * @return e.g. {@code ip4}
   */
  public String text() {
    return text;
  }

  /**
   * Fixed value size in bytes, 0 for no value, or -1 for length-prefixed values.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  static Optional<Protocol> byName(String name) {
    // "ipfs" is the historic name of p2p and still appears in configurations
    String n = "ipfs".equals(name) ? "p2p" : name;
    return Arrays.stream(values()).filter(p -> p.text.equals(n)).findFirst();
  }

  static Optional<Protocol> byCode(long code) {
    return Arrays.stream(values()).filter(p -> p.code == code).findFirst();
  }
}
