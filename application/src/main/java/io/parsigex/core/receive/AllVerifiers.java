package io.parsigex.core.receive;

import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Every verifier must accept every entry. A verifier that throws, answers {@code null}, or returns a
 * list of the wrong size refuses the whole set, with a reason that names it. Immutable.
 */
public final class AllVerifiers implements PartialSignatureVerifier {

  private final List<PartialSignatureVerifier> verifiers;

  /**
   * Composes verifiers.
   *
   * @param verifiers the verifiers, asked in order
   */
  public AllVerifiers(List<? extends PartialSignatureVerifier> verifiers) {
    this.verifiers = List.copyOf(verifiers);
  }

  /**
   * Whether no verifier is configured.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return verifiers.isEmpty();
  }

  @Override
  public VerificationResult verify(VerificationRequest request) {
    return verifyAll(List.of(request)).get(0);
  }

  @Override
  public List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
    List<VerificationResult> combined = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      combined.add(VerificationResult.ok());
    }
    for (PartialSignatureVerifier v : verifiers) {
      List<VerificationResult> results;
      try {
        results = v.verifyAll(requests);
      } catch (RuntimeException e) {
        return allInvalid(requests.size(), "verifier " + v.getClass().getName() + " failed: " + e);
      }
      if (results == null || results.size() != requests.size() || results.contains(null)) {
        return allInvalid(requests.size(), "verifier " + v.getClass().getName()
            + " returned " + (results == null ? "nothing" : results.size() + " results for "
            + requests.size() + " entries"));
      }
      for (int i = 0; i < results.size(); i++) {
        if (combined.get(i).valid() && !results.get(i).valid()) {
          combined.set(i, results.get(i));
        }
      }
    }
    return combined;
  }

  private static List<VerificationResult> allInvalid(int n, String reason) {
    List<VerificationResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(VerificationResult.invalid(reason));
    }
    return out;
  }
}
