package io.parsigex.eth2.signing;

import java.util.List;
import java.util.Objects;

/**
 * A chain's full fork schedule, {@link ForkName#PHASE0} to {@link ForkName#GLOAS}, each fork once and
 * in order, with non-decreasing activation epochs (unscheduled forks last). Immutable.
 *
 * @param forks one entry per {@link ForkName}, in enum order
 */
public record ForkSchedule(List<Fork> forks) {

  /**
   * Validates and copies.
   *
   * @throws InvalidChainSpecException when a fork is missing, out of order, or activates before
   *     its predecessor
   */
  public ForkSchedule {
    Objects.requireNonNull(forks, "forks");
    forks = List.copyOf(forks);
    ForkName[] names = ForkName.values();
    if (forks.size() != names.length) {
      throw new InvalidChainSpecException("a fork schedule lists " + names.length
          + " forks (phase0 to " + names[names.length - 1].label() + "), got " + forks.size());
    }
    for (int i = 0; i < names.length; i++) {
      Fork f = forks.get(i);
      if (f.name() != names[i]) {
        throw new InvalidChainSpecException("fork " + i + " of the schedule must be "
            + names[i].label() + ", got " + f.name().label());
      }
      if (i == 0 && f.epoch() != 0) {
        throw new InvalidChainSpecException("the genesis fork activates at epoch 0, got "
            + Long.toUnsignedString(f.epoch()));
      }
      if (i > 0 && Long.compareUnsigned(f.epoch(), forks.get(i - 1).epoch()) < 0) {
        throw new InvalidChainSpecException("the " + f.name().label() + " fork epoch "
            + Long.toUnsignedString(f.epoch()) + " is before the " + names[i - 1].label()
            + " fork epoch " + Long.toUnsignedString(forks.get(i - 1).epoch()));
      }
    }
  }

  /**
   * The fork with that name.
   *
   * @param name the fork
   * @return its entry
   */
  public Fork fork(ForkName name) {
    return forks.get(name.ordinal());
  }

  /**
   * The fork active at an epoch: the last one whose activation epoch is at or before it.
   *
   * @param epoch the epoch (unsigned)
   * @return the active fork
   */
  public Fork forkAt(long epoch) {
    Fork active = forks.get(0);
    for (Fork f : forks) {
      if (f.scheduled() && Long.compareUnsigned(f.epoch(), epoch) <= 0) {
        active = f;
      }
    }
    return active;
  }

  /**
   * The fork version at an epoch ({@code compute_fork_version}).
   *
   * @param epoch the epoch (unsigned)
   * @return a copy of the 4-byte version
   */
  public byte[] versionAt(long epoch) {
    return forkAt(epoch).version();
  }

  /**
   * The genesis fork version ({@code GENESIS_FORK_VERSION}).
   *
   * @return a copy of the 4 bytes
   */
  public byte[] genesisVersion() {
    return forks.get(0).version();
  }
}
