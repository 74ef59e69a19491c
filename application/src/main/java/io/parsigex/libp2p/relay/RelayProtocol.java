package io.parsigex.libp2p.relay;

import java.time.Duration;

/** Protocol ids and limits of circuit relay v2. */
public final class RelayProtocol {

  /** The protocol spoken to a relay (reserve, connect). */
  public static final String HOP_PROTOCOL_ID = "/libp2p/circuit/relay/0.2.0/hop";
  /** The protocol a relay speaks to the reached peer. */
  public static final String STOP_PROTOCOL_ID = "/libp2p/circuit/relay/0.2.0/stop";
  /** Largest relay message accepted (go-libp2p uses the same bound). */
  public static final int MAX_MESSAGE_SIZE = 4096;
  /** Longest wait for a relay's answer. */
  public static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(10);
  /** Most addresses kept from one message. */
  public static final int MAX_ADDRESSES = 32;

  private RelayProtocol() {}
}
