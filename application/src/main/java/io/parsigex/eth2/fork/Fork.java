package io.parsigex.eth2.fork;

import java.util.Locale;

/**
 * The consensus forks, in activation order: the one fork enum of {@code io.parsigex.eth2}. The
 * chain schedule ({@code eth2.signing}) lists every one of them, Gloas included; the consensus
 * containers ({@code eth2.spec}) and Charon's versioned types ({@code eth2.charon}) cover the forks
 * that have container types ({@code ForkTypes}) and refuse the others with their typed errors.
 */
public enum Fork {
  /** Phase 0, the genesis fork; its version is {@code GENESIS_FORK_VERSION}. */
  PHASE0,
  /** Altair. */
  ALTAIR,
  /** Bellatrix (the merge). */
  BELLATRIX,
  /** Capella; its version signs every voluntary exit (EIP-7044). */
  CAPELLA,
  /** Deneb. */
  DENEB,
  /** Electra. */
  ELECTRA,
  /** Fulu. */
  FULU,
  /** Gloas; in chain schedules only (unscheduled unless given), no container types yet. */
  GLOAS;

  /**
   * The lowercase name used in configuration, the beacon API and lodestar's {@code ssz.<fork>}.
   *
   * @return for example {@code capella}
   */
  public String label() {
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
}
