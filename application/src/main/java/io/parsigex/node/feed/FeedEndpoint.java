package io.parsigex.node.feed;

import java.util.Objects;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Maps the feed handler on {@link #PATH}, plain WebSocket (no STOMP, no SockJS). */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class FeedEndpoint implements WebSocketConfigurer {

  /** The feed's path. */
  public static final String PATH = "/ws/parsigex";

  private final FeedWebSocketHandler handler;
  private final FeedProperties properties;

  /**
   * Creates the mapping.
   *
   * @param handler the feed handler
   * @param properties the allowed origins
   */
  public FeedEndpoint(FeedWebSocketHandler handler, FeedProperties properties) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.properties = Objects.requireNonNull(properties, "properties");
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(handler, PATH)
        .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
  }
}
