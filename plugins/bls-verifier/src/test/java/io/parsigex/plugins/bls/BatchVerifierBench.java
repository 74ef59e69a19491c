package io.parsigex.plugins.bls;

import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.List;
import java.util.Random;
import supranational.blst.BLST_ERROR;

/**
 * Cost per signature of {@link BatchVerifier} (decoding and subgroup checks on every core, one
 * random linear combination per signing root, one multi-pairing), of {@link PreviousBatchVerifier}
 * (the batch before the same-root fast path) and of naive sequential verification (the same checks,
 * then one full {@code core_verify} per signature), for sets of 10, 100 and 1,000 with distinct
 * signing roots and with one shared root. Also prints what the checks before any pairing cost alone
 * (decoding each signature and its subgroup check), on one thread. "fast CPU" is the CPU time of
 * the whole process per signature during the fast path (both cores, averaged over all rounds:
 * the process clock ticks in milliseconds), which a loaded machine distorts less than the wall
 * time.
 *
 * <p>Run: {@code ./mvnw -Pbench -pl plugin-api,plugins/bls-verifier -am verify
 * -Dbench.tests=BatchVerifierBenchTest}, or
 * {@code java -cp <plugin classes, test classes, plugin-api, jblst>
 * io.parsigex.plugins.bls.BatchVerifierBench [rounds]}.
 */
public final class BatchVerifierBench {

  private static final int[] SIZES = {10, 100, 1000};

  private BatchVerifierBench() {}

  /**
   * Runs the comparison and prints one line per set size.
   *
   * @param args optional number of timed rounds (default 5)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Random random = new Random(42);
    System.out.printf("BLS bench: java %s, cores=%d, µs per signature (median of rounds)%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    System.out.printf("%-9s %6s %10s %10s %10s %9s %9s %10s%n", "roots", "set", "fast",
        "previous", "one-by-one", "prev/fast", "1by1/fast", "fast CPU");
    for (int sharedRoot = 1; sharedRoot >= 0; sharedRoot--) {
      for (int n : SIZES) {
        run(n, sharedRoot == 0 ? n : 1, rounds, random);
      }
    }
    failures(random);
    checksAlone(random);
  }

  /** Sets of 1,000 entries sharing one root with 1, 10 or all entries bad: ms per set. */
  private static void failures(Random random) {
    Fixtures f = Fixtures.create(1000, 1, random);
    BatchVerifier fast = new BatchVerifier(f.cluster, BatchVerifier.DEFAULT_PARALLEL_THRESHOLD);
    PreviousBatchVerifier previous =
        new PreviousBatchVerifier(f.cluster, BatchVerifier.DEFAULT_PARALLEL_THRESHOLD);
    System.out.printf("1,000 entries, one shared root, with bad entries (ms per set)%n"
        + "%-9s %10s %10s %10s%n", "bad", "fast", "previous", "one-by-one");
    for (int bad : new int[] {1, 10, 1000}) {
      List<VerificationRequest> set = new java.util.ArrayList<>(f.requests);
      for (int k = 0; k < bad; k++) {
        int i = bad == set.size() ? k : random.nextInt(set.size());
        set.set(i, Corruption.OTHER_KEY.apply(f, f.requests.get(i), random));
      }
      int reps = bad == set.size() ? 1 : 3;
      double[] fastMs = new double[reps];
      double[] previousMs = new double[reps];
      double[] naiveMs = new double[reps];
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        List<VerificationResult> a = fast.verifyAll(set);
        long t1 = System.nanoTime();
        List<VerificationResult> b = previous.verifyAll(set);
        long t2 = System.nanoTime();
        List<VerificationResult> c = new java.util.ArrayList<>();
        for (VerificationRequest request : set) {
          c.add(fast.verifyAll(List.of(request)).get(0));
        }
        long t3 = System.nanoTime();
        if (!a.equals(b) || !a.equals(c)) {
          throw new IllegalStateException("the verifiers disagree on a set with bad entries");
        }
        fastMs[r] = (t1 - t0) / 1e6;
        previousMs[r] = (t2 - t1) / 1e6;
        naiveMs[r] = (t3 - t2) / 1e6;
      }
      System.out.printf("%-9d %10.0f %10.0f %10.0f%n", bad, median(fastMs), median(previousMs),
          median(naiveMs));
    }
  }

  private static void run(int n, int roots, int rounds, Random random) {
    Fixtures f = Fixtures.create(n, roots, random);
    BatchVerifier fast = new BatchVerifier(f.cluster, BatchVerifier.DEFAULT_PARALLEL_THRESHOLD);
    PreviousBatchVerifier previous =
        new PreviousBatchVerifier(f.cluster, BatchVerifier.DEFAULT_PARALLEL_THRESHOLD);
    RequestChecks checks = new RequestChecks(f.cluster);
    int warm = Math.max(2, 2000 / n);
    for (int i = 0; i < warm; i++) {
      requireAllValid(fast.verifyAll(f.requests));
      requireAllValid(previous.verifyAll(f.requests));
      if (i < 2) {
        naive(checks, f.requests);
      }
    }
    // The three alternate, and the medians are reported, so that load from other processes on a
    // shared machine hits all of them alike.
    int reps = Math.max(rounds, rounds * 200 / n);
    double[] fastTimes = new double[reps];
    double[] previousTimes = new double[reps];
    double[] naiveTimes = new double[reps];
    long fastCpuNanos = 0;
    for (int i = 0; i < reps; i++) {
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      requireAllValid(fast.verifyAll(f.requests));
      long t1 = System.nanoTime();
      fastCpuNanos += processCpuNanos() - c0;
      requireAllValid(previous.verifyAll(f.requests));
      long t2 = System.nanoTime();
      naive(checks, f.requests);
      long t3 = System.nanoTime();
      fastTimes[i] = (t1 - t0) / 1e3 / n;
      previousTimes[i] = (t2 - t1) / 1e3 / n;
      naiveTimes[i] = (t3 - t2) / 1e3 / n;
    }
    double fastUs = median(fastTimes);
    double previousUs = median(previousTimes);
    double naiveUs = median(naiveTimes);
    System.out.printf("%-9s %6d %10.1f %10.1f %10.1f %8.2fx %8.2fx %10.1f%n",
        roots == 1 ? "shared" : "distinct", n, fastUs, previousUs, naiveUs, previousUs / fastUs,
        naiveUs / fastUs, fastCpuNanos / 1e3 / reps / n);
  }

  /** CPU time of the whole process (every thread), in ns. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The checks before any pairing, on one thread: what no combination can save. */
  private static void checksAlone(Random random) {
    Fixtures f = Fixtures.create(1000, 1, random);
    RequestChecks checks = new RequestChecks(f.cluster);
    double[] decode = new double[7];
    double[] subgroup = new double[7];
    for (int round = 0; round < decode.length; round++) {
      long t0 = System.nanoTime();
      supranational.blst.P2_Affine[] points = new supranational.blst.P2_Affine[f.requests.size()];
      for (int i = 0; i < points.length; i++) {
        points[i] = new supranational.blst.P2_Affine(f.requests.get(i).signature());
      }
      long t1 = System.nanoTime();
      for (supranational.blst.P2_Affine p : points) {
        if (!p.in_group()) {
          throw new IllegalStateException("a fixture signature is not in G2");
        }
      }
      long t2 = System.nanoTime();
      decode[round] = (t1 - t0) / 1e3 / points.length;
      subgroup[round] = (t2 - t1) / 1e3 / points.length;
      checks.check(0, f.requests.get(0));
    }
    System.out.printf("per signature on one thread: decompress %.1f µs, G2 subgroup check %.1f µs%n",
        median(decode), median(subgroup));
  }

  private static void naive(RequestChecks checks, List<VerificationRequest> requests) {
    for (int i = 0; i < requests.size(); i++) {
      Checked c = checks.check(i, requests.get(i)).entry();
      if (c == null || c.signature().core_verify(c.publicShare(), true, c.signingRoot(),
          BatchVerifier.DST) != BLST_ERROR.BLST_SUCCESS) {
        throw new IllegalStateException("naive verification failed on entry " + i);
      }
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v[v.length / 2];
  }

  private static void requireAllValid(List<VerificationResult> results) {
    for (VerificationResult r : results) {
      if (!r.valid()) {
        throw new IllegalStateException("batch verification refused: " + r.reason());
      }
    }
  }
}
