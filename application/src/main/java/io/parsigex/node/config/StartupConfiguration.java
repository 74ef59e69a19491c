package io.parsigex.node.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Checks that run before any bean is created. */
@Configuration(proxyBeanMethods = false)
public class StartupConfiguration {

  /**
   * Refuses unknown {@code parsigex.*} properties.
   *
   * @return the check (static: it post-processes the bean factory)
   */
  @Bean
  public static UnknownPropertyCheck unknownPropertyCheck() {
    return new UnknownPropertyCheck();
  }
}
