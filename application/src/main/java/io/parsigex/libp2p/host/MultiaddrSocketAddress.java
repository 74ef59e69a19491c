package io.parsigex.libp2p.host;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * A socket address that is a multiaddr: the remote address of a channel that is not a TCP socket
 * (a relayed circuit, {@code /ip4/…/tcp/…/p2p/<relay>/p2p-circuit}). The host reports it as the
 * connection's remote address.
 */
public final class MultiaddrSocketAddress extends SocketAddress {

  private static final long serialVersionUID = 1L;

  private final transient Multiaddr address;

  /**
   * Wraps a multiaddr.
   *
   * @param address the address
   */
  public MultiaddrSocketAddress(Multiaddr address) {
    this.address = Objects.requireNonNull(address, "address");
  }

  /**
   * The multiaddr.
   *
   * @return the address
   */
  public Multiaddr multiaddr() {
    return address;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiaddrSocketAddress m && m.address.equals(address);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return address.toString();
  }
}
