package io.parsigex.node.feed;

import io.parsigex.node.events.ParSigBroadcastEvent;
import io.parsigex.node.events.ParSigReceivedEvent;
import io.parsigex.node.events.ParSigRejectedEvent;
import io.parsigex.node.events.PeerConnectionEvent;
import java.util.Objects;
import org.springframework.context.event.EventListener;

/**
 * Turns the node's application events into feed messages: each event is serialized once (only
 * when a client is connected) and handed to the hub, which never blocks the publishing thread.
 */
public final class FeedEventListener {

  private final FeedHub hub;
  private final FeedSerializer serializer;

  /**
   * Creates the listener.
   *
   * @param hub the fan-out
   * @param serializer the JSON shapes
   */
  public FeedEventListener(FeedHub hub, FeedSerializer serializer) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
  }

  /**
   * A verified set arrived.
   *
   * @param e the event
   */
  @EventListener
  public void onReceived(ParSigReceivedEvent e) {
    if (hub.hasClients()) {
      hub.publish(serializer.received(e.set()));
    }
  }

  /**
   * A set was refused.
   *
   * @param e the event
   */
  @EventListener
  public void onRejected(ParSigRejectedEvent e) {
    if (hub.hasClients()) {
      hub.publish(serializer.rejected(e.rejection()));
    }
  }

  /**
   * This node broadcast a set.
   *
   * @param e the event
   */
  @EventListener
  public void onBroadcast(ParSigBroadcastEvent e) {
    if (hub.hasClients()) {
      hub.publish(serializer.broadcast(e.result()));
    }
  }

  /**
   * A peer connected or disconnected.
   *
   * @param e the event
   */
  @EventListener
  public void onPeer(PeerConnectionEvent e) {
    if (hub.hasClients()) {
      hub.publish(serializer.peer(e.peerId(), e.connected()));
    }
  }
}
