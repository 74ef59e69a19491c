package io.parsigex.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The parsigex node's entry point. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParsigexApplication {

  /**
   * Starts the node.
   *
   * @param args Spring Boot arguments, for example {@code --parsigex.plugins.dir=plugins}
   */
  public static void main(String[] args) {
    SpringApplication.run(ParsigexApplication.class, args);
  }
}
