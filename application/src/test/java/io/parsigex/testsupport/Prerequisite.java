package io.parsigex.testsupport;

import java.util.function.Supplier;
import org.opentest4j.TestAbortedException;

/**
 * The one way a test states a prerequisite it cannot provide itself (reference data beside the
 * repository, npm, Chromium, a JDK, Maven): locally a missing one skips the test with a visible
 * message (printed to stderr and given as the JUnit assumption's reason); under {@code CI=true} it
 * fails the test with the same reason, so that CI never passes by skipping. Every test that can
 * skip goes through this class ({@code PrerequisiteUsageTest} checks that no test calls JUnit's
 * assumptions directly).
 */
public final class Prerequisite {

  /** The environment variable that says the tests run under CI. */
  public static final String CI_VARIABLE = "CI";

  private Prerequisite() {}

  /**
   * Whether the tests run under CI ({@code CI=true} in the environment).
   *
   * @return true under CI
   */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv(CI_VARIABLE));
  }

  /**
   * Skips the calling test with a visible message, or fails it under CI.
   *
   * @param message what is missing and how to provide it
   */
  public static void missing(String message) {
    throw outcome(message, ci());
  }

  /**
   * Continues when the prerequisite is present; otherwise as {@link #missing(String)}.
   *
   * @param present whether it is there
   * @param message what is missing and how to provide it (only built when it is missing)
   */
  public static void require(boolean present, Supplier<String> message) {
    if (!present) {
      missing(message.get());
    }
  }

  /**
   * Skips the calling test with a visible message, also under CI: for optional variants (for
   * example a second JDK "where present", or NSS).
   *
   * @param message what is absent
   */
  public static void optional(String message) {
    throw outcome(message, false);
  }

  /**
   * Skips the calling test with a visible message, also under CI, unless the system property is
   * {@code true}: for tests a developer asks for (the benchmarks, which the default run excludes).
   *
   * @param property the system property that asks for the test
   * @param what what the test is
   */
  public static void optIn(String property, String what) {
    if (!Boolean.getBoolean(property)) {
      throw outcome(what + " runs only with -D" + property + "=true", false);
    }
  }

  /**
   * Fails (under CI, when {@code failing}) or skips with a visible message.
   *
   * @param message what is missing
   * @param failing whether it fails (CI) or skips
   * @return the abort to throw (a JUnit assumption failure with the reason)
   */
  static TestAbortedException outcome(String message, boolean failing) {
    if (failing) {
      throw new AssertionError("CI=true and a test prerequisite is missing: " + message);
    }
    String msg = "SKIPPED: " + message;
    System.err.println(msg);
    return new TestAbortedException(msg);
  }
}
