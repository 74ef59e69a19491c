package io.parsigex.libp2p.multiaddr;

import io.parsigex.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code /protocol/value} part of a multiaddr, with its value in binary form.
 *
 * @param protocol the protocol
 * @param value the value bytes (empty for {@link Protocol#P2P_CIRCUIT})
 */
public record Component(Protocol protocol, byte[] value) {

  /** Longest DNS name accepted. */
  public static final int MAX_DNS_NAME_LENGTH = 253;

  /**
   * Copies the value and checks its size against the protocol.
   *
   * @param protocol the protocol
   * @param value its bytes
   */
  public Component {
    value = value.clone();
    if (protocol.size() >= 0 && value.length != protocol.size()) {
      throw new IllegalArgumentException("/" + protocol.text() + " value must be "
          + protocol.size() + " bytes");
    }
  }

  /**
   * The value bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * The value's text form.
   *
   * @return e.g. {@code 127.0.0.1}, {@code 3610}, a peer id, or empty
   */
  public String valueText() {
    return switch (protocol) {
      case IP4 -> (value[0] & 0xFF) + "." + (value[1] & 0xFF) + "." + (value[2] & 0xFF) + "."
          + (value[3] & 0xFF);
      case IP6 -> Ip6Text.format(value);
      case TCP -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
      case DNS, DNS4, DNS6 -> new String(value, StandardCharsets.UTF_8);
      case P2P -> new PeerId(value).toString();
      case P2P_CIRCUIT -> "";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Component c && c.protocol == protocol && Arrays.equals(value, c.value);
  }

  @Override
  public int hashCode() {
    return protocol.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return protocol.size() == 0 ? "/" + protocol.text() : "/" + protocol.text() + "/" + valueText();
  }
}
