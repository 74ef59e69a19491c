package io.parsigex.node.feed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A feed client for tests on the JDK's own WebSocket implementation: every text message goes to
 * a consumer (by default a queue), and the close code is recorded.
 */
final class FeedClient implements WebSocket.Listener, AutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final Consumer<String> sink;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket ws;

  private FeedClient(Consumer<String> sink) {
    this.sink = sink;
  }

  static FeedClient connect(HttpClient http, int port) throws Exception {
    return connect(http, port, null);
  }

  static FeedClient connect(HttpClient http, int port, Consumer<String> sink) throws Exception {
    return connect(http, port, "", sink);
  }

  static FeedClient connect(HttpClient http, int port, String query, Consumer<String> sink)
      throws Exception {
    FeedClient c = new FeedClient(sink);
    c.ws = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
        .buildAsync(URI.create("ws://127.0.0.1:" + port + FeedEndpoint.PATH + query), c)
        .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return c;
  }

  void send(String text) throws Exception {
    ws.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] data) throws Exception {
    ws.sendBinary(java.nio.ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
  }

  String next(Duration timeout) throws InterruptedException {
    String m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("no feed message within " + timeout);
    }
    return m;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE); // read everything as it comes
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      if (sink != null) {
        sink.accept(text);
      } else {
        messages.add(text);
      }
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (ws != null && !ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    if (ws != null) {
      ws.abort();
    }
  }
}
