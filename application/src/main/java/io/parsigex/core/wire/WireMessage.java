package io.parsigex.core.wire;

import io.parsigex.api.Duty;
import io.parsigex.api.PubKey;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A parsigex message as it is on the wire: the duty and one undecoded entry per validator. Immutable
 * and never empty; entries iterate in public-key order.
 *
 * @param duty the duty
 * @param entries the entries by validator public key
 */
public record WireMessage(Duty duty, Map<PubKey, WireEntry> entries) {

  /** Validates and copies. */
  public WireMessage {
    Objects.requireNonNull(duty, "duty");
    Objects.requireNonNull(entries, "entries");
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a parsigex message has at least one entry");
    }
    entries = Collections.unmodifiableMap(new TreeMap<>(entries));
  }
}
