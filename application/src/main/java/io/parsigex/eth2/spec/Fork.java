package io.parsigex.eth2.spec;

import java.util.Locale;
import java.util.Optional;

/**
 * Consensus forks Charon's versioned types carry, with Charon's wire version numbers (the legacy
 * go-eth2-client {@code DataVersion} integers: phase0 = 0 .. fulu = 6).
 */
public enum Fork {
  /** Phase 0. */
  PHASE0,
  /** Altair. */
  ALTAIR,
  /** Bellatrix. */
  BELLATRIX,
  /** Capella. */
  CAPELLA,
  /** Deneb. */
  DENEB,
  /** Electra. */
  ELECTRA,
  /** Fulu. */
  FULU;

  private static final Fork[] ALL = values();

  /**
   * The number Charon writes in SSZ wrappers and JSON {@code "version"}.
   *
   * @return 0..6
   */
  public int charonVersion() {
    return ordinal();
  }

  /**
   * The lowercase name ({@code deneb}).
   *
   * @return the name
   */
  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether this fork is {@code other} or later.
   *
   * @param other the fork to compare with
   * @return true if at or after it
   */
  public boolean isAtLeast(Fork other) {
    return ordinal() >= other.ordinal();
  }

  /**
   * Looks a Charon version number up.
   *
   * @param version the unsigned number from the wire
   * @return the fork, or empty for an unknown version
   */
  public static Optional<Fork> fromCharonVersion(long version) {
    if (version < 0 || version >= ALL.length) {
      return Optional.empty();
    }
    return Optional.of(ALL[(int) version]);
  }
}
