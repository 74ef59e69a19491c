package io.parsigex.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Charon's rule for a definition's {@code deposit_amounts} (its {@code deposit.VerifyDepositAmounts},
 * applied when v1.8 and later definitions are read): an empty list means one 32 ETH deposit;
 * otherwise every amount is at least {@link #MIN_GWEI} and at most {@link #MAX_STANDARD_GWEI}
 * ({@link #MAX_COMPOUNDING_GWEI} for compounding validators), and together they are at least
 * {@link #DEFAULT_GWEI}, repetition allowed.
 */
final class DepositAmounts {

  /** 1 ETH in gwei: the smallest partial deposit. */
  static final long MIN_GWEI = 1_000_000_000L;
  /** 32 ETH in gwei: the smallest total, and the largest single deposit without compounding. */
  static final long DEFAULT_GWEI = 32_000_000_000L;
  /** The largest single deposit without compounding. */
  static final long MAX_STANDARD_GWEI = DEFAULT_GWEI;
  /** 2048 ETH in gwei: the largest single deposit of a compounding validator. */
  static final long MAX_COMPOUNDING_GWEI = 2_048_000_000_000L;

  private DepositAmounts() {}

  /**
   * Checks the amounts.
   *
   * @param amounts gwei, unsigned
   * @param compounding whether the validators are compounding (v1.10 and later)
   * @return what is wrong, or empty when Charon accepts them
   */
  static Optional<String> problem(List<Long> amounts, boolean compounding) {
    if (amounts.isEmpty()) {
      return Optional.empty();
    }
    long max = compounding ? MAX_COMPOUNDING_GWEI : MAX_STANDARD_GWEI;
    long sum = 0;
    for (int i = 0; i < amounts.size(); i++) {
      long a = amounts.get(i);
      if (Long.compareUnsigned(a, MIN_GWEI) < 0) {
        return Optional.of("has " + Long.toUnsignedString(a) + " gwei at [" + i
            + "]; each partial deposit amount must be at least 1 ETH");
      }
      if (Long.compareUnsigned(a, max) > 0) {
        return Optional.of("has " + Long.toUnsignedString(a) + " gwei at [" + i + "], above "
            + max + (compounding ? "" : " (larger amounts need compounding validators)"));
      }
      sum += a; // at most 256 amounts of at most 2048 ETH: no overflow
    }
    if (sum < DEFAULT_GWEI) {
      return Optional.of("sums to " + sum + " gwei; the sum must be at least 32 ETH");
    }
    return Optional.empty();
  }
}
