package io.parsigex.core.relay;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multiaddr.MultiaddrException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configured relays: fixed multiaddrs (ending in {@code /p2p/<relay id>}) and http(s) URLs to
 * resolve (Charon's {@code --p2p-relays}, e.g. Obol's public relays).
 *
 * @param addresses fixed relay addresses
 * @param urls relay URLs
 */
public record RelaySources(List<Multiaddr> addresses, List<URI> urls) {

  /** Most relay entries accepted. */
  public static final int MAX_ENTRIES = 16;

  /**
   * Copies the lists.
   *
   * @param addresses addresses
   * @param urls urls
   */
  public RelaySources {
    addresses = List.copyOf(addresses);
    urls = List.copyOf(urls);
  }

  /**
   * Whether no relay is configured.
   *
   * @return true without relays
   */
  public boolean isEmpty() {
    return addresses.isEmpty() && urls.isEmpty();
  }

  /**
   * Parses the relay entries.
   *
   * @param entries multiaddrs or http(s) URLs
   * @return the sources
   * @throws RelayConfigException.BadEntry naming the first unusable entry
   */
  public static RelaySources parse(List<String> entries) throws RelayConfigException.BadEntry {
    if (entries.size() > MAX_ENTRIES) {
      throw new RelayConfigException.BadEntry(MAX_ENTRIES, "at most " + MAX_ENTRIES
          + " relays may be configured, got " + entries.size(), null);
    }
    List<Multiaddr> addrs = new ArrayList<>();
    List<URI> urls = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i) == null ? "" : entries.get(i).trim();
      String lower = e.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        try {
          URI u = new URI(e);
          if (u.getHost() == null) {
            throw new URISyntaxException(e, "no host");
          }
          urls.add(u);
        } catch (URISyntaxException ex) {
          throw new RelayConfigException.BadEntry(i, "relay URL '" + e + "' is not valid: "
              + ex.getMessage(), ex);
        }
        continue;
      }
      Multiaddr m;
      try {
        m = Multiaddr.parse(e);
      } catch (MultiaddrException ex) {
        throw new RelayConfigException.BadEntry(i, "relay '" + e + "' is neither an http(s) URL "
            + "nor a multiaddr: " + ex.getMessage(), ex);
      }
      if (m.peerId().isEmpty() || m.isRelayed() || m.tcpEndpoint().isEmpty()) {
        throw new RelayConfigException.BadEntry(i, "relay '" + e + "' must be a direct TCP "
            + "multiaddr ending in /p2p/<relay peer id>", null);
      }
      addrs.add(m);
    }
    return new RelaySources(addrs, urls);
  }
}
