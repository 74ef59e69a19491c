package io.parsigex.plugins.bls;

import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.List;
import java.util.Random;
import supranational.blst.BLST_ERROR;

/**
 * Cost per signature of {@link BatchVerifier} (checks + one randomised multi-pairing, split over
 * the cores) against naive sequential verification (the same checks, then one full
 * {@code core_verify} per signature), for sets of 1, 10, 100 and 1,000.
 *
 * <p>Run: {@code java -cp <plugin classes, test classes, plugin-api, jblst> 
 * io.parsigex.plugins.bls.BatchVerifierBench [rounds]}.
 */
public final class BatchVerifierBench {

  private static final int[] SIZES = {1, 10, 100, 1000};

  private BatchVerifierBench() {}

  /**
   * Runs the comparison and prints one line per set size.
   *
   * @param args optional number of timed rounds (default 5)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Random random = new Random(42);
    System.out.printf("cores=%d%n%6s %14s %14s %8s%n", Runtime.getRuntime().availableProcessors(),
        "set", "batch us/sig", "naive us/sig", "speedup");
    for (int sharedRoot = 0; sharedRoot < 2; sharedRoot++) {
      System.out.println(sharedRoot == 0 ? "distinct signing roots (attestations of different "
          + "committees)" : "one signing root for the whole set (randao, sync messages)");
      for (int n : SIZES) {
        run(n, sharedRoot == 0 ? n : 1, rounds, random);
      }
    }
  }

  private static void run(int n, int roots, int rounds, Random random) {
    Fixtures f = Fixtures.create(n, roots, random);
    BatchVerifier batch = new BatchVerifier(f.cluster, BatchVerifier.DEFAULT_PARALLEL_THRESHOLD);
    RequestChecks checks = new RequestChecks(f.cluster);
    int warm = Math.max(2, 2000 / n);
    for (int i = 0; i < warm; i++) {
      requireAllValid(batch.verifyAll(f.requests));
      naive(checks, f.requests);
    }
    // Batch and naive runs alternate, and the medians are reported, so that load from other
    // processes on a shared machine hits both sides alike.
    int reps = Math.max(rounds, rounds * 200 / n);
    double[] batchTimes = new double[reps];
    double[] naiveTimes = new double[reps];
    for (int i = 0; i < reps; i++) {
      long b0 = System.nanoTime();
      requireAllValid(batch.verifyAll(f.requests));
      long b1 = System.nanoTime();
      naive(checks, f.requests);
      long b2 = System.nanoTime();
      batchTimes[i] = (b1 - b0) / 1e3 / n;
      naiveTimes[i] = (b2 - b1) / 1e3 / n;
    }
    double batchUs = median(batchTimes);
    double naiveUs = median(naiveTimes);
    System.out.printf("%6d %14.1f %14.1f %7.2fx%n", n, batchUs, naiveUs, naiveUs / batchUs);
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
