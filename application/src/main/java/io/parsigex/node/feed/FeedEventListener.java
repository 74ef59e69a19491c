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
 * Turns the node's application events into feed messages and counts them in the node's
 * {@link FeedTotals}: each event is serialized once (only when a client is connected) and handed to
 * the hub, which never blocks the publishing thread. An event whose plugin values fail when read is
 * counted but not published (the plugin failure is counted), at most the plugin call timeout
 * later.
 *
 * <p>Counting and publishing happen under the totals' monitor, and a client that asks for totals
 * gets them under the same monitor ({@link #register}): the totals it receives plus every message
 * after them are exactly the node's totals. Serializing happens outside the monitor, except for
 * an event that arrives while the first client connects.
 */
public final class FeedEventListener {

  private static final Logger log = LoggerFactory.getLogger(FeedEventListener.class);

  private final FeedHub hub;
  private final FeedSerializer serializer;
  private final FeedTotals totals;

  /**
   * Creates the listener.
   *
   * @param hub the fan-out
   * @param serializer the JSON shapes
   * @param totals the node's totals, counted here
   */
  public FeedEventListener(FeedHub hub, FeedSerializer serializer, FeedTotals totals) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.totals = Objects.requireNonNull(totals, "totals");
  }

  /**
   * Registers a feed client, and when it asked for them hands it the totals first, before any
   * message published after them.
   *
   * @param session the WebSocket session
   * @param withTotals whether the client asked for a {@code totals} message
   * @return false when the feed is full (the caller closes the session)
   */
  public boolean register(org.springframework.web.socket.WebSocketSession session,
      boolean withTotals) {
    synchronized (totals) {
      if (!hub.register(session)) {
        return false;
      }
      if (withTotals) {
        hub.client(session.getId())
            .ifPresent(c -> c.enqueue(serializer.totals(totals.snapshot())));
      }
      return true;
    }
  }

  /**
   * A verified set arrived.
   *
   * @param e the event
   */
  @EventListener
  public void onReceived(ParSigReceivedEvent e) {
    boolean tried = hub.hasClients();
    FeedMessage m = tried ? received(e) : null;
    synchronized (totals) {
      totals.received(e.set().duty().type());
      if (!tried && hub.hasClients()) {
        m = received(e); // the first client connected meanwhile: it must not miss this set
      }
      if (m != null) {
        hub.publish(m);
      }
    }
  }

  private FeedMessage received(ParSigReceivedEvent e) {
    try {
      return serializer.received(e.set());
    } catch (UnreadableValueException ex) {
      log.warn("Feed message for {} skipped: {}", e.set().duty(), ex.getMessage());
      return null;
    }
  }

  /**
   * A set was refused.
   *
   * @param e the event
   */
  @EventListener
  public void onRejected(ParSigRejectedEvent e) {
    boolean tried = hub.hasClients();
    FeedMessage m = tried ? serializer.rejected(e.rejection()) : null;
    synchronized (totals) {
      totals.rejected(e.rejection());
      if (!tried && hub.hasClients()) {
        m = serializer.rejected(e.rejection());
      }
      if (m != null) {
        hub.publish(m);
      }
    }
  }

  /**
   * This node broadcast a set.
   *
   * @param e the event
   */
  @EventListener
  public void onBroadcast(ParSigBroadcastEvent e) {
    boolean tried = hub.hasClients();
    FeedMessage m = tried ? broadcast(e) : null;
    synchronized (totals) {
      totals.broadcast(e.result());
      if (!tried && hub.hasClients()) {
        m = broadcast(e);
      }
      if (m != null) {
        hub.publish(m);
      }
    }
  }

  private FeedMessage broadcast(ParSigBroadcastEvent e) {
    try {
      return serializer.broadcast(e.result());
    } catch (UnreadableValueException ex) {
      log.warn("Feed message for {} skipped: {}", e.result().duty(), ex.getMessage());
      return null;
    }
  }

  /**
   * A peer connected or disconnected.
   *
   * @param e the event
   */
  @EventListener
  public void onPeer(PeerConnectionEvent e) {
    synchronized (totals) {
      if (hub.hasClients()) {
        hub.publish(serializer.peer(e.peerId(), e.connected()));
      }
    }
  }
}
