package io.parsigex.node.feed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A WebSocket session for unit tests whose writes can be held (like a client that stopped reading)
 * or made to fail; records what was written and how it was closed.
 */
final class ScriptedSession implements WebSocketSession {
  private static final long HOLD_LIMIT_SECONDS = 20;

  private final String id;
  final List<String> sent = new CopyOnWriteArrayList<>();
  final List<WebSocketMessage<?>> frames = new CopyOnWriteArrayList<>();
  final List<String> sendingThreads = new CopyOnWriteArrayList<>();
  volatile CountDownLatch hold = new CountDownLatch(0);
  final CountDownLatch firstWriteStarted = new CountDownLatch(1);
  volatile boolean failWrites;
  volatile CloseStatus closedWith;
  final CountDownLatch closed = new CountDownLatch(1);

  ScriptedSession(String id) {
    this.id = id;
  }

  /** Makes every write block until {@link #release()}. */
  void holdWrites() {
    hold = new CountDownLatch(1);
  }

  void release() {
    hold.countDown();
  }

  @Override
  public void sendMessage(WebSocketMessage<?> message) throws IOException {
    firstWriteStarted.countDown();
    sendingThreads.add(Thread.currentThread().getName());
    try {
      if (!hold.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("held write timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (failWrites) {
      throw new IOException("broken pipe (scripted)");
    }
    frames.add(message);
    sent.add(((TextMessage) message).getPayload());
  }

  @Override
  public boolean isOpen() {
    return closedWith == null;
  }

  @Override
  public void close() {
    close(CloseStatus.NORMAL);
  }

  @Override
  public void close(CloseStatus status) {
    closedWith = status;
    closed.countDown();
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public URI getUri() {
    return URI.create("ws://127.0.0.1/ws/parsigex");
  }

  @Override
  public HttpHeaders getHandshakeHeaders() {
    return new HttpHeaders();
  }

  @Override
  public Map<String, Object> getAttributes() {
    return new ConcurrentHashMap<>();
  }

  @Override
  public Principal getPrincipal() {
    return null;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return null;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return null;
  }

  @Override
  public String getAcceptedProtocol() {
    return null;
  }

  @Override
  public void setTextMessageSizeLimit(int messageSizeLimit) {
  }

  @Override
  public int getTextMessageSizeLimit() {
    return 0;
  }

  @Override
  public void setBinaryMessageSizeLimit(int messageSizeLimit) {
  }

  @Override
  public int getBinaryMessageSizeLimit() {
    return 0;
  }

  @Override
  public List<WebSocketExtension> getExtensions() {
    return List.of();
  }
}
