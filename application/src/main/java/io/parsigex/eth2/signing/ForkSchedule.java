package io.parsigex.eth2.signing;

import io.parsigex.eth2.fork.Fork;
import java.util.List;
import java.util.Objects;

/**
 * A chain's full fork schedule, {@link Fork#PHASE0} to {@link Fork#GLOAS}, each fork once and in
 * order, with non-decreasing activation epochs (unscheduled forks last). Immutable.
 *
 * @param forks one entry per {@link Fork}, in enum order
 */
public record ForkSchedule(List<ScheduledFork> forks) {

  /**
   * Validates and copies.
   *
   * @throws InvalidChainSpecException when a fork is missing, out of order, or activates before
   *     its predecessor
   */
  public ForkSchedule {
    Objects.requireNonNull(forks, "forks");
    forks = List.copyOf(forks);
    Fork[] names = Fork.values();
    if (forks.size() != names.length) {
      throw new InvalidChainSpecException("a fork schedule lists " + names.length
          + " forks (phase0 to " + names[names.length - 1].label() + "), got " + forks.size());
    }
    for (int i = 0; i < names.length; i++) {
      ScheduledFork f = forks.get(i);
      if (f.fork() != names[i]) {
        throw new InvalidChainSpecException("fork " + i + " of the schedule must be "
            + names[i].label() + ", got " + f.fork().label());
      }
      if (i == 0 && f.epoch() != 0) {
        throw new InvalidChainSpecException("the genesis fork activates at epoch 0, got "
            + Long.toUnsignedString(f.epoch()));
      }
      if (i > 0 && Long.compareUnsigned(f.epoch(), forks.get(i - 1).epoch()) < 0) {
        throw new InvalidChainSpecException("the " + f.fork().label() + " fork epoch "
            + Long.toUnsignedString(f.epoch()) + " is before the " + names[i - 1].label()
            + " fork epoch " + Long.toUnsignedString(forks.get(i - 1).epoch()));
      }
    }
  }

  /**
   * The schedule entry of a fork.
   *
   * @param fork the fork
   * @return its entry
   */
  public ScheduledFork fork(Fork fork) {
    return forks.get(fork.ordinal());
  }

  /**
   * The fork active at an epoch: the last one whose activation epoch is at or before it.
   *
   * @param epoch the epoch (unsigned)
   * @return the active fork
   */
  public ScheduledFork forkAt(long epoch) {
    ScheduledFork active = forks.get(0);
    for (ScheduledFork f : forks) {
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
