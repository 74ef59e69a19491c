package io.parsigex.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The one line each attack test prints, ready to copy into the README:
 * {@code attack: <name> | honest delivered x/y, p50 … ms p99 … ms | <details>}.
 */
final class Figures {

  private Figures() {}

  /**
   * Formats and prints a test's line (stdout, so surefire keeps it in the test's output file).
   *
   * @param attack what the attacker did
   * @param delivered honest sets delivered within the receive timeout
   * @param sent honest sets sent
   * @param latencies latency of every delivered honest set
   * @param details the test's other figures
   * @return the line
   */
  static String print(String attack, long delivered, long sent, Collection<Duration> latencies,
      String details) {
    String line = String.format(Locale.ROOT, "attack: %s | honest delivered %d/%d, p50 %s p99 %s"
        + " | %s", attack, delivered, sent, ms(pct(latencies, 0.50)), ms(pct(latencies, 0.99)),
        details);
    System.out.println(line);
    return line;
  }

  /**
   * A percentile.
   *
   * @param values the values
   * @param p 0..1
   * @return the value, or null when there is none
   */
  static Duration pct(Collection<Duration> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
  }

  /**
   * Milliseconds, one decimal.
   *
   * @param d a duration or null
   * @return e.g. {@code 12.3 ms}, or {@code -}
   */
  static String ms(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }
}
