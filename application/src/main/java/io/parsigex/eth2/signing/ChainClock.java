package io.parsigex.eth2.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The chain's wall clock: current slot and epoch from the genesis time. Before genesis the current
 * slot is 0. Immutable.
 *
 * @param spec the chain
 * @param clock the time source
 */
public record ChainClock(ChainSpec spec, Clock clock) {

  /** Validates. */
  public ChainClock {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * The slot at an instant: {@code (now - genesis) / SECONDS_PER_SLOT}.
   *
   * @param now the instant
   * @return the slot, 0 before genesis
   */
  public long slotAt(Instant now) {
    long elapsed = now.getEpochSecond() - spec.genesisTime();
    return elapsed <= 0 ? 0 : elapsed / spec.secondsPerSlot();
  }

  /**
   * The current slot.
   *
   * @return the slot now
   */
  public long currentSlot() {
    return slotAt(clock.instant());
  }

  /**
   * The current epoch.
   *
   * @return the epoch now
   */
  public long currentEpoch() {
    return epochOfSlot(currentSlot());
  }

  /**
   * The epoch a slot belongs to.
   *
   * @param slot the slot (unsigned)
   * @return {@code slot / SLOTS_PER_EPOCH}
   */
  public long epochOfSlot(long slot) {
    return Long.divideUnsigned(slot, spec.slotsPerEpoch());
  }

  /**
   * When a slot starts.
   *
   * @param slot the slot (must not overflow the time line)
   * @return genesis plus {@code slot * SECONDS_PER_SLOT}
   * @throws ArithmeticException if the slot lies beyond what an instant can hold
   */
  public Instant slotStart(long slot) {
    if (slot < 0) {
      throw new ArithmeticException("slot " + Long.toUnsignedString(slot) + " is beyond the time line");
    }
    return spec.genesisInstant().plusSeconds(Math.multiplyExact(slot, spec.secondsPerSlot()));
  }
}
