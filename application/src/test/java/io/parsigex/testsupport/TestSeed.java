package io.parsigex.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The one seed of every randomised (fuzz, property, differential) test: the system property
 * {@value #PROPERTY} when it is given, a fresh random seed otherwise, chosen once per test JVM. Each
 * test derives its own generator from that seed and a name of its own ({@link #random(String)}), so
 * a failure replays with {@code -Dtest.seed=<seed> -Dtest=<class>#<method>} whatever ran before it.
 *
 * <p>As a JUnit extension ({@code @ExtendWith(TestSeed.class)}) it prints the seed when a test
 * fails and attaches it to the failure. The property is deliberately not under {@code parsigex.}:
 * Spring would bind a {@code parsigex.*} system property and the strict property check would refuse
 * it.
 */
public final class TestSeed implements TestExecutionExceptionHandler {

  /** The system property that fixes the seed. */
  public static final String PROPERTY = "test.seed";

  private static final long SEED = initial();

  private static long initial() {
    String given = System.getProperty(PROPERTY);
    if (given != null && !given.isBlank()) {
      return Long.decode(given.trim());
    }
    return new SecureRandom().nextLong();
  }

  /**
   * The seed of this test JVM.
   *
   * @return the value of {@value #PROPERTY}, or the random seed chosen for this run
   */
  public static long seed() {
    return SEED;
  }

  /**
   * The seed of one named use: the run's seed mixed with the name (a splitmix64 step), so that
   * different tests draw different values, and the same test the same values for the same seed.
   *
   * @param name a name unique to the caller, for example {@code "NoiseCipherTest.roundTrips"}
   * @return the derived seed
   */
  public static long seed(String name) {
    long h = SEED;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ b);
    }
    return mix(h);
  }

  /**
   * A generator for one named use.
   *
   * @param name a name unique to the caller
   * @return a generator seeded with {@link #seed(String)}
   */
  public static Random random(String name) {
    return new Random(seed(name));
  }

  /**
   * How to replay this run.
   *
   * @return for example {@code -Dtest.seed=123}
   */
  public static String replay() {
    return "-D" + PROPERTY + "=" + SEED;
  }

  private static long mix(long z) {
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (!(failure instanceof TestAbortedException)) {
      String hint = "replay with " + replay() + " -Dtest=" + context.getRequiredTestClass()
          .getSimpleName() + context.getTestMethod().map(m -> "#" + m.getName()).orElse("");
      System.err.println(context.getDisplayName() + " failed; " + hint);
      failure.addSuppressed(new SeedHint(hint));
    }
    throw failure;
  }

  /** The replay hint attached to a failure. */
  static final class SeedHint extends Exception {
    private static final long serialVersionUID = 1L;

    SeedHint(String hint) {
      super(hint, null, false, false);
    }
  }
}
