package io.parsigex.node.plugins;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where plugins come from and how their calls are bounded ({@code parsigex.plugins.*}).
 *
 * @param dir folder of PF4J plugin jars and zips; unset, the plugins folder beside the node's jar
 *     (application/target/plugins for application/target/parsigex-node.jar, whatever the working
 *     directory), or beside its classes folder when it runs from one; a relative folder is
 *     resolved against the working directory
 * @param enabled plugin ids to load; empty means every plugin found
 * @param disabled plugin ids never to load
 * @param settings per plugin id, the settings its extensions read from their
 *     {@link io.parsigex.api.PluginContext} ({@code parsigex.plugins.settings.epoch-gater.allowed-future-epochs=2})
 * @param callTimeout the bound on each extension call; unset, four fifths of the receive timeout
 *     ({@code parsigex.protocol.receive-timeout}), so that a hung plugin is reported as
 *     {@code plugin_timeout} before the set's receive deadline. It must be shorter than the receive
 *     timeout
 * @param workers threads that run gater calls, and as many again that run codec calls (each
 *     extension point has its own pool; verifier calls run on {@code parsigex.protocol.verify-workers}
 *     threads)
 * @param queue extension calls that may wait for a worker, per extension point; more are refused
 *     as overloaded
 * @param maxAbandonedThreads hung plugin threads tolerated per extension point: a call past its
 *     deadline is abandoned and its worker replaced, up to this many hung threads
 * @param breaker when a failing plugin is taken out of service and probed again
 */
@ConfigurationProperties("parsigex.plugins")
public record PluginProperties(
    Path dir,
    @DefaultValue List<String> enabled,
    @DefaultValue List<String> disabled,
    @DefaultValue Map<String, Map<String, String>> settings,
    Duration callTimeout,
    @DefaultValue("2") int workers,
    @DefaultValue("1024") int queue,
    @DefaultValue("64") int maxAbandonedThreads,
    @DefaultValue Breaker breaker) {

  /**
   * The circuit breaker of every plugin at every extension point
   * ({@code parsigex.plugins.breaker.*}).
   *
   * @param failureThreshold calls in a row that time out, throw or answer nonsense before the
   *     plugin is taken out of service
   * @param coolDown how long it stays out of service before one probe call may put it back
   */
  public record Breaker(
      @DefaultValue("5") int failureThreshold,
      @DefaultValue("30s") Duration coolDown) {

    /** Largest {@code failure-threshold}. */
    public static final int MAX_FAILURE_THRESHOLD = 1_000_000;

    /** Refuses values the node cannot run with, naming the property. */
    public Breaker {
      if (failureThreshold < 1 || failureThreshold > MAX_FAILURE_THRESHOLD) {
        throw new IllegalArgumentException("parsigex.plugins.breaker.failure-threshold must be 1.."
            + MAX_FAILURE_THRESHOLD + ", got " + failureThreshold);
      }
      if (coolDown == null || coolDown.isNegative() || coolDown.isZero()) {
        throw new IllegalArgumentException("parsigex.plugins.breaker.cool-down must be a positive "
            + "duration such as 30s, got " + coolDown);
      }
    }
  }

  /**
   * The plugin folder in force.
   *
   * @return {@code dir} when set (a relative one against the working directory), else the
   *     {@code plugins} folder beside the node's jar or classes folder; absolute
   */
  public Path folder() {
    return PluginFolder.resolve(dir);
  }

  /**
   * The plugin call timeout in force.
   *
   * @param receiveTimeout {@code parsigex.protocol.receive-timeout}
   * @return {@code call-timeout} when set, else four fifths of the receive timeout (4 s of 5 s:
   *     room for a cold or loaded verifier, and still over before the set's receive deadline)
   * @throws IllegalArgumentException when {@code call-timeout} is not shorter than the receive
   *     timeout (a hung plugin would then be reported as the peer's {@code timeout})
   */
  public Duration callTimeout(Duration receiveTimeout) {
    if (callTimeout == null) {
      return receiveTimeout.multipliedBy(DERIVED_NUMERATOR).dividedBy(DERIVED_DENOMINATOR);
    }
    if (callTimeout.compareTo(receiveTimeout) >= 0) {
      throw new IllegalArgumentException("parsigex.plugins.call-timeout must be shorter than "
          + "parsigex.protocol.receive-timeout (" + receiveTimeout + "), got " + callTimeout
          + ": otherwise a hung plugin is reported as the peer's timeout");
    }
    return callTimeout;
  }

  /** Most extension-call threads {@code parsigex.plugins.workers} may ask for. */
  public static final int MAX_WORKERS = 256;
  /** The derived call timeout is this many fifths of the receive timeout. */
  static final int DERIVED_NUMERATOR = 4;
  static final int DERIVED_DENOMINATOR = 5;
  /** Most hung threads {@code parsigex.plugins.max-abandoned-threads} may tolerate. */
  public static final int MAX_ABANDONED_THREADS = 4096;
  /** Longest queue {@code parsigex.plugins.queue} may ask for (it is allocated up front). */
  public static final int MAX_QUEUE = 1 << 20;

  /** Normalises absent collections and refuses values the node cannot run with. */
  public PluginProperties {
    if (callTimeout != null && (callTimeout.isNegative() || callTimeout.isZero())) {
      throw new IllegalArgumentException("parsigex.plugins.call-timeout must be a positive "
          + "duration such as 5s, got " + callTimeout);
    }
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new IllegalArgumentException("parsigex.plugins.workers must be 1.." + MAX_WORKERS
          + ", got " + workers);
    }
    if (queue < 1 || queue > MAX_QUEUE) {
      throw new IllegalArgumentException("parsigex.plugins.queue must be 1.." + MAX_QUEUE
          + ", got " + queue);
    }
    if (maxAbandonedThreads < 0 || maxAbandonedThreads > MAX_ABANDONED_THREADS) {
      throw new IllegalArgumentException("parsigex.plugins.max-abandoned-threads must be 0.."
          + MAX_ABANDONED_THREADS + ", got " + maxAbandonedThreads);
    }
    breaker = breaker == null ? new Breaker(
        io.parsigex.core.extensions.GuardedExtensions.Limits.DEFAULT_FAILURE_THRESHOLD,
        io.parsigex.core.extensions.GuardedExtensions.Limits.DEFAULT_COOL_DOWN) : breaker;
    enabled = enabled == null ? List.of() : List.copyOf(enabled);
    disabled = disabled == null ? List.of() : List.copyOf(disabled);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
