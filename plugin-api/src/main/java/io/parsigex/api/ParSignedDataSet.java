package io.parsigex.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The partial signatures of one duty: one entry per validator public key. Immutable and never empty;
 * iteration is in public-key order.
 *
 * @param entries the partial signature per validator
 */
public record ParSignedDataSet(Map<PubKey, ParSignedData> entries) {

  /**
   * Validates and copies.
   *
   * @param entries the partial signature per validator
   * @throws IllegalArgumentException if the set is empty
   */
  public ParSignedDataSet {
    Objects.requireNonNull(entries, "entries");
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a partial signed data set has at least one entry");
    }
    TreeMap<PubKey, ParSignedData> copy = new TreeMap<>();
    entries.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "pubkey"), Objects.requireNonNull(v, "data")));
    entries = Collections.unmodifiableMap(copy);
  }

  /**
   * A set of one entry.
   *
   * @param pubKey the validator
   * @param data its partial signature
   * @return the set
   */
  public static ParSignedDataSet of(PubKey pubKey, ParSignedData data) {
    return new ParSignedDataSet(Map.of(pubKey, data));
  }

  /**
   * Number of entries.
   *
   * @return at least 1
   */
  public int size() {
    return entries.size();
  }
}
