package io.parsigex.node.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every message of one node's WebSocket feed ({@code /ws/parsigex}) as parsed JSON, on the
 * JDK's own WebSocket client.
 */
final class FeedRecorder implements WebSocket.Listener, AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 20;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  private final List<String> unparsable = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket ws;

  private FeedRecorder() {}

  /**
   * Connects to a node's feed.
   *
   * @param http the client
   * @param port the node's HTTP port
   * @return the recorder
   */
  static FeedRecorder connect(HttpClient http, int port) throws Exception {
    FeedRecorder r = new FeedRecorder();
    r.ws = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/parsigex"), r)
        .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return r;
  }

  /**
   * Messages of one type so far.
   *
   * @param type {@code received}, {@code rejected}, {@code broadcast} or {@code peer}
   * @return them, in arrival order
   */
  List<JsonNode> ofType(String type) {
    return messages.stream().filter(m -> type.equals(m.path("type").asString())).toList();
  }

  /**
   * Text frames that were not JSON (there should be none).
   *
   * @return them
   */
  List<String> unparsable() {
    return List.copyOf(unparsable);
  }

  /**
   * Waits until the messages of a type satisfy a condition.
   *
   * @param type the message type
   * @param condition on the list so far
   * @param timeout the bound
   * @return whether it was satisfied in time
   */
  boolean await(String type, Predicate<List<JsonNode>> condition, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (condition.test(ofType(type))) {
        return true;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return condition.test(ofType(type));
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      try {
        messages.add(JSON.readTree(text));
      } catch (RuntimeException e) {
        unparsable.add(text);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public void close() {
    if (ws != null) {
      ws.abort();
    }
  }
}
