package io.parsigex.node.events;

import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/** A cluster peer connected or disconnected. */
public final class PeerConnectionEvent extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  private final String peerId;
  private final boolean connected;

  /**
   * Creates the event.
   *
   * @param source the publishing bean
   * @param peerId the peer
   * @param connected its new state
   */
  public PeerConnectionEvent(Object source, String peerId, boolean connected) {
    super(source);
    this.peerId = Objects.requireNonNull(peerId, "peerId");
    this.connected = connected;
  }

  /**
   * The peer.
   *
   * @return peer id text
   */
  public String peerId() {
    return peerId;
  }

  /**
   * Whether it is now connected.
   *
   * @return the state
   */
  public boolean connected() {
    return connected;
  }
}
