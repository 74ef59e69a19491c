package io.parsigex.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * A test's missing prerequisite (a tool, a JDK, reference data): locally the test is skipped with a
 * visible message; under {@code CI=true} it fails, so that CI never passes by skipping.
 */
public final class Prerequisite {

  private Prerequisite() {}

  /**
   * Whether the tests run under CI ({@code CI=true} in the environment).
   *
   * @return true under CI
   */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Skips the calling test with a visible message, or fails it under CI.
   *
   * @param message what is missing and how to provide it
   */
  public static void missing(String message) {
    if (ci()) {
      throw new AssertionError("CI=true and a test prerequisite is missing: " + message);
    }
    String msg = "SKIPPED: " + message;
    System.err.println(msg);
    Assumptions.abort(msg);
  }

  /**
   * Skips the calling test with a visible message, also under CI: for optional variants (for
   * example a second JDK "where present").
   *
   * @param message what is absent
   */
  public static void optional(String message) {
    String msg = "SKIPPED: " + message;
    System.err.println(msg);
    Assumptions.abort(msg);
  }
}
