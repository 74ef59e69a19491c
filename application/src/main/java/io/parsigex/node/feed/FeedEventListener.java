package io.parsigex.node.feed;

import io.parsigex.node.events.ParSigBroadcastEvent;
import io.parsigex.node.events.ParSigReceivedEvent;
import io.parsigex.node.events.ParSigRejectedEvent;
import io.parsigex.node.events.PeerConnectionEvent;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Turns the node's application events into feed messages: each event is serialized once (only
 * when a client is connected) and handed to the hub, which never blocks the publishing thread. An
 * event whose plugin values fail when read is skipped (the plugin failure is counted), at most the
 * plugin call timeout later.
 */
public final class FeedEventListener {

  private static final Logger log = LoggerFactory.getLogger(FeedEventListener.class);

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
      try {
        hub.publish(serializer.received(e.set()));
      } catch (UnreadableValueException ex) {
        log.warn("Feed message for {} skipped: {}", e.set().duty(), ex.getMessage());
      }
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
      try {
        hub.publish(serializer.broadcast(e.result()));
      } catch (UnreadableValueException ex) {
        log.warn("Feed message for {} skipped: {}", e.result().duty(), ex.getMessage());
      }
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
