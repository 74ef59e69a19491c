package io.parsigex.node.feed;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /ws/parsigex} endpoint: registers clients with the {@link FeedHub} and applies the
 * filter messages they send, answering {@code {"type":"filter",...}} or
 * {@code {"type":"error","error":"..."}}. A client that connects with {@code ?totals=true}
 * first gets a {@code {"type":"totals",...}} message: the node's totals since it started, exact
 * with respect to the messages that follow it.
 */
public final class FeedWebSocketHandler extends TextWebSocketHandler {

  /** The query parameter by which a client asks for a {@code totals} message first. */
  public static final String TOTALS_PARAMETER = "totals";

  private final FeedHub hub;
  private final FeedEventListener events;
  private final FeedSerializer serializer;
  private final JsonMapper mapper;

  /**
   * Creates the handler.
   *
   * @param hub the client registry
   * @param events registers clients, with their totals when asked
   * @param serializer for control replies
   * @param mapper Jackson, to read filters
   */
  public FeedWebSocketHandler(FeedHub hub, FeedEventListener events, FeedSerializer serializer,
      JsonMapper mapper) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.events = Objects.requireNonNull(events, "events");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    // Filters may name many public keys; anything longer closes the session with 1009.
    session.setTextMessageSizeLimit(FeedFilter.MAX_FILTER_MESSAGE_BYTES);
    session.setBinaryMessageSizeLimit(FeedFilter.MAX_FILTER_MESSAGE_BYTES);
    if (!events.register(session, wantsTotals(session))) {
      try {
        session.close(DropReason.TOO_MANY_CLIENTS.closeStatus());
      } catch (IOException e) {
        // the connection is gone already
      }
    }
  }

  /** Whether the client connected with {@code ?totals=true} (or a bare {@code ?totals}). */
  static boolean wantsTotals(WebSocketSession session) {
    java.net.URI uri = session.getUri();
    String query = uri == null ? null : uri.getRawQuery();
    if (query == null) {
      return false;
    }
    for (String part : query.split("&", 16)) {
      if (part.equals(TOTALS_PARAMETER) || part.equals(TOTALS_PARAMETER + "=true")
          || part.equals(TOTALS_PARAMETER + "=1")) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    Optional<ClientSession> client = hub.client(session.getId());
    if (client.isEmpty()) {
      return;
    }
    ObjectNode reply = serializer.newObject();
    try {
      FeedFilter filter = FeedFilter.parse(message.getPayload(), mapper);
      client.get().filter(filter);
      reply.put("type", "filter");
      ArrayNode types = reply.putArray("duty_types");
      filter.dutyTypes().stream().map(t -> t.charonName()).sorted().forEach(types::add);
      ArrayNode keys = reply.putArray("pubkeys");
      filter.pubkeys().stream().sorted().forEach(keys::add);
    } catch (InvalidFilterException e) {
      hub.invalidMessage(session.getId(), e.getMessage());
      reply.put("type", "error");
      reply.put("error", e.getMessage());
    }
    client.get().enqueue(serializer.control(reply));
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    hub.unregister(session.getId());
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    if (status.getCode() == CloseStatus.TOO_BIG_TO_PROCESS.getCode()
        || status.getCode() == CloseStatus.NOT_ACCEPTABLE.getCode()) {
      hub.invalidMessage(session.getId(), "closed with " + status);
    }
    hub.unregister(session.getId());
  }
}
