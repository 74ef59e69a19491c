package io.parsigex.eth2.signing;

import io.parsigex.eth2.fork.Fork;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Everything about a beacon chain that signing and the wall clock need: genesis time and validators
 * root, the fork schedule, seconds per slot and slots per epoch. Immutable; build one from a
 * {@link ChainPreset} or with {@link #custom()}.
 *
 * @param name the network name, for example {@code mainnet}
 * @param genesisTime the genesis time in Unix seconds
 * @param genesisValidatorsRoot the 32-byte {@code genesis_validators_root}
 * @param forks the fork schedule
 * @param secondsPerSlot {@code SECONDS_PER_SLOT}
 * @param slotsPerEpoch {@code SLOTS_PER_EPOCH}
 */
public record ChainSpec(
    String name,
    long genesisTime,
    byte[] genesisValidatorsRoot,
    ForkSchedule forks,
    long secondsPerSlot,
    long slotsPerEpoch) {

  /** Length of a root. */
  public static final int ROOT_LENGTH = 32;

  /** Longest slot accepted (one hour): anything longer is a configuration mistake. */
  public static final long MAX_SECONDS_PER_SLOT = 3600;

  /** Most slots per epoch accepted. */
  public static final long MAX_SLOTS_PER_EPOCH = 1024;

  /**
   * Validates and copies.
   *
   * @throws InvalidChainSpecException naming the value that is wrong
   */
  public ChainSpec {
    if (name == null || name.isBlank()) {
      throw new InvalidChainSpecException("parsigex.chain.name is required");
    }
    if (genesisTime < 0) {
      throw new InvalidChainSpecException("parsigex.chain.genesis-time must be Unix seconds >= 0, got "
          + genesisTime);
    }
    if (genesisValidatorsRoot == null || genesisValidatorsRoot.length != ROOT_LENGTH) {
      throw new InvalidChainSpecException(
          "parsigex.chain.genesis-validators-root must be 32 bytes, got "
              + (genesisValidatorsRoot == null ? "none" : genesisValidatorsRoot.length));
    }
    genesisValidatorsRoot = genesisValidatorsRoot.clone();
    Objects.requireNonNull(forks, "forks");
    if (secondsPerSlot < 1 || secondsPerSlot > MAX_SECONDS_PER_SLOT) {
      throw new InvalidChainSpecException("parsigex.chain.seconds-per-slot must be 1.."
          + MAX_SECONDS_PER_SLOT + ", got " + secondsPerSlot);
    }
    if (slotsPerEpoch < 1 || slotsPerEpoch > MAX_SLOTS_PER_EPOCH) {
      throw new InvalidChainSpecException("parsigex.chain.slots-per-epoch must be 1.."
          + MAX_SLOTS_PER_EPOCH + ", got " + slotsPerEpoch);
    }
  }

  /**
   * The genesis validators root.
   *
   * @return a copy of the 32 bytes
   */
  @Override
  public byte[] genesisValidatorsRoot() {
    return genesisValidatorsRoot.clone();
  }

  /**
   * The genesis time as an instant.
   *
   * @return the genesis instant
   */
  public Instant genesisInstant() {
    return Instant.ofEpochSecond(genesisTime);
  }

  /**
   * The slot duration.
   *
   * @return {@code SECONDS_PER_SLOT} as a duration
   */
  public Duration slotDuration() {
    return Duration.ofSeconds(secondsPerSlot);
  }

  /**
   * Starts a builder for a {@code custom} chain.
   *
   * @return an empty builder
   */
  public static Builder custom() {
    return new Builder();
  }

  /**
   * A builder starting from this chain's values, to override some of them.
   *
   * @return a builder holding every value of this spec
   */
  public Builder toBuilder() {
    Builder b = new Builder().name(name).genesisTime(genesisTime)
        .genesisValidatorsRoot(genesisValidatorsRoot).secondsPerSlot(secondsPerSlot)
        .slotsPerEpoch(slotsPerEpoch);
    for (ScheduledFork f : forks.forks()) {
      b.fork(f.fork(), f.version(), f.epoch());
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainSpec c && name.equals(c.name) && genesisTime == c.genesisTime
        && Arrays.equals(genesisValidatorsRoot, c.genesisValidatorsRoot) && forks.equals(c.forks)
        && secondsPerSlot == c.secondsPerSlot && slotsPerEpoch == c.slotsPerEpoch;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, genesisTime, Arrays.hashCode(genesisValidatorsRoot), forks,
        secondsPerSlot, slotsPerEpoch);
  }

  @Override
  public String toString() {
    return "ChainSpec[" + name + ", genesis " + genesisTime + ", gvr 0x"
        + HexFormat.of().formatHex(genesisValidatorsRoot) + ", " + forks.forks() + ", "
        + secondsPerSlot + " s/slot, " + slotsPerEpoch + " slots/epoch]";
  }

  /** Collects the values of a chain one by one; {@link #build()} validates them all. */
  public static final class Builder {
    private final ScheduledFork[] forks = new ScheduledFork[Fork.values().length];
    private String name = "custom";
    private Long genesisTime;
    private byte[] genesisValidatorsRoot;
    private long secondsPerSlot = 12;
    private long slotsPerEpoch = 32;

    private Builder() {}

    /**
     * Sets the name.
     *
     * @param value network name
     * @return this builder
     */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /**
     * Sets the genesis time.
     *
     * @param unixSeconds genesis time
     * @return this builder
     */
    public Builder genesisTime(long unixSeconds) {
      this.genesisTime = unixSeconds;
      return this;
    }

    /**
     * Sets the genesis validators root.
     *
     * @param root 32 bytes
     * @return this builder
     */
    public Builder genesisValidatorsRoot(byte[] root) {
      this.genesisValidatorsRoot = root == null ? null : root.clone();
      return this;
    }

    /**
     * Sets the genesis validators root from hex.
     *
     * @param hex {@code 0x} + 64 hex characters
     * @return this builder
     */
    public Builder genesisValidatorsRoot(String hex) {
      this.genesisValidatorsRoot = Hex.parse(hex, ROOT_LENGTH, "parsigex.chain.genesis-validators-root");
      return this;
    }

    /**
     * Sets one fork.
     *
     * @param fork which fork
     * @param version its 4-byte version
     * @param epoch its activation epoch, or {@link ScheduledFork#UNSCHEDULED}
     * @return this builder
     */
    public Builder fork(Fork fork, byte[] version, long epoch) {
      forks[fork.ordinal()] = new ScheduledFork(fork, version, epoch);
      return this;
    }

    /**
     * Sets one fork from a hex version.
     *
     * @param fork which fork
     * @param versionHex {@code 0x} + 8 hex characters
     * @param epoch its activation epoch, or {@link ScheduledFork#UNSCHEDULED}
     * @return this builder
     */
    public Builder fork(Fork fork, String versionHex, long epoch) {
      forks[fork.ordinal()] = ScheduledFork.of(fork, versionHex, epoch);
      return this;
    }

    /**
     * Sets the slot duration.
     *
     * @param value {@code SECONDS_PER_SLOT}
     * @return this builder
     */
    public Builder secondsPerSlot(long value) {
      this.secondsPerSlot = value;
      return this;
    }

    /**
     * Sets the epoch length.
     *
     * @param value {@code SLOTS_PER_EPOCH}
     * @return this builder
     */
    public Builder slotsPerEpoch(long value) {
      this.slotsPerEpoch = value;
      return this;
    }

    /**
     * Validates and builds. Every fork from phase0 to fulu is required; gloas is unscheduled
     * unless set.
     *
     * @return the spec
     * @throws InvalidChainSpecException naming the first missing or wrong value
     */
    public ChainSpec build() {
      if (genesisTime == null) {
        throw new InvalidChainSpecException("parsigex.chain.genesis-time is required for chain "
            + name);
      }
      if (forks[Fork.GLOAS.ordinal()] == null) {
        forks[Fork.GLOAS.ordinal()] = new ScheduledFork(Fork.GLOAS,
            new byte[ScheduledFork.VERSION_LENGTH], ScheduledFork.UNSCHEDULED);
      }
      for (Fork f : Fork.values()) {
        if (forks[f.ordinal()] == null) {
          throw new InvalidChainSpecException("parsigex.chain.forks." + f.label()
              + " (version and epoch) is required for chain " + name);
        }
      }
      return new ChainSpec(name, genesisTime, genesisValidatorsRoot,
          new ForkSchedule(java.util.List.of(forks)), secondsPerSlot, slotsPerEpoch);
    }
  }
}
