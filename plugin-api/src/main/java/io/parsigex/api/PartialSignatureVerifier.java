package io.parsigex.api;

import java.util.ArrayList;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Verifies received partial signatures. Every verifier loaded must accept every entry of a set for
 * the set to be published; a node with no verifier refuses to start unless verification is
 * explicitly disabled.
 *
 * <p>Verifiers run on a bounded worker pool, never on a network thread, and each call is guarded by
 * a timeout. An exception, a {@code null} or a result list of the wrong size is a refusal.
 */
public interface PartialSignatureVerifier extends ExtensionPoint {

  /**
   * Verifies one partial signature.
   *
   * @param request the signature and its context
   * @return {@link VerificationResult#ok()} or a refusal with its reason
   */
  VerificationResult verify(VerificationRequest request);

  /**
   * Verifies a whole set at once. Override to batch (for example one randomised multi-pairing);
   * the default calls {@link #verify(VerificationRequest)} for each entry.
   *
   * @param requests the entries of one set, in set order
   * @return one result per request, in the same order
   */
  default List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
    List<VerificationResult> results = new ArrayList<>(requests.size());
    for (VerificationRequest request : requests) {
      results.add(verify(request));
    }
    return results;
  }
}
