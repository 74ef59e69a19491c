package io.parsigex.libp2p.host;

/** Which side opened a connection. */
public enum Direction {
  /** We dialled. */
  OUTBOUND,
  /** The peer dialled us. */
  INBOUND
}
