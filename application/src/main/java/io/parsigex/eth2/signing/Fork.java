package io.parsigex.eth2.signing;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One fork of a chain: its name, 4-byte fork version and activation epoch. Immutable.
 *
 * @param name the fork
 * @param version the 4-byte fork version
 * @param epoch the activation epoch (unsigned); {@link #UNSCHEDULED} when not scheduled
 */
public record Fork(ForkName name, byte[] version, long epoch) {

  /** Length of a fork version. */
  public static final int VERSION_LENGTH = 4;

  /** {@code FAR_FUTURE_EPOCH} (2^64 - 1): the epoch of a fork that is not scheduled. */
  public static final long UNSCHEDULED = -1L;

  /**
   * Validates and copies.
   *
   * @throws InvalidChainSpecException if the version is not 4 bytes
   */
  public Fork {
    Objects.requireNonNull(name, "name");
    if (version == null || version.length != VERSION_LENGTH) {
      throw new InvalidChainSpecException("the " + name.label() + " fork version must be 4 bytes, got "
          + (version == null ? "none" : version.length));
    }
    version = version.clone();
  }

  /**
   * Parses a version written as {@code 0x} + 8 hex characters.
   *
   * @param name the fork
   * @param versionHex for example {@code 0x03000000}
   * @param epoch the activation epoch
   * @return the fork
   * @throws InvalidChainSpecException when the text is not a 4-byte hex value
   */
  public static Fork of(ForkName name, String versionHex, long epoch) {
    return new Fork(name, Hex.parse(versionHex, VERSION_LENGTH, name.label() + " fork version"), epoch);
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
    return o instanceof Fork f && name == f.name && epoch == f.epoch && Arrays.equals(version, f.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, epoch, Arrays.hashCode(version));
  }

  @Override
  public String toString() {
    return name.label() + "(0x" + HexFormat.of().formatHex(version) + " @ "
        + (scheduled() ? Long.toUnsignedString(epoch) : "unscheduled") + ")";
  }
}
