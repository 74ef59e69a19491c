package io.parsigex.api;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the node gives a plugin's extensions: the cluster, the chain's clock parameters, a time
 * source and the plugin's own settings. Immutable; the node makes one per plugin and hands the
 * same context to each of that plugin's extensions.
 *
 * <p><b>How an extension obtains it.</b> The node creates every extension through its own factory.
 * An {@code @Extension} class that declares a public constructor taking a single
 * {@code PluginContext} is created with it; otherwise its public no-argument constructor is used.
 * There is no static lookup and nothing to set later, so an extension can keep the context in a
 * final field. Settings come from {@code parsigex.plugins.settings.<plugin-id>.<key>}.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>what it holds</th></tr>
 *   <tr><td>{@code pluginId}</td><td>the {@code Plugin-Id} of the plugin, as in its
 *       manifest or {@code plugin.properties}</td></tr>
 *   <tr><td>{@code cluster}</td><td>the cluster from the lock file (or the generated demo
 *       cluster): {@link ClusterView#publicShare}, {@link ClusterView#shareIndexOf},
 *       {@link ClusterView#members}; empty ({@code members() == 0}) when the node runs without
 *       one</td></tr>
 *   <tr><td>{@code chain}</td><td>genesis time, slot duration and slots per epoch of the
 *       configured chain ({@code parsigex.chain}), with slot and epoch arithmetic</td></tr>
 *   <tr><td>{@code clock}</td><td>the node's time source; read it instead of
 *       {@code System.currentTimeMillis()} so that tests can fix the time</td></tr>
 *   <tr><td>{@code settings}</td><td>the plugin's settings, key to value, sorted; the key is what
 *       follows {@code parsigex.plugins.settings.<plugin-id>.}; empty when none are set</td></tr>
 * </table>
 *
 * <p>The context describes the cluster, not one member of it: it has no "own" peer id or share
 * index. In the demo, where several members run in one process, one extension instance (with one
 * context) serves all of them, from several threads at once.
 *
 * @param pluginId the id of the plugin the context is for
 * @param cluster the cluster's members and public shares
 * @param chain the chain's genesis time, slot duration and epoch length
 * @param clock the node's time source (tests substitute a fixed clock)
 * @param settings the plugin's settings, key to value
 */
public record PluginContext(String pluginId, ClusterView cluster, ChainTiming chain, Clock clock,
    Map<String, String> settings) {

  /**
   * Validates and copies.
   *
   * @param pluginId the id of the plugin the context is for
   * @param cluster the cluster's members and public shares
   * @param chain the chain's genesis time, slot duration and epoch length
   * @param clock the node's time source (tests substitute a fixed clock)
   * @param settings the plugin's settings, key to value
   */
  public PluginContext {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(clock, "clock");
    settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /**
   * One setting.
   *
   * @param key the key after {@code parsigex.plugins.settings.<plugin-id>.}
   * @return the value, if set
   */
  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /**
   * A setting that must be a non-negative whole number.
   *
   * @param key the key
   * @param defaultValue the value when the setting is absent
   * @return the value
   * @throws IllegalArgumentException naming the setting when it is not a non-negative number
   */
  public long longSetting(String key, long defaultValue) {
    Optional<String> value = setting(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      long v = Long.parseLong(value.get().strip());
      if (v < 0) {
        throw new NumberFormatException("negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parsigex.plugins.settings." + pluginId + "." + key
          + " must be a whole number >= 0, got \"" + value.get() + "\"", e);
    }
  }
}
