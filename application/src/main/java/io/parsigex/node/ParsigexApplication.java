package io.parsigex.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The parsigex node's entry point. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParsigexApplication {

  /** The exit code when the node refuses to start (the failure report says why). */
  static final int START_FAILED = 1;

  /**
   * Starts the node, or prints the usage for {@code --help} / {@code -h} and exits.
   *
   * @param args Spring Boot arguments, for example {@code --parsigex.mode=demo}
   */
  public static void main(String[] args) {
    if (Usage.requested(args)) {
      Usage.print(System.out);
      return;
    }
    try {
      SpringApplication.run(ParsigexApplication.class, args);
    } catch (SpringApplication.AbandonedRunException e) {
      throw e;
    } catch (RuntimeException e) {
      // Spring Boot has reported the failure (a failure analysis, or the stack trace when none
      // applies) and closed the context; threads still alive must not keep the JVM running
      System.exit(START_FAILED);
    }
  }
}
