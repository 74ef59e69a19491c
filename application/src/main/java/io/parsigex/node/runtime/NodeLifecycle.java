package io.parsigex.node.runtime;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the node with the application context. It starts before the web server (so
 * health, REST and the feed never answer for a node that is not running, and a start failure
 * fails start-up before anything is served) and stops after it; every lifecycle stops before the
 * context destroys its beans, so the node is stopped before the plugin host closes the plugins
 * it calls.
 */
public final class NodeLifecycle implements SmartLifecycle {

  /** Before the web server's start (and after its stop). */
  public static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;

  private final NodeRuntime runtime;

  /**
   * Creates the lifecycle.
   *
   * @param runtime the node it starts and stops
   */
  public NodeLifecycle(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void start() {
    runtime.start();
  }

  @Override
  public void stop() {
    runtime.close();
  }

  @Override
  public boolean isRunning() {
    return runtime.isRunning();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
