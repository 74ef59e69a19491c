package io.parsigex.plugins.bls;

import io.parsigex.api.ClusterView;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import supranational.blst.BLST_ERROR;

/**
 * Verifies a set of partial signatures: the pre-pairing checks of {@link RequestChecks} (decoding
 * and subgroup checks, on every core for large sets), then one {@link RandomCombination} over
 * every checked entry, in which the entries that share a signing root cost a few point additions
 * each instead of a Miller loop. When that check fails, the bad entries are found without costing
 * any honest entry its acceptance: entries in groups of at most {@link #SINGLE_CHECK_SIZE}
 * sharing a root are verified one by one; each larger group is checked on its own and, when it
 * fails, halved, each half checked with fresh weights, down to {@link #SINGLE_CHECK_SIZE}
 * entries, which are verified one by one (within a budget of checks per group, so that a set
 * full of bad entries costs little more than verifying it one by one). An entry is accepted only
 * by a passing check that contains it, so every result equals the one-by-one result (a forged
 * entry passes a check with probability at most 2^-64). Thread-safe.
 */
public final class BatchVerifier {

  /** The eth2 signature ciphersuite (proof-of-possession scheme, hash to G2). */
  public static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  /** Sets at least this large are split across the cores. */
  public static final int DEFAULT_PARALLEL_THRESHOLD = 32;

  /** Bits of each random weight. */
  static final int WEIGHT_BITS = Msm.SCALAR_BITS;

  /** Most entries one call accepts: a set holds one entry per validator of a cluster. */
  public static final int MAX_SET_SIZE = 100_000;

  /**
   * Groups this small are verified entry by entry while narrowing down a failure: checking them
   * together first would cost about as much as it could save.
   */
  static final int SINGLE_CHECK_SIZE = 3;

  /**
   * A group of n entries may spend n / this many combined checks on narrowing down a failure.
   * Finding k bad entries takes about 2k·log2(n/k) checks, each costing about what one entry
   * verified alone costs; a set full of bad entries therefore costs at most about a quarter more
   * than verifying it one by one, and up to about 25 bad entries among 1,000 are found by
   * bisection alone.
   */
  static final int BISECTION_BUDGET_DIVISOR = 4;

  /** Combined checks always allowed per group, however small. */
  static final int MIN_BISECTION_CHECKS = 8;

  private final RequestChecks checks;
  private final RandomCombination combination;
  private final int parallelThreshold;
  /** Combined checks made (each one multi-pairing), for tests and diagnostics. */
  private final LongAdder combinedChecks = new LongAdder();
  /** Entries verified on their own, for tests and diagnostics. */
  private final LongAdder singleChecks = new LongAdder();

  /**
   * Creates the verifier.
   *
   * @param cluster the public shares
   * @param parallelThreshold sets at least this large use every core
   */
  public BatchVerifier(ClusterView cluster, int parallelThreshold) {
    this.checks = new RequestChecks(Objects.requireNonNull(cluster, "cluster"));
    this.parallelThreshold = Math.max(2, parallelThreshold);
    this.combination = new RandomCombination(this.parallelThreshold);
  }

  /**
   * Verifies every request.
   *
   * @param requests the entries of one set
   * @return one result per request, in order
   */
  public List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
    if (requests.size() > MAX_SET_SIZE) {
      VerificationResult tooMany = VerificationResult.invalid("a set of " + requests.size()
          + " entries is more than the " + MAX_SET_SIZE + " this verifier accepts");
      return Collections.nCopies(requests.size(), tooMany);
    }
    VerificationResult[] results = new VerificationResult[requests.size()];
    List<Checked> checked = decode(requests, results);
    if (checked.size() == 1) {
      verifyEach(checked, results, requests);
    } else if (!checked.isEmpty()) {
      if (holds(checked)) {
        accept(checked, results);
      } else {
        narrowDown(checked, results, requests);
      }
    }
    return Arrays.asList(results);
  }

  /** Runs the checks of every request, on every core for large sets; records the refusals. */
  private List<Checked> decode(List<VerificationRequest> requests, VerificationResult[] results) {
    List<Integer> indices = IntStream.range(0, requests.size()).boxed().toList();
    List<List<RequestChecks.Either>> runs = Parallel.map(
        Parallel.split(indices, i -> 1, Parallel.parts(requests.size(), parallelThreshold)),
        run -> run.stream().map(i -> checks.check(i, requests.get(i))).toList());
    List<Checked> checked = new ArrayList<>(requests.size());
    int i = 0;
    for (List<RequestChecks.Either> run : runs) {
      for (RequestChecks.Either e : run) {
        if (e.entry() == null) {
          results[i] = VerificationResult.invalid(e.refusal());
        } else {
          checked.add(e.entry());
        }
        i++;
      }
    }
    return checked;
  }

  /** Finds the bad entries of a set whose combined check failed. */
  private void narrowDown(List<Checked> entries, VerificationResult[] results,
      List<VerificationRequest> requests) {
    Map<ByteBuffer, List<Checked>> byRoot = new LinkedHashMap<>();
    for (Checked c : entries) {
      byRoot.computeIfAbsent(ByteBuffer.wrap(c.signingRoot()), k -> new ArrayList<>()).add(c);
    }
    List<Checked> alone = new ArrayList<>();
    List<List<Checked>> shared = new ArrayList<>();
    for (List<Checked> group : byRoot.values()) {
      if (group.size() <= SINGLE_CHECK_SIZE) {
        alone.addAll(group);
      } else {
        shared.add(group);
      }
    }
    verifyEach(alone, results, requests);
    // With a single group and nothing else, that group is the one that failed.
    boolean knownBad = alone.isEmpty() && shared.size() == 1;
    for (List<Checked> group : shared) {
      int[] budget = {Math.max(MIN_BISECTION_CHECKS, group.size() / BISECTION_BUDGET_DIVISOR)};
      bisect(group, knownBad, budget, results, requests);
    }
  }

  /**
   * Settles every entry of a group sharing one signing root.
   *
   * @param knownBad the group is known to hold a bad entry (so it is not checked whole again)
   * @param budget combined checks still allowed for this group; once spent, the rest is verified
   *     one by one, which bounds the cost of a group full of bad entries
   * @return true when every entry was accepted
   */
  private boolean bisect(List<Checked> group, boolean knownBad, int[] budget,
      VerificationResult[] results, List<VerificationRequest> requests) {
    if (group.size() <= SINGLE_CHECK_SIZE || budget[0] <= 0) {
      return verifyEach(group, results, requests);
    }
    if (!knownBad) {
      budget[0]--;
      if (holds(group)) {
        accept(group, results);
        return true;
      }
    }
    int half = group.size() / 2;
    boolean leftGood = bisect(group.subList(0, half), false, budget, results, requests);
    // The whole failed: when the left half is all good, the bad entry is on the right. Knowing
    // that only saves a check; an entry is still accepted by a passing check only.
    bisect(group.subList(half, group.size()), leftGood, budget, results, requests);
    return false;
  }

  private boolean holds(List<Checked> entries) {
    combinedChecks.increment();
    return combination.holds(entries);
  }

  /** Combined checks made so far. */
  long combinedChecks() {
    return combinedChecks.sum();
  }

  /** Entries verified on their own so far. */
  long singleChecks() {
    return singleChecks.sum();
  }

  private static void accept(List<Checked> entries, VerificationResult[] results) {
    for (Checked c : entries) {
      results[c.index()] = VerificationResult.ok();
    }
  }

  /**
   * Verifies each entry on its own, on every core for many entries.
   *
   * @return true when every entry verified
   */
  private boolean verifyEach(List<Checked> entries, VerificationResult[] results,
      List<VerificationRequest> requests) {
    List<List<Boolean>> runs = Parallel.map(
        Parallel.split(entries, c -> 1, Parallel.parts(entries.size(), 2)),
        run -> run.stream().map(c -> verifyOne(c, results, requests)).toList());
    return runs.stream().flatMap(List::stream).allMatch(b -> b);
  }

  private boolean verifyOne(Checked c, VerificationResult[] results,
      List<VerificationRequest> requests) {
    singleChecks.increment();
    BLST_ERROR err = c.signature().core_verify(c.publicShare(), true, c.signingRoot(), DST);
    boolean ok = err == BLST_ERROR.BLST_SUCCESS;
    results[c.index()] = ok
        ? VerificationResult.ok()
        : VerificationResult.invalid("invalid signature: it does not verify against the public "
            + "share of share index " + requests.get(c.index()).shareIndex() + " of validator "
            + requests.get(c.index()).pubKey() + " over the signing root");
    return ok;
  }
}
