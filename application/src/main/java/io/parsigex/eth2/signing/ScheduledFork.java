package io.parsigex.eth2.signing;

import io.parsigex.eth2.fork.Fork;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of a chain's fork schedule: the fork, its 4-byte fork version and its activation
 * epoch. Immutable.
 *
 * @param fork the fork
 * @param version the 4-byte fork version
 * @param epoch the activation epoch (unsigned); {@link #UNSCHEDULED} when not scheduled
 */
public record ScheduledFork(Fork fork, byte[] version, long epoch) {

  /** Length of a fork version. */
  public static final int VERSION_LENGTH = 4;

  /** {@code FAR_FUTURE_EPOCH} (2^64 - 1): the epoch of a fork that is not scheduled. */
  public static final long UNSCHEDULED = -1L;

  /**
   * Validates and copies.
   *
   * @throws InvalidChainSpecException if the version is not 4 bytes
   */
  public ScheduledFork {
    Objects.requireNonNull(fork, "fork");
    if (version == null || version.length != VERSION_LENGTH) {
      throw new InvalidChainSpecException("the " + fork.label() + " fork version must be 4 bytes, got "
          + (version == null ? "none" : version.length));
    }
    version = version.clone();
  }

  /**
   * Parses a version written as {@code 0x} + 8 hex characters.
   *
   * @param fork the fork
   * @param versionHex for example {@code 0x03000000}
   * @param epoch the activation epoch
   * @return the schedule entry
   * @throws InvalidChainSpecException when the text is not a 4-byte hex value
   */
  public static ScheduledFork of(Fork fork, String versionHex, long epoch) {
    return new ScheduledFork(fork, Hex.parse(versionHex, VERSION_LENGTH, fork.label() + " fork version"),
        epoch);
  }

  /**
   * The version.
   *
   * @return a copy of the 4 bytes
   */
  @Override
  public byte[] version() {
    return version.clone();
  }

  /**
   * Whether the fork is scheduled at all.
   *
   * @return false when the epoch is {@link #UNSCHEDULED}
   */
  public boolean scheduled() {
    return epoch != UNSCHEDULED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduledFork f && fork == f.fork && epoch == f.epoch
        && Arrays.equals(version, f.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fork, epoch, Arrays.hashCode(version));
  }

  @Override
  public String toString() {
    return fork.label() + "(0x" + HexFormat.of().formatHex(version) + " @ "
        + (scheduled() ? Long.toUnsignedString(epoch) : "unscheduled") + ")";
  }
}
