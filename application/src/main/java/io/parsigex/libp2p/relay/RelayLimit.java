package io.parsigex.libp2p.relay;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits a relay puts on each relayed connection: after {@code duration} or {@code dataBytes}
 * (in each direction) the relay closes it. Empty means unlimited.
 *
 * @param duration how long a relayed connection may last
 * @param dataBytes how many bytes it may carry per direction
 */
public record RelayLimit(Optional<Duration> duration, Optional<Long> dataBytes) {

  /** No limit. */
  public static final RelayLimit NONE = new RelayLimit(Optional.empty(), Optional.empty());

  /**
   * Checks the fields.
   *
   * @param duration duration
   * @param dataBytes data
   */
  public RelayLimit {
    java.util.Objects.requireNonNull(duration, "duration");
    java.util.Objects.requireNonNull(dataBytes, "dataBytes");
    if (dataBytes.filter(d -> d < 0).isPresent()) {
      throw new IllegalArgumentException("dataBytes must not be negative");
    }
  }
}
