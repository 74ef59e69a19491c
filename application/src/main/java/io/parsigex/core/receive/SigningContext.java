package io.parsigex.core.receive;

import io.parsigex.api.Eth2Signing;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the pipeline needs from the chain to turn decoded data into signing roots.
 *
 * @param slotsPerEpoch the chain's {@code SLOTS_PER_EPOCH}
 * @param signingRoot computes {@code compute_signing_root} for a message root, domain and epoch
 */
public record SigningContext(long slotsPerEpoch, Function<Eth2Signing, byte[]> signingRoot) {
  /** Validates. */
  public SigningContext {
    if (slotsPerEpoch <= 0) {
      throw new IllegalArgumentException("slots per epoch must be positive, got " + slotsPerEpoch);
    }
    Objects.requireNonNull(signingRoot, "signingRoot");
  }
}
