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

  /** Normalises absent collections. */
  public PluginProperties {
    enabled = enabled == null ? List.of() : List.copyOf(enabled);
    disabled = disabled == null ? List.of() : List.copyOf(disabled);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
