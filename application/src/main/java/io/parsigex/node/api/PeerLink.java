package io.parsigex.node.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Set;

/**
 * How this node reaches one cluster member now, and how its sends to it went. Immutable.
 *
 * @param peerId the member's peer id
 * @param shareIndex its share index
 * @param connection {@link #DIRECT} (an open connection over its own address), {@link #RELAYED}
 *     (through a circuit relay) or {@link #NONE} (no open connection)
 * @param send this node's send latencies to it
 */
public record PeerLink(
    @JsonProperty("peer_id") String peerId,
    @JsonProperty("share_index") int shareIndex,
    @JsonProperty("connection") String connection,
    @JsonProperty("send") SendLatencies.Latency send) {

  /** An open direct connection. */
  public static final String DIRECT = "direct";
  /** An open connection through a circuit relay. */
  public static final String RELAYED = "relayed";
  /** No open connection. */
  public static final String NONE = "none";

  private static final Set<String> CONNECTIONS = Set.of(DIRECT, RELAYED, NONE);

  /** Validates. */
  public PeerLink {
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(send, "send");
    if (!CONNECTIONS.contains(connection)) {
      throw new IllegalArgumentException("connection must be one of " + CONNECTIONS + ", got "
          + connection);
    }
  }

  /**
   * The connection label of an open connection, or of none.
   *
   * @param open whether a connection is open
   * @param relayed whether it runs through a relay
   * @return {@link #DIRECT}, {@link #RELAYED} or {@link #NONE}
   */
  public static String connection(boolean open, boolean relayed) {
    return !open ? NONE : relayed ? RELAYED : DIRECT;
  }
}
