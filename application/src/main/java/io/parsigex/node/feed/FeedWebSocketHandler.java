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
 * {@code {"type":"error","error":"..."}}.
 */
public final class FeedWebSocketHandler extends TextWebSocketHandler {

  private final FeedHub hub;
  private final FeedSerializer serializer;
  private final JsonMapper mapper;

  /**
   * Creates the handler.
   *
   * @param hub the client registry
   * @param serializer for control replies
   * @param mapper Jackson, to read filters
   */
  public FeedWebSocketHandler(FeedHub hub, FeedSerializer serializer, JsonMapper mapper) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    // Filters may name many public keys; anything longer closes the session with 1009.
    session.setTextMessageSizeLimit(FeedFilter.MAX_FILTER_MESSAGE_BYTES);
    session.setBinaryMessageSizeLimit(FeedFilter.MAX_FILTER_MESSAGE_BYTES);
    if (!hub.register(session)) {
      try {
        session.close(DropReason.TOO_MANY_CLIENTS.closeStatus());
      } catch (IOException e) {
        // the connection is gone already
      }
    }
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
