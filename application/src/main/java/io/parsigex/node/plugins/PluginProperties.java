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
 * @param dir folder of PF4J plugin jars and zips
 * @param enabled plugin ids to load; empty means every plugin found
 * @param disabled plugin ids never to load
 * @param settings per plugin id, the settings its extensions read from their
 *     {@link io.parsigex.api.PluginContext} ({@code parsigex.plugins.settings.epoch-gater.allowed-future-epochs=2})
 * @param callTimeout the bound on each extension call
 * @param workers threads that run extension calls
 * @param queue extension calls that may wait for a worker; more are refused as overloaded
 */
@ConfigurationProperties("parsigex.plugins")
public record PluginProperties(
    @DefaultValue("plugins") Path dir,
    @DefaultValue List<String> enabled,
    @DefaultValue List<String> disabled,
    @DefaultValue Map<String, Map<String, String>> settings,
    @DefaultValue("5s") Duration callTimeout,
    @DefaultValue("2") int workers,
    @DefaultValue("1024") int queue) {

  /** Most extension-call threads {@code parsigex.plugins.workers} may ask for. */
  public static final int MAX_WORKERS = 256;
  /** Longest queue {@code parsigex.plugins.queue} may ask for (it is allocated up front). */
  public static final int MAX_QUEUE = 1 << 20;

  /** Normalises absent collections and refuses values the node cannot run with. */
  public PluginProperties {
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
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
    enabled = enabled == null ? List.of() : List.copyOf(enabled);
    disabled = disabled == null ? List.of() : List.copyOf(disabled);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
