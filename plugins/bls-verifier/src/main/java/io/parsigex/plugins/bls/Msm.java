package io.parsigex.plugins.bls;

import java.math.BigInteger;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * Multi-scalar multiplication Σ kᵢ·Pᵢ with unsigned 64-bit scalars, by Pippenger's bucket method
 * written over blst's point additions. jblst 0.3.17 does not expose blst's own multi-scalar
 * multiplication (no {@code P1s}/{@code P2s}, nothing in {@code blstJNI}), so the buckets are
 * filled here: per window of {@code c} bits each point is added once to the bucket of its digit,
 * and the buckets are summed with 2·2^c additions. For n = 1,000 that is about 12 to 14
 * additions per point instead of a 64-bit scalar multiplication (about 64 doublings and 16
 * additions) each. Small inputs, where the bucket sums would cost more than they save, use one
 * {@code mult} per point. Stateless.
 */
final class Msm {

  /** Width of every scalar. */
  static final int SCALAR_BITS = 64;

  /** Widest bucket window tried. */
  private static final int MAX_WINDOW_BITS = 12;

  /** Estimated cost of one 64-bit scalar multiplication, in point additions. */
  private static final int MULT_COST_IN_ADDS = 80;

  private Msm() {}

  /**
   * The window width with the fewest estimated additions for n points, or 0 when n scalar
   * multiplications are cheaper.
   */
  static int windowBits(int n) {
    long best = (long) n * MULT_COST_IN_ADDS;
    int bestBits = 0;
    for (int c = 2; c <= MAX_WINDOW_BITS; c++) {
      int windows = (SCALAR_BITS + c - 1) / c;
      // n additions into buckets, 2·2^c to sum them, c doublings (counted as half an addition).
      long cost = (long) windows * (n + (2L << c)) + SCALAR_BITS / 2;
      if (cost < best) {
        best = cost;
        bestBits = c;
      }
    }
    return bestBits;
  }

  /**
   * Σ scalars[i]·points[i] over {@code [from, to)}.
   *
   * @return the sum, or null when the range is empty
   */
  static P1 sumG1(P1_Affine[] points, long[] scalars, int from, int to) {
    int n = to - from;
    int c = windowBits(n);
    if (c == 0) {
      P1 sum = null;
      for (int i = from; i < to; i++) {
        P1 term = points[i].to_jacobian().mult(unsigned(scalars[i]));
        sum = sum == null ? term : sum.add(term);
      }
      return sum;
    }
    int mask = (1 << c) - 1;
    P1 result = null;
    for (int shift = ((SCALAR_BITS - 1) / c) * c; shift >= 0; shift -= c) {
      if (result != null) {
        for (int d = 0; d < c; d++) {
          result.dbl();
        }
      }
      P1[] buckets = new P1[mask + 1];
      for (int i = from; i < to; i++) {
        int digit = (int) (scalars[i] >>> shift) & mask;
        if (digit != 0) {
          if (buckets[digit] == null) {
            buckets[digit] = points[i].to_jacobian();
          } else {
            buckets[digit].add(points[i]);
          }
        }
      }
      P1 running = null;
      P1 window = null;
      for (int digit = mask; digit >= 1; digit--) {
        if (buckets[digit] != null) {
          running = running == null ? buckets[digit] : running.add(buckets[digit]);
        }
        if (running != null) {
          window = window == null ? running.dup() : window.add(running);
        }
      }
      if (window != null) {
        result = result == null ? window : result.add(window);
      }
    }
    return result;
  }

  /**
   * Σ scalars[i]·points[i] over {@code [from, to)}.
   *
   * @return the sum, or null when the range is empty
   */
  static P2 sumG2(P2_Affine[] points, long[] scalars, int from, int to) {
    int n = to - from;
    int c = windowBits(n);
    if (c == 0) {
      P2 sum = null;
      for (int i = from; i < to; i++) {
        P2 term = points[i].to_jacobian().mult(unsigned(scalars[i]));
        sum = sum == null ? term : sum.add(term);
      }
      return sum;
    }
    int mask = (1 << c) - 1;
    P2 result = null;
    for (int shift = ((SCALAR_BITS - 1) / c) * c; shift >= 0; shift -= c) {
      if (result != null) {
        for (int d = 0; d < c; d++) {
          result.dbl();
        }
      }
      P2[] buckets = new P2[mask + 1];
      for (int i = from; i < to; i++) {
        int digit = (int) (scalars[i] >>> shift) & mask;
        if (digit != 0) {
          if (buckets[digit] == null) {
            buckets[digit] = points[i].to_jacobian();
          } else {
            buckets[digit].add(points[i]);
          }
        }
      }
      P2 running = null;
      P2 window = null;
      for (int digit = mask; digit >= 1; digit--) {
        if (buckets[digit] != null) {
          running = running == null ? buckets[digit] : running.add(buckets[digit]);
        }
        if (running != null) {
          window = window == null ? running.dup() : window.add(running);
        }
      }
      if (window != null) {
        result = result == null ? window : result.add(window);
      }
    }
    return result;
  }

  /** The scalar as a non-negative integer (its 64 bits read unsigned). */
  static BigInteger unsigned(long scalar) {
    BigInteger v = BigInteger.valueOf(scalar);
    return scalar >= 0 ? v : v.add(BigInteger.ONE.shiftLeft(SCALAR_BITS));
  }
}
