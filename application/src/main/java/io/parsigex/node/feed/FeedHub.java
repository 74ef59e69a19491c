package io.parsigex.node.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The registry of feed clients and the fan-out: {@link #publish} hands one serialized message to
 * every client's bounded buffer without waiting for any of them. Meters:
 * {@code parsigex_ws_clients} (gauge) and {@code parsigex_ws_dropped_clients_total{reason}}.
 */
public final class FeedHub {

  /** Gauge of connected clients (Prometheus {@code parsigex_ws_clients}). */
  public static final String CLIENTS_METER = "parsigex.ws.clients";
  /** Counter of clients dropped (Prometheus {@code parsigex_ws_dropped_clients_total}). */
  public static final String DROPPED_METER = "parsigex.ws.dropped.clients";
  /**
   * Counter of client messages the feed refused: not a valid filter, too large, or binary
   * (Prometheus {@code parsigex_ws_invalid_messages_total}).
   */
  public static final String INVALID_METER = "parsigex.ws.invalid.messages";

  private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);

  private final FeedProperties properties;
  private final Executor senders;
  private final Map<String, ClientSession> clients = new ConcurrentHashMap<>();
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
  private final Counter invalid;
  private final FeedLog log = FeedLog.shared();

  /**
   * Creates the hub.
   *
   * @param properties limits
   * @param senders the shared, bounded sender executor
   * @param meters where the gauge and counter are registered
   */
  public FeedHub(FeedProperties properties, Executor senders, MeterRegistry meters) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.senders = Objects.requireNonNull(senders, "senders");
    Gauge.builder(CLIENTS_METER, clients, Map::size)
        .description("WebSocket feed clients connected").register(meters);
    for (DropReason r : DropReason.values()) {
      dropped.put(r, Counter.builder(DROPPED_METER).tag("reason", r.label())
          .description("WebSocket feed clients disconnected by the node").register(meters));
    }
    invalid = Counter.builder(INVALID_METER)
        .description("WebSocket feed client messages refused (bad filter, too large, binary)")
        .register(meters);
  }

  /**
   * Counts a client message the feed refused (the client was told why, or closed with 1009/1003).
   *
   * @param sessionId the WebSocket session id
   * @param why what was wrong
   */
  public void invalidMessage(String sessionId, String why) {
    invalid.increment();
    LOG.debug("WebSocket feed client {} sent an invalid message: {}", sessionId, why);
  }

  /**
   * Registers a new connection, or refuses it when the feed is full (the caller closes it with
   * {@link DropReason#TOO_MANY_CLIENTS}'s status, 1013).
   *
   * @param session the WebSocket session
   * @return true when registered, false when refused
   */
  public boolean register(WebSocketSession session) {
    if (clients.size() >= properties.maxClients()) {
      dropped.get(DropReason.TOO_MANY_CLIENTS).increment();
      return false;
    }
    clients.put(session.getId(),
        new ClientSession(session, properties, senders, this::dropped, System::nanoTime, log));
    return true;
  }

  /**
   * The client of a session.
   *
   * @param sessionId the WebSocket session id
   * @return the client, if registered
   */
  Optional<ClientSession> client(String sessionId) {
    return Optional.ofNullable(clients.get(sessionId));
  }

  /**
   * Forgets a session whose connection closed.
   *
   * @param sessionId the WebSocket session id
   */
  public void unregister(String sessionId) {
    ClientSession c = clients.remove(sessionId);
    if (c != null) {
      c.connectionClosed();
    }
  }

  /**
   * Hands a message to every client whose filter wants it. Never blocks.
   *
   * @param m the message, serialized once
   */
  public void publish(FeedMessage m) {
    for (ClientSession c : clients.values()) {
      c.offer(m);
    }
  }

  /**
   * Whether anyone is listening (lets callers skip serialization).
   *
   * @return true when at least one client is connected
   */
  public boolean hasClients() {
    return !clients.isEmpty();
  }

  /**
   * Connected clients.
   *
   * @return the count
   */
  public int clientCount() {
    return clients.size();
  }

  /**
   * Closes every client (from sender threads) with the given status, for example at shutdown.
   *
   * @param status the close status, such as 1001 going away
   */
  public void closeAll(CloseStatus status) {
    for (ClientSession c : clients.values()) {
      c.closeLater(status);
    }
  }

  private void dropped(ClientSession c, DropReason reason) {
    if (clients.remove(c.id(), c)) {
      dropped.get(reason).increment();
      String detail = reason.slowClient()
          ? "limits: " + properties.maxBufferedMessages() + " messages, "
              + properties.maxBufferedBytes() + ", send timeout " + properties.sendTimeout()
              + "; raise parsigex.ws.* or have the client filter"
          : c.failure();
      log.dropped(c.id(), reason, detail);
    }
  }
}
