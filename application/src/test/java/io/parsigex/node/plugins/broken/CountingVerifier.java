package io.parsigex.node.plugins.broken;

import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A verifier plugin that measures its own concurrency: each call holds for {@link #HOLD_MILLIS} and
 * records how many calls were running at once. The tests read {@link #maxConcurrent()} by reflection
 * (the plugin lives in its own class loader). Packed into a plugin zip by the tests.
 */
public class CountingVerifier implements PartialSignatureVerifier {

  /** How long each call holds its worker. */
  public static final long HOLD_MILLIS = 1_000;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger max = new AtomicInteger();

  @Override
  public VerificationResult verify(VerificationRequest request) {
    int now = inFlight.incrementAndGet();
    max.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(HOLD_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
    return VerificationResult.ok();
  }

  /**
   * The most calls seen running at once.
   *
   * @return the count
   */
  public int maxConcurrent() {
    return max.get();
  }
}
