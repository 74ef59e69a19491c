package io.parsigex.node.config;

import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.peer.PeerIdException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the node's metrics name peers ({@code parsigex.metrics.*}).
 *
 * <p>Charon puts a peer name in every {@code peer} label. It derives the name from the peer id
 * with two word lists of its own source, which this project does not copy. An operator whose
 * Grafana dashboards or alerts use those names gives the same names here: Charon prints each
 * peer's name in its start-up log ({@code charon enr} and the "Connected to peer" lines).
 * Without a name, a peer's label is its peer id.
 *
 * @param peerNames entries {@code <peer-id>=<name>}, one per named cluster member, e.g.
 *     {@code 16Uiu2HAm...=happy-floor} (default none). A list rather than a map, because Spring
 *     lower-cases map keys given on the command line and in the environment, and peer ids are
 *     case-sensitive
 */
@ConfigurationProperties("parsigex.metrics")
public record MetricsProperties(@DefaultValue List<String> peerNames) {

  /** The property that holds the names. */
  public static final String PEER_NAMES = "parsigex.metrics.peer-names";
  /** Longest name, as Charon's nickname limit. */
  public static final int MAX_NAME_LENGTH = 64;

  /**
   * Validates: each entry is a peer id, {@code =}, and a name that is not itself a peer id; no
   * peer or name twice.
   */
  public MetricsProperties {
    peerNames = peerNames == null ? List.of() : List.copyOf(peerNames);
    parse(peerNames);
  }

  /**
   * The defaults.
   *
   * @return no names
   */
  public static MetricsProperties defaults() {
    return new MetricsProperties(List.of());
  }

  /**
   * The names by peer.
   *
   * @return peer id to name, in the order given
   */
  public Map<PeerId, String> names() {
    return parse(peerNames);
  }

  private static Map<PeerId, String> parse(List<String> entries) {
    Map<PeerId, String> names = new LinkedHashMap<>();
    Map<String, PeerId> byName = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String property = PEER_NAMES + "[" + i + "]";
      String entry = entries.get(i) == null ? "" : entries.get(i).strip();
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new InvalidSettingException(property,
            "expected <peer-id>=<name>, for example 16Uiu2HAm...=happy-floor, not '" + entry + "'",
            null);
      }
      PeerId peer;
      try {
        peer = PeerId.parse(entry.substring(0, eq).strip());
      } catch (PeerIdException e) {
        throw new InvalidSettingException(property, "'" + entry.substring(0, eq).strip()
            + "' is not a peer id: " + e.getMessage(), e);
      }
      String name = entry.substring(eq + 1).strip();
      checkName(property, name);
      if (isPeerId(name)) {
        throw new InvalidSettingException(property, "the name '" + name + "' is a peer id; a "
            + "peer without a name is labelled by its id, so a name must not be one", null);
      }
      if (names.put(peer, name) != null) {
        throw new InvalidSettingException(property, "peer " + peer + " is named twice", null);
      }
      PeerId before = byName.put(name, peer);
      if (before != null) {
        throw new InvalidSettingException(property, "the name '" + name + "' is given to both "
            + before + " and " + peer + "; peer labels must tell members apart", null);
      }
    }
    return Collections.unmodifiableMap(names);
  }

  private static boolean isPeerId(String name) {
    try {
      PeerId.parse(name);
      return true;
    } catch (PeerIdException e) {
      return false;
    }
  }

  private static void checkName(String property, String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new InvalidSettingException(property, "a name has 1 to " + MAX_NAME_LENGTH
          + " characters, not " + name.length(), null);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c > '~' || c == '"' || c == '\\') {
        throw new InvalidSettingException(property, "a name is printable ASCII without spaces, "
            + "quotes or backslashes, not '" + name + "'", null);
      }
    }
  }
}
