package io.parsigex.libp2p.multiaddr;

import io.parsigex.libp2p.encoding.EncodingException;
import io.parsigex.libp2p.encoding.Varint;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.peer.PeerIdException;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An immutable multiaddr, e.g. {@code /ip4/127.0.0.1/tcp/3610/p2p/16Uiu2…}.
 *
 * @param components the parts, in order
 */
public record Multiaddr(List<Component> components) {

  /** Longest text accepted by {@link #parse}. */
  public static final int MAX_TEXT_LENGTH = 1024;
  /** Longest binary form accepted by {@link #fromBytes}. */
  public static final int MAX_BINARY_LENGTH = 1024;
  /** Most components in one multiaddr. */
  public static final int MAX_COMPONENTS = 16;

  /**
   * Copies the parts.
   *
   * @param components at least one, at most {@link #MAX_COMPONENTS}
   */
  public Multiaddr {
    components = List.copyOf(components);
    if (components.isEmpty() || components.size() > MAX_COMPONENTS) {
      throw new IllegalArgumentException("a multiaddr has 1.." + MAX_COMPONENTS + " components");
    }
  }

  /**
   * Parses the text form.
   *
   * @param text e.g. {@code /ip4/127.0.0.1/tcp/3610}
   * @return the multiaddr
   * @throws MultiaddrException.Malformed for bad syntax or values
   * @throws MultiaddrException.Unsupported for protocols not handled here
   */
  public static Multiaddr parse(String text) throws MultiaddrException {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
      throw malformed(text, "must be 1.." + MAX_TEXT_LENGTH + " characters", null);
    }
    if (text.charAt(0) != '/') {
      throw malformed(text, "must start with '/'", null);
    }
    String[] parts = text.substring(1).split("/", -1);
    if (parts.length > 0 && parts[parts.length - 1].isEmpty()) {
      parts = Arrays.copyOf(parts, parts.length - 1);
    }
    List<Component> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String name = parts[i];
      if (name.isEmpty()) {
        throw malformed(text, "has an empty protocol name", null);
      }
      Protocol p = Protocol.byName(name).orElseThrow(() -> new MultiaddrException.Unsupported(
          "multiaddr protocol /" + name + " in '" + text + "' is not supported (use ip4, ip6, dns,"
          + " dns4, dns6, tcp, p2p, p2p-circuit)"));
      if (p.size() == 0) {
        out.add(new Component(p, new byte[0]));
        continue;
      }
      if (i + 1 >= parts.length) {
        throw malformed(text, "/" + name + " needs a value", null);
      }
      out.add(new Component(p, valueFromText(text, p, parts[++i])));
      if (out.size() > MAX_COMPONENTS) {
        throw malformed(text, "has more than " + MAX_COMPONENTS + " components", null);
      }
    }
    if (out.isEmpty()) {
      throw malformed(text, "has no components", null);
    }
    return new Multiaddr(out);
  }

  /**
   * Decodes the binary form.
   *
   * @param bytes the encoding
   * @return the multiaddr
   * @throws MultiaddrException.Malformed for truncated or invalid bytes
   * @throws MultiaddrException.Unsupported for protocol codes not handled here
   */
  public static Multiaddr fromBytes(byte[] bytes) throws MultiaddrException {
    if (bytes == null || bytes.length == 0 || bytes.length > MAX_BINARY_LENGTH) {
      throw new MultiaddrException.Malformed("binary multiaddr must be 1.." + MAX_BINARY_LENGTH
          + " bytes", null);
    }
    List<Component> out = new ArrayList<>();
    int pos = 0;
    try {
      while (pos < bytes.length) {
        Varint.Decoded code = Varint.readComplete(bytes, pos);
        pos += code.length();
        Protocol p = Protocol.byCode(code.value()).orElseThrow(
            () -> new MultiaddrException.Unsupported("multiaddr protocol code "
                + code.value() + " is not supported"));
        int size = p.size();
        if (size == Protocol.VARIABLE) {
          Varint.Decoded len = Varint.readComplete(bytes, pos);
          pos += len.length();
          if (len.value() > bytes.length - pos) {
            throw new MultiaddrException.Malformed("binary multiaddr is truncated inside /"
                + p.text(), null);
          }
          size = (int) len.value();
        } else if (size > bytes.length - pos) {
          throw new MultiaddrException.Malformed("binary multiaddr is truncated inside /"
              + p.text(), null);
        }
        byte[] value = Arrays.copyOfRange(bytes, pos, pos + size);
        pos += size;
        checkBinaryValue(p, value);
        out.add(new Component(p, value));
        if (out.size() > MAX_COMPONENTS) {
          throw new MultiaddrException.Malformed("binary multiaddr has more than "
              + MAX_COMPONENTS + " components", null);
        }
      }
    } catch (EncodingException e) {
      throw new MultiaddrException.Malformed("binary multiaddr: " + e.getMessage(), e);
    }
    return new Multiaddr(out);
  }

  /**
   * The multiaddr of a TCP socket address.
   *
   * @param address an IP address and port
   * @return {@code /ip4/…/tcp/…} or {@code /ip6/…/tcp/…}
   */
  public static Multiaddr tcp(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    Protocol p = address.getAddress() instanceof Inet4Address ? Protocol.IP4 : Protocol.IP6;
    int port = address.getPort();
    return new Multiaddr(List.of(new Component(p, ip),
        new Component(Protocol.TCP, new byte[] {(byte) (port >> 8), (byte) port})));
  }

  /**
   * The binary form.
   *
   * @return the bytes
   */
  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Component c : components) {
      out.writeBytes(Varint.encode(c.protocol().code()));
      byte[] v = c.value();
      if (c.protocol().size() == Protocol.VARIABLE) {
        out.writeBytes(Varint.encode(v.length));
      }
      out.writeBytes(v);
    }
    return out.toByteArray();
  }

  /**
   * The peer id of the last {@code /p2p} component.
   *
   * @return the id, if any
   */
  public Optional<PeerId> peerId() {
    for (int i = components.size() - 1; i >= 0; i--) {
      Component c = components.get(i);
      if (c.protocol() == Protocol.P2P) {
        return Optional.of(new PeerId(c.value()));
      }
      if (c.protocol() == Protocol.P2P_CIRCUIT) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Whether this is a relayed address (it has a {@code /p2p-circuit} component).
   *
   * @return true for circuit addresses
   */
  public boolean isRelayed() {
    return components.stream().anyMatch(c -> c.protocol() == Protocol.P2P_CIRCUIT);
  }

  /**
   * This address with a trailing {@code /p2p/<id>} removed.
   *
   * @return the transport part
   */
  public Multiaddr withoutPeerId() {
    Component last = components.get(components.size() - 1);
    return last.protocol() == Protocol.P2P && components.size() > 1
        ? new Multiaddr(components.subList(0, components.size() - 1)) : this;
  }

  /**
   * This address with {@code /p2p/<id>} appended (replacing a trailing one).
   *
   * @param id the peer
   * @return the new address
   */
  public Multiaddr withPeerId(PeerId id) {
    List<Component> cs = new ArrayList<>(withoutPeerId().components);
    if (cs.get(cs.size() - 1).protocol() == Protocol.P2P) {
      cs.remove(cs.size() - 1);
    }
    cs.add(new Component(Protocol.P2P, id.multihash()));
    return new Multiaddr(cs);
  }

  /**
   * The TCP endpoint of a direct address ({@code /ip4|ip6|dns|dns4|dns6/…/tcp/…} first).
   * DNS names are left unresolved.
   *
   * @return the endpoint, or empty for relay or non-TCP addresses
   */
  public Optional<InetSocketAddress> tcpEndpoint() {
    if (components.size() < 2 || components.get(1).protocol() != Protocol.TCP
        || components.stream().anyMatch(c -> c.protocol() == Protocol.P2P_CIRCUIT)) {
      return Optional.empty();
    }
    Component host = components.get(0);
    int port = Integer.parseInt(components.get(1).valueText());
    return switch (host.protocol()) {
      case IP4, IP6 -> {
        try {
          yield Optional.of(new InetSocketAddress(
              java.net.InetAddress.getByAddress(host.value()), port));
        } catch (java.net.UnknownHostException e) {
          yield Optional.empty();
        }
      }
      case DNS, DNS4, DNS6 -> Optional.of(InetSocketAddress.createUnresolved(host.valueText(),
          port));
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    components.forEach(sb::append);
    return sb.toString();
  }

  private static byte[] valueFromText(String text, Protocol p, String v)
      throws MultiaddrException {
    switch (p) {
      case IP4 -> {
        byte[] b = Ip4Text.parse(v);
        if (b == null) {
          throw malformed(text, "'" + v + "' is not an IPv4 address", null);
        }
        return b;
      }
      case IP6 -> {
        byte[] b = Ip6Text.parse(v);
        if (b == null) {
          throw malformed(text, "'" + v + "' is not an IPv6 address", null);
        }
        return b;
      }
      case TCP -> {
        if (v.isEmpty() || v.length() > 5 || !v.chars().allMatch(c -> c >= '0' && c <= '9')
            || Integer.parseInt(v) > 0xFFFF) {
          throw malformed(text, "'" + v + "' is not a TCP port (0..65535)", null);
        }
        int port = Integer.parseInt(v);
        return new byte[] {(byte) (port >> 8), (byte) port};
      }
      case DNS, DNS4, DNS6 -> {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        checkDns(text, b);
        return b;
      }
      case P2P -> {
        try {
          return PeerId.parse(v).multihash();
        } catch (PeerIdException e) {
          throw malformed(text, e.getMessage(), e);
        }
      }
      default -> throw new IllegalStateException("no value for " + p);
    }
  }

  private static void checkBinaryValue(Protocol p, byte[] value) throws MultiaddrException {
    switch (p) {
      case DNS, DNS4, DNS6 -> checkDns("(binary)", value);
      case P2P -> {
        try {
          PeerId.fromBytes(value);
        } catch (PeerIdException e) {
          throw new MultiaddrException.Malformed("binary multiaddr /p2p: " + e.getMessage(), e);
        }
      }
      default -> { }
    }
  }

  private static void checkDns(String text, byte[] name) throws MultiaddrException {
    if (name.length == 0 || name.length > Component.MAX_DNS_NAME_LENGTH) {
      throw malformed(text, "DNS name must be 1.." + Component.MAX_DNS_NAME_LENGTH + " bytes",
          null);
    }
    for (byte b : name) {
      if (b == '/' || b <= ' ' || b == 0x7F) {
        throw malformed(text, "DNS name contains '/', a space or a control character", null);
      }
    }
    if (!Arrays.equals(new String(name, StandardCharsets.UTF_8)
        .getBytes(StandardCharsets.UTF_8), name)) {
      throw malformed(text, "DNS name is not valid UTF-8", null);
    }
  }

  private static MultiaddrException.Malformed malformed(String text, String why, Throwable cause) {
    String shown = text == null ? "null" : text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return new MultiaddrException.Malformed("multiaddr '" + shown + "': " + why, cause);
  }
}
