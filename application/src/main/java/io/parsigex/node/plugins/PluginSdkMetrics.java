package io.parsigex.node.plugins;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics about how the plugins were built: {@code parsigex_plugins_without_extensions}, the started
 * plugins that contribute no extension ({@link PluginHost#withoutExtensions()}; the log and the
 * parsigex health component say which and why).
 */
@Configuration(proxyBeanMethods = false)
public class PluginSdkMetrics {

  /**
   * The gauge, bound to every meter registry.
   *
   * @param host the plugins
   * @return the binder
   */
  @Bean
  public MeterBinder pluginsWithoutExtensionsGauge(PluginHost host) {
    return registry -> Gauge.builder("parsigex.plugins.without.extensions", host,
            h -> h.withoutExtensions().size())
        .description("Started plugins that contribute no extension (most often built without "
            + "PF4J's annotation processor, so without META-INF/extensions.idx)")
        .register(registry);
  }
}
