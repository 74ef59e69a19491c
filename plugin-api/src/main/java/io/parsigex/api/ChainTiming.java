package io.parsigex.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The chain's clock parameters a plugin needs (genesis time, slot duration, slots per epoch), with
 * the slot and epoch arithmetic Charon uses. Immutable.
 *
 * @param genesisTime the chain's genesis
 * @param slotDuration {@code SECONDS_PER_SLOT}
 * @param slotsPerEpoch {@code SLOTS_PER_EPOCH}
 */
public record ChainTiming(Instant genesisTime, Duration slotDuration, long slotsPerEpoch) {

  /**
   * Validates.
   *
   * @param genesisTime the chain's genesis
   * @param slotDuration {@code SECONDS_PER_SLOT}
   * @param slotsPerEpoch {@code SLOTS_PER_EPOCH}
   * @throws IllegalArgumentException for a non-positive slot duration or epoch length
   */
  public ChainTiming {
    Objects.requireNonNull(genesisTime, "genesisTime");
    Objects.requireNonNull(slotDuration, "slotDuration");
    if (slotDuration.isNegative() || slotDuration.isZero()) {
      throw new IllegalArgumentException("a slot lasts more than zero, got " + slotDuration);
    }
    if (slotsPerEpoch < 1) {
      throw new IllegalArgumentException("an epoch has at least one slot, got " + slotsPerEpoch);
    }
  }

  /**
   * The slot at an instant: {@code (now - genesis) / slotDuration}; 0 before genesis.
   *
   * @param now the instant
   * @return the slot
   */
  public long slotAt(Instant now) {
    Duration elapsed = Duration.between(genesisTime, now);
    if (elapsed.isNegative()) {
      return 0;
    }
    return elapsed.dividedBy(slotDuration);
  }

  /**
   * The epoch at an instant.
   *
   * @param now the instant
   * @return {@code slotAt(now) / slotsPerEpoch}
   */
  public long epochAt(Instant now) {
    return slotAt(now) / slotsPerEpoch;
  }

  /**
   * The epoch a slot belongs to.
   *
   * @param slot an unsigned slot
   * @return {@code slot / slotsPerEpoch}, unsigned
   */
  public long epochOfSlot(long slot) {
    return Long.divideUnsigned(slot, slotsPerEpoch);
  }
}
