package io.parsigex.node.feed;

import java.io.IOException;
import java.util.Objects;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes text frames to one client from a sender thread. On a Jakarta WebSocket container
 * (Tomcat) frames are batched into the container's output buffer and flushed once per drain run,
 * so a burst costs one socket write per buffer rather than one per frame; each blocking write is
 * bounded by the send timeout. Elsewhere it falls back to Spring's per-frame send.
 */
interface FrameWriter {

  /** Tomcat's per-session limit for one blocking write (milliseconds, a Long). */
  String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  /**
   * Writes (or buffers) one frame.
   *
   * @param m the message
   * @throws IOException when the connection failed or the write timed out
   */
  void send(FeedMessage m) throws IOException;

  /**
   * Pushes buffered frames to the socket.
   *
   * @throws IOException when the connection failed or the write timed out
   */
  void flush() throws IOException;

  /**
   * Flushes what is batched and writes frame by frame from now on (before a close).
   *
   * @throws IOException when the flush failed
   */
  void stopBatching() throws IOException;

  /**
   * The best writer for a session.
   *
   * @param session the Spring session
   * @param sendTimeoutMillis the longest one blocking write may take
   * @return a batching writer when the container offers one, else a per-frame one
   */
  static FrameWriter forSession(WebSocketSession session, long sendTimeoutMillis) {
    if (session instanceof NativeWebSocketSession n
        && n.getNativeSession() instanceof jakarta.websocket.Session js) {
      js.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeoutMillis);
      jakarta.websocket.RemoteEndpoint.Basic remote = js.getBasicRemote();
      try {
        remote.setBatchingAllowed(true);
        return new Batching(remote);
      } catch (IOException | RuntimeException e) {
        return new PerFrame(session);
      }
    }
    return new PerFrame(session);
  }

  /** Jakarta WebSocket's basic remote endpoint with batching allowed. */
  record Batching(jakarta.websocket.RemoteEndpoint.Basic remote) implements FrameWriter {
    /** Validates. */
    public Batching {
      Objects.requireNonNull(remote, "remote");
    }

    @Override
    public void send(FeedMessage m) throws IOException {
      remote.sendText(m.json());
    }

    @Override
    public void flush() throws IOException {
      remote.flushBatch();
    }

    @Override
    public void stopBatching() throws IOException {
      // Tomcat turns batching off before it flushes: a failed flush here leaves close nothing
      // to flush (and nothing to log).
      remote.setBatchingAllowed(false);
    }
  }

  /** Spring's blocking send, one frame at a time. */
  record PerFrame(WebSocketSession session) implements FrameWriter {
    /** Validates. */
    public PerFrame {
      Objects.requireNonNull(session, "session");
    }

    @Override
    public void send(FeedMessage m) throws IOException {
      session.sendMessage(m.frame());
    }

    @Override
    public void flush() {
      // every frame is written by send
    }

    @Override
    public void stopBatching() {
      // nothing is batched
    }
  }
}
