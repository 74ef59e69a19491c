package io.parsigex.plugins.bls;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;

/**
 * One randomised check of many entries: true when every entry verifies (always), false when one
 * does not (except with probability at most 2^-64 per call, see below).
 *
 * <p>Entries are grouped by signing root m. Each entry i gets a fresh random weight rᵢ, drawn
 * from {@link SecureRandom} after the set arrived, uniform over the non-zero 64-bit integers.
 * A group is reduced to one pair with multi-scalar multiplication ({@link Msm}):
 * Sₘ = Σ rᵢσᵢ in G2 and Pₘ = Σ rᵢpkᵢ in G1. One multi-pairing then checks
 * e(Σₘ Sₘ, g₁) = Πₘ e(H(m), Pₘ). A set whose entries share one root costs two Miller loops, one
 * hash to G2 and one final exponentiation, plus about 12 to 14 G2 and as many G1 additions per
 * entry.
 *
 * <p>Soundness. Every σᵢ is in G2 and every pkᵢ in G1 (checked beforehand by {@link RequestChecks}:
 * decoding, then the subgroup check of each signature; the public shares are checked once and
 * cached). Both groups have prime order q, so e(σᵢ, g₁)·e(H(mᵢ), pkᵢ)⁻¹ = e(g₂, g₁)^eᵢ for one
 * eᵢ in Z_q, and entry i is valid exactly when eᵢ = 0. The combined equation holds exactly when
 * Σ rᵢeᵢ ≡ 0 (mod q). If some eⱼ ≠ 0, then for any values of the other weights at most one
 * residue of rⱼ satisfies it, and the 2^64 - 1 possible rⱼ are distinct modulo q (q > 2^254), so a
 * forged set passes one call with probability at most 1/(2^64 - 1). The subgroup checks are what
 * make this hold: a point with a component of small order (the G2 cofactor has the prime factors
 * 13, 23, 2,713, 11,953 and 262,069) would lose that component whenever its weight is a multiple
 * of that order, with probability up to 1/13. Thread-safe.
 */
final class RandomCombination {

  private final SecureRandom random = new SecureRandom();
  private final int parallelThreshold;

  RandomCombination(int parallelThreshold) {
    this.parallelThreshold = parallelThreshold;
  }

  /** A signing root and the entries that sign it, with their weights for this call. */
  private record Group(byte[] root, P1_Affine[] keys, P2_Affine[] signatures, long[] weights) {}

  /** A run of one group's entries, reduced in one piece of work. */
  private record Slice(int group, int from, int to) {}

  /** The weighted sums of one slice. */
  private record Partial(int group, P1 key, P2 signature) {}

  /** The reduced pair of one group. */
  private record Term(byte[] root, P1_Affine key, P2_Affine signature) {}

  /**
   * Checks the entries together.
   *
   * @return true when the combined equation holds; false when it does not or blst failed
   */
  boolean holds(List<Checked> entries) {
    try {
      return check(entries);
    } catch (RuntimeException e) {
      // A failure inside blst is treated as "some entry may be bad": the caller narrows it down.
      return false;
    }
  }

  private boolean check(List<Checked> entries) {
    List<Group> groups = group(entries);
    int parts = Parallel.parts(entries.size(), parallelThreshold);
    List<Slice> slices = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      int n = groups.get(g).keys().length;
      int per = Math.max(1, (n + parts - 1) / parts);
      for (int from = 0; from < n; from += per) {
        slices.add(new Slice(g, from, Math.min(n, from + per)));
      }
    }
    List<List<Partial>> partials = Parallel.map(
        Parallel.split(slices, s -> s.to() - s.from(), parts), run -> reduce(groups, run));
    P1[] keys = new P1[groups.size()];
    P2[] signatures = new P2[groups.size()];
    for (List<Partial> run : partials) {
      for (Partial p : run) {
        if (p.key() == null || p.signature() == null) {
          return false;
        }
        keys[p.group()] = keys[p.group()] == null ? p.key() : keys[p.group()].add(p.key());
        signatures[p.group()] = signatures[p.group()] == null
            ? p.signature() : signatures[p.group()].add(p.signature());
      }
    }
    List<Term> terms = new ArrayList<>(groups.size());
    for (int g = 0; g < groups.size(); g++) {
      if (keys[g].is_inf()) {
        // Only a forged set gets here (honest weighted keys sum to infinity with probability
        // about 2^-64); blst refuses an infinite key, and so does this check.
        return false;
      }
      terms.add(new Term(groups.get(g).root(), keys[g].to_affine(), signatures[g].to_affine()));
    }
    List<Pairing> pairings = Parallel.map(
        Parallel.split(terms, t -> 1, Parallel.parts(terms.size(), parallelThreshold)),
        RandomCombination::millerLoops);
    Pairing total = null;
    for (Pairing p : pairings) {
      if (p == null) {
        return false;
      }
      if (total == null) {
        total = p;
      } else if (total.merge(p) != BLST_ERROR.BLST_SUCCESS) {
        return false;
      }
    }
    return total != null && total.finalverify();
  }

  private List<Group> group(List<Checked> entries) {
    Map<ByteBuffer, List<Checked>> byRoot = new LinkedHashMap<>();
    for (Checked c : entries) {
      byRoot.computeIfAbsent(ByteBuffer.wrap(c.signingRoot()), k -> new ArrayList<>()).add(c);
    }
    List<Group> groups = new ArrayList<>(byRoot.size());
    for (List<Checked> members : byRoot.values()) {
      int n = members.size();
      P1_Affine[] keys = new P1_Affine[n];
      P2_Affine[] signatures = new P2_Affine[n];
      for (int i = 0; i < n; i++) {
        keys[i] = members.get(i).publicShare();
        signatures[i] = members.get(i).signature();
      }
      groups.add(new Group(members.get(0).signingRoot(), keys, signatures, weights(n)));
    }
    return groups;
  }

  private long[] weights(int n) {
    long[] w = new long[n];
    for (int i = 0; i < n; i++) {
      long x;
      do {
        x = random.nextLong();
      } while (x == 0);
      w[i] = x;
    }
    return w;
  }

  private static List<Partial> reduce(List<Group> groups, List<Slice> run) {
    List<Partial> out = new ArrayList<>(run.size());
    for (Slice s : run) {
      Group g = groups.get(s.group());
      out.add(new Partial(s.group(), Msm.sumG1(g.keys(), g.weights(), s.from(), s.to()),
          Msm.sumG2(g.signatures(), g.weights(), s.from(), s.to())));
    }
    return out;
  }

  /** The Miller loops of some terms, or null when blst refused one. */
  private static Pairing millerLoops(List<Term> run) {
    Pairing pairing = new Pairing(true, BatchVerifier.DST);
    for (Term t : run) {
      if (pairing.aggregate(t.key(), t.signature(), t.root()) != BLST_ERROR.BLST_SUCCESS) {
        return null;
      }
    }
    pairing.commit();
    return pairing;
  }
}
