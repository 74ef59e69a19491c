package io.parsigex.eth2.signing;

import java.util.Locale;

/** The consensus forks a chain schedule lists, in activation order. */
public enum ForkName {
  /** The genesis fork; its version is {@code GENESIS_FORK_VERSION}. */
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
  /** Gloas; optional in a custom chain (unscheduled unless given). */
  GLOAS;

  /**
   * The lowercase name used in configuration and the beacon API.
   *
   * @return for example {@code capella}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
