package io.parsigex.plugins.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * The same-root fast path and its bisection give, for every entry, the result of verifying that
 * entry on its own, on real keys and signatures from a seeded generator (the seed is in every
 * failure message; set {@code -Dbls.test.seed=N} to replay one).
 */
class SameRootBatchTest {

  private static final int SET_SIZE = 1000;
  private static long seed;
  private static Fixtures shared;
  /** One-by-one results of the unmodified shared-root set. */
  private static List<VerificationResult> sharedOneByOne;

  @BeforeAll
  static void fixtures() {
    seed = Long.getLong("bls.test.seed", System.nanoTime());
    System.out.println("SameRootBatchTest seed " + seed);
    shared = Fixtures.create(SET_SIZE, 1, new Random(seed));
    sharedOneByOne = oneByOne(shared, shared.requests);
  }

  @Test
  void oneBadAmongAThousandSharingOneRootCostsAFewChecks() {
    Random random = new Random(seed + 1);
    List<VerificationRequest> set = new ArrayList<>(shared.requests);
    int bad = random.nextInt(SET_SIZE);
    set.set(bad, Corruption.OTHER_ROOT.apply(shared, set.get(bad), random));
    BatchVerifier verifier = verifier();

    List<VerificationResult> results = verifier.verifyAll(set);

    assertMatchesOneByOne(set, results, Set.of(bad), "one bad at " + bad);
    // Bisection: about two combined checks per level of a 1,000-entry tree, and no more than two
    // groups of SINGLE_CHECK_SIZE entries verified on their own.
    assertThat(verifier.combinedChecks()).as("seed %d", seed).isLessThanOrEqualTo(24);
    assertThat(verifier.singleChecks()).as("seed %d", seed)
        .isLessThanOrEqualTo(2L * BatchVerifier.SINGLE_CHECK_SIZE);
  }

  @Test
  void severalBadOfEveryKindAmongAThousandSharingOneRoot() {
    Random random = new Random(seed + 2);
    List<VerificationRequest> set = new ArrayList<>(shared.requests);
    Set<Integer> bad = new HashSet<>();
    Corruption[] kinds = Corruption.values();
    for (int k = 0; k < 12; k++) {
      int i = random.nextInt(SET_SIZE);
      if (bad.add(i)) {
        set.set(i, kinds[k % kinds.length].apply(shared, set.get(i), random));
      }
    }
    List<VerificationResult> results = verifier().verifyAll(set);
    assertMatchesOneByOne(set, results, bad, "bad at " + bad);
  }

  @Test
  void allBadAmongAThousandSharingOneRoot() {
    Random random = new Random(seed + 3);
    List<VerificationRequest> set = new ArrayList<>(shared.requests);
    Set<Integer> bad = new HashSet<>();
    for (int i = 0; i < SET_SIZE; i++) {
      set.set(i, Corruption.OTHER_KEY.apply(shared, set.get(i), random));
      bad.add(i);
    }
    BatchVerifier verifier = verifier();
    List<VerificationResult> results = verifier.verifyAll(set);
    assertMatchesOneByOne(set, results, bad, "all bad");
    // The bisection budget: at most a quarter of the entries in combined checks, then each
    // entry at most once on its own.
    assertThat(verifier.combinedChecks()).as("seed %d", seed)
        .isLessThanOrEqualTo(1 + SET_SIZE / BatchVerifier.BISECTION_BUDGET_DIVISOR);
    assertThat(verifier.singleChecks()).as("seed %d", seed).isLessThanOrEqualTo(SET_SIZE);
  }

  @Test
  void errorsThatCancelInAnUnweightedSumAreFound() {
    // σ₁ + Δ and σ₂ − Δ: both wrong, their plain sum right. Only the random weights catch it.
    Random random = new Random(seed + 4);
    List<VerificationRequest> set = new ArrayList<>(shared.requests.subList(0, 64));
    P2 delta = new P2().hash_to(new byte[] {1, 2, 3}, BatchVerifier.DST);
    P2 first = new P2_Affine(set.get(5).signature()).to_jacobian().add(delta);
    P2 second = new P2_Affine(set.get(40).signature()).to_jacobian().add(delta.dup().neg());
    VerificationRequest badFirst = Fixtures.withSignature(set.get(5), first.compress());
    VerificationRequest badSecond = Fixtures.withSignature(set.get(40), second.compress());
    set.set(5, badFirst);
    set.set(40, badSecond);
    for (int round = 0; round < 4; round++) {
      Collections.shuffle(set, random);
      Set<Integer> bad = Set.of(set.indexOf(badFirst), set.indexOf(badSecond));
      assertMatchesOneByOne(set, verifier().verifyAll(set), bad, "cancelling pair");
    }
  }

  @Test
  void mixedRootsWithBadEntriesInSharedAndLoneRoots() {
    Random random = new Random(seed + 5);
    for (int round = 0; round < 3; round++) {
      // 300 entries over 6 roots, plus 20 whose roots no other entry shares.
      Fixtures f = Fixtures.create(300, 6, random);
      Fixtures lone = Fixtures.create(20, 20, random);
      Fixtures both = Fixtures.merge(f, lone);
      List<VerificationRequest> set = new ArrayList<>(both.requests);
      Set<Integer> bad = new HashSet<>();
      int corrupt = random.nextInt(8);
      Corruption[] kinds = Corruption.values();
      for (int c = 0; c < corrupt; c++) {
        int i = random.nextInt(set.size());
        if (bad.add(i)) {
          set.set(i, kinds[random.nextInt(kinds.length)].apply(both, set.get(i), random));
        }
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < set.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, random);
      List<VerificationRequest> shuffled = new ArrayList<>();
      Set<Integer> badShuffled = new HashSet<>();
      for (int i = 0; i < order.size(); i++) {
        shuffled.add(set.get(order.get(i)));
        if (bad.contains(order.get(i))) {
          badShuffled.add(i);
        }
      }
      List<VerificationResult> results = new BatchVerifier(both.cluster, 8).verifyAll(shuffled);
      assertMatchesOneByOne(both, shuffled, results, badShuffled, "mixed round " + round);
    }
  }

  @Test
  void oneEntryValidAndInvalid() {
    List<VerificationRequest> one = List.of(shared.requests.get(0));
    assertThat(verifier().verifyAll(one)).extracting(VerificationResult::valid).containsExactly(true);
    VerificationRequest bad = Corruption.OTHER_ROOT.apply(shared, one.get(0), new Random(seed + 8));
    assertMatchesOneByOne(List.of(bad), verifier().verifyAll(List.of(bad)), Set.of(0), "one bad");
  }

  @Test
  void invalidEncodingsAmongGoodEntriesAreRefusedAloneWithTheirReasons() {
    Random random = new Random(seed + 6);
    List<VerificationRequest> set = new ArrayList<>(shared.requests.subList(0, 100));
    byte[] infinity = new byte[96];
    infinity[0] = (byte) 0xc0;
    byte[] garbage = new byte[96];
    random.nextBytes(garbage);
    garbage[0] = (byte) ((garbage[0] & 0x1f) | 0x80);
    set.set(3, Fixtures.withSignature(set.get(3), infinity));
    set.set(17, Fixtures.withSignature(set.get(17), new byte[96]));
    set.set(29, Fixtures.withSignature(set.get(29), new byte[95]));
    set.set(41, Fixtures.withSignature(set.get(41), Fixtures.notInSubgroup(random)));
    set.set(55, Fixtures.withSignature(set.get(55), garbage));
    List<VerificationResult> results = verifier().verifyAll(set);
    assertMatchesOneByOne(set, results, Set.of(3, 17, 29, 41, 55), "encodings");
    assertThat(results.get(3).reason()).contains("not a valid compressed G2 point");
    assertThat(results.get(17).reason()).contains("all zeros");
    assertThat(results.get(29).reason()).contains("96 bytes");
    assertThat(results.get(41).reason()).contains("not in the G2 subgroup");
  }

  @Test
  void duplicateEntriesGoodAndBad() {
    Random random = new Random(seed + 7);
    List<VerificationRequest> set = new ArrayList<>(shared.requests.subList(0, 50));
    VerificationRequest bad = Corruption.OTHER_KEY.apply(shared, set.get(7), random);
    for (int d = 0; d < 10; d++) {
      set.add(set.get(d));
    }
    set.add(bad);
    set.add(bad);
    List<VerificationResult> results = verifier().verifyAll(set);
    assertMatchesOneByOne(set, results, Set.of(set.size() - 2, set.size() - 1), "duplicates");
  }

  private static BatchVerifier verifier() {
    return new BatchVerifier(shared.cluster, BatchVerifier.DEFAULT_PARALLEL_THRESHOLD);
  }

  private static void assertMatchesOneByOne(List<VerificationRequest> set,
      List<VerificationResult> results, Set<Integer> bad, String what) {
    assertMatchesOneByOne(shared, set, results, bad, what);
  }

  private static void assertMatchesOneByOne(Fixtures f, List<VerificationRequest> set,
      List<VerificationResult> results, Set<Integer> bad, String what) {
    List<VerificationResult> expected = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      int original = f.requests.indexOf(set.get(i));
      expected.add(original >= 0 && f == shared ? sharedOneByOne.get(original)
          : oneByOne(f, List.of(set.get(i))).get(0));
    }
    assertThat(results).as("seed %d: %s", seed, what).hasSize(set.size());
    for (int i = 0; i < set.size(); i++) {
      assertThat(results.get(i)).as("seed %d: %s, entry %d", seed, what, i)
          .isEqualTo(expected.get(i));
      assertThat(results.get(i).valid()).as("seed %d: %s, entry %d", seed, what, i)
          .isEqualTo(!bad.contains(i));
    }
  }

  /** Each entry verified alone, with the plugin's checks and blst's core_verify. */
  private static List<VerificationResult> oneByOne(Fixtures f, List<VerificationRequest> set) {
    BatchVerifier alone = new BatchVerifier(f.cluster, BatchVerifier.DEFAULT_PARALLEL_THRESHOLD);
    List<VerificationResult> out = new ArrayList<>(set.size());
    for (VerificationRequest r : set) {
      out.add(alone.verifyAll(List.of(r)).get(0));
    }
    assertThat(alone.combinedChecks()).isZero();
    return out;
  }
}
