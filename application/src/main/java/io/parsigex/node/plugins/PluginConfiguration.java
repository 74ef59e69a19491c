package io.parsigex.node.plugins;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring of the plugin host. */
@Configuration(proxyBeanMethods = false)
public class PluginConfiguration {

  /**
   * The plugin host.
   *
   * @param properties plugin settings
   * @return the started host
   */
  @Bean
  public PluginHost pluginHost(PluginProperties properties) {
    return new PluginHost(properties);
  }
}
