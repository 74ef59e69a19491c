package io.parsigex.core.receive;

import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import io.parsigex.core.extensions.ExtensionFailedException;
import io.parsigex.core.extensions.ExtensionPointKind;
import io.parsigex.core.extensions.ExtensionRejection;
import io.parsigex.core.extensions.RejectionKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Every verifier must accept every entry. A verifier that throws, answers {@code null}, or returns a
 * list of the wrong size has failed, which is this node's fault, not the peer's: that throws
 * {@link ExtensionFailedException} (plugin id {@link AllGaters#PLUGIN_ID}), so the whole set is
 * refused as {@code plugin_failed}, never as {@code invalid_signature} and never accepted. Immutable.
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
      } catch (ExtensionFailedException e) {
        throw e;
      } catch (RuntimeException e) {
        throw failure(v, RejectionKind.FAILED, e.toString());
      }
      if (results == null || results.size() != requests.size() || results.contains(null)) {
        throw failure(v, RejectionKind.INVALID_RESULT, "returned "
            + (results == null ? "nothing" : results.size() + " results for " + requests.size()
            + " entries"));
      }
      for (int i = 0; i < results.size(); i++) {
        if (combined.get(i).valid() && !results.get(i).valid()) {
          combined.set(i, results.get(i));
        }
      }
    }
    return combined;
  }

  private static ExtensionFailedException failure(PartialSignatureVerifier v, RejectionKind kind,
      String why) {
    return new ExtensionFailedException(new ExtensionRejection(AllGaters.PLUGIN_ID,
        v.getClass().getName(), ExtensionPointKind.VERIFIER, kind, why, -1));
  }
}
