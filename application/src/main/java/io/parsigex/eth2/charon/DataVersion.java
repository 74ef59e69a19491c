package io.parsigex.eth2.charon;

import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.ForkTypes;
import java.util.List;
import java.util.Optional;

/**
 * Charon's {@code DataVersion} numbers, written in the SSZ wrappers' version {@code uint64} and the
 * JSON {@code "version"} number: the legacy go-eth2-client integers in fork order, phase0 = 0 ..
 * fulu = 6 ({@code charon:eth2util/types.go}). Only forks with container types ({@link ForkTypes}) have a
 * number; any other number (7 and up) is an unknown data version.
 */
final class DataVersion {
  private static final List<Fork> NUMBERED = ForkTypes.supportedForks();

  /** The accepted numbers, as error messages quote them: {@code 0..6}. */
  static final String RANGE = "0.." + (NUMBERED.size() - 1);

  private DataVersion() {}

  /**
   * The number of a fork.
   *
   * @param fork a fork with container types (every versioned value's constructor checks this)
   * @return 0..6
   * @throws IllegalArgumentException for a fork without one
   */
  static int of(Fork fork) {
    int number = NUMBERED.indexOf(fork);
    if (number < 0) {
      throw new IllegalArgumentException("Charon has no data version for the " + fork.label()
          + " fork");
    }
    return number;
  }

  /**
   * The fork of a number read from the wire.
   *
   * @param number the unsigned number
   * @return the fork, or empty for an unknown data version
   */
  static Optional<Fork> fork(long number) {
    if (number < 0 || number >= NUMBERED.size()) {
      return Optional.empty();
    }
    return Optional.of(NUMBERED.get((int) number));
  }

  /**
   * What an error says of a number that names no fork.
   *
   * @param number the number as read, in decimal
   * @return the message
   */
  static String unknown(String number) {
    return "unknown data version " + number + " (expected " + RANGE + ")";
  }
}
