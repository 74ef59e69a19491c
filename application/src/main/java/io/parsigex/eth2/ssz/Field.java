package io.parsigex.eth2.ssz;

import java.util.Objects;

/**
 * One field of a container declaration.
 *
 * @param name the beacon-API (snake_case) name, used in JSON and in error paths
 * @param type the field's SSZ type
 */
public record Field(String name, SszType type) {
  /** Validates. */
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a field needs a name");
    }
  }
}
