package io.parsigex.node.feed;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes one text frame to one client and reports completion; at most one write is in flight per
 * client. On a Jakarta WebSocket container (Tomcat) writes are asynchronous, so a client that
 * stops reading holds no thread; elsewhere they fall back to Spring's blocking send.
 */
interface FrameWriter {

  /**
   * Starts writing a frame.
   *
   * @param m the message
   * @param done called once with null on success or the failure
   */
  void write(FeedMessage m, Consumer<Throwable> done);

  /**
   * The best writer for a session.
   *
   * @param session the Spring session
   * @param sendTimeoutMillis the longest one write may take
   * @return an asynchronous writer when the container offers one, else a blocking one
   */
  static FrameWriter forSession(WebSocketSession session, long sendTimeoutMillis) {
    if (session instanceof NativeWebSocketSession n
        && n.getNativeSession() instanceof jakarta.websocket.Session js) {
      jakarta.websocket.RemoteEndpoint.Async remote = js.getAsyncRemote();
      remote.setSendTimeout(sendTimeoutMillis);
      return new Async(remote);
    }
    return new Blocking(session);
  }

  /** Jakarta WebSocket's asynchronous remote endpoint. */
  record Async(jakarta.websocket.RemoteEndpoint.Async remote) implements FrameWriter {
    public Async {
      Objects.requireNonNull(remote, "remote");
    }

    @Override
    public void write(FeedMessage m, Consumer<Throwable> done) {
      try {
        remote.sendText(m.json(), result -> done.accept(result.isOK() ? null : result.getException()));
      } catch (RuntimeException e) {
        done.accept(e);
      }
    }
  }

  /** Spring's blocking send, for containers without an asynchronous endpoint. */
  record Blocking(WebSocketSession session) implements FrameWriter {
    public Blocking {
      Objects.requireNonNull(session, "session");
    }

    @Override
    public void write(FeedMessage m, Consumer<Throwable> done) {
      Throwable failure = null;
      try {
        session.sendMessage(m.frame());
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
      done.accept(failure);
    }
  }
}
