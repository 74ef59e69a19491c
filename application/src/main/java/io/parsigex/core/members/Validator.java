package io.parsigex.core.members;

import io.parsigex.api.PubKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A distributed validator: its group public key and one public share per member. Immutable.
 *
 * @param publicKey the group key
 * @param publicShares public shares in share-index order (first = share index 1)
 */
public record Validator(PubKey publicKey, List<PubKey> publicShares) {

  /** Validates and copies. */
  public Validator {
    Objects.requireNonNull(publicKey, "publicKey");
    publicShares = List.copyOf(publicShares);
    if (publicShares.isEmpty()) {
      throw new IllegalArgumentException("validator " + publicKey + " has no public shares");
    }
  }

  /**
   * The public share of a share index.
   *
   * @param shareIndex 1-based
   * @return the share, or empty when out of range
   */
  public Optional<PubKey> publicShare(int shareIndex) {
    if (shareIndex < 1 || shareIndex > publicShares.size()) {
      return Optional.empty();
    }
    return Optional.of(publicShares.get(shareIndex - 1));
  }
}
