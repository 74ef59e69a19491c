package io.parsigex.api;

import java.util.Objects;

/**
 * A duty: a beacon slot and a {@link DutyType}. Immutable.
 *
 * @param slot the beacon slot, an unsigned 64-bit value held in a {@code long} (use
 *     {@link Long#toUnsignedString(long)} to print it)
 * @param type the duty type; never null
 */
public record Duty(long slot, DutyType type) {

  /**
   * Creates a duty.
   *
   * @param slot the beacon slot, an unsigned 64-bit value held in a {@code long} (use
   *     {@link Long#toUnsignedString(long)} to print it)
   * @param type the duty type; never null
   * @throws NullPointerException if {@code type} is null
   */
  public Duty {
    Objects.requireNonNull(type, "type");
  }

  /**
   * The slot as an unsigned decimal string, the beacon-API convention.
   *
   * @return for example {@code "123"}
   */
  public String slotString() {
    return Long.toUnsignedString(slot);
  }

  @Override
  public String toString() {
    return type.charonName() + "/" + slotString();
  }
}
