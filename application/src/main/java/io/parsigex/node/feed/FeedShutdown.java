package io.parsigex.node.feed;

import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;

/**
 * Tells feed clients the node is going away (close 1001) before the web server stops, so
 * dashboards start reconnecting at once; waits at most {@link #GRACE} for them to close.
 */
public final class FeedShutdown implements SmartLifecycle {

  /** The longest the node waits for feed clients to close at shutdown. */
  public static final Duration GRACE = Duration.ofMillis(500);
  private static final long POLL_MILLIS = 20;

  private final FeedHub hub;
  private final CloseStatus status;
  private volatile boolean running;

  /**
   * Creates the hook.
   *
   * @param hub the hub
   * @param status the close status sent at shutdown
   */
  public FeedShutdown(FeedHub hub, CloseStatus status) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.status = Objects.requireNonNull(status, "status");
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    hub.closeAll(status);
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (hub.hasClients() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
