package io.parsigex.core.extensions;

import io.parsigex.api.GateDecision;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Presents {@link GuardedExtensions} to the receive pipeline as the plain extension-point
 * interfaces: one gater that asks every plugin gater, one verifier that asks every plugin verifier,
 * and each plugin codec wrapped so its calls are guarded too. The pipeline calls these on its own
 * bounded workers; each guarded call is bounded by the plugin call timeout.
 *
 * <p>Nothing is flattened: a plugin's refusal is a denied decision or an invalid result (the
 * peer's fault), while a plugin that did not answer (timed out, threw, answered nonsense, out of
 * service, no free worker) throws {@link ExtensionFailedException} (gater, verifier) or
 * {@link ExtensionCallException} (codec) carrying the typed {@link ExtensionRejection}, so the
 * pipeline reports the node's fault with the right kind.
 */
public final class PipelineExtensions {

  private PipelineExtensions() {}

  /**
   * Every plugin gater, guarded; the first refusal wins.
   *
   * <p>A gater that does not answer throws {@link ExtensionFailedException}. Each call is
   * accounted to the plugin's breaker for the peer that sent the duty.
   *
   * @param guarded the guarded extensions
   * @return a gater
   */
  public static SenderAwareGater gater(GuardedExtensions guarded) {
    return (duty, sender) -> guarded.gate(duty, sender).join()
        .map(r -> {
          if (r.kind() != RejectionKind.REFUSED) {
            throw new ExtensionFailedException(r);
          }
          return GateDecision.deny(r.message());
        })
        .orElse(GateDecision.allow());
  }

  /**
   * Every plugin verifier, guarded; a refusal names the plugin and the entry.
   *
   * <p>A verifier that does not answer throws {@link ExtensionFailedException}: the set is then
   * refused, never accepted unverified.
   *
   * @param guarded the guarded extensions
   * @return a verifier
   */
  public static PartialSignatureVerifier verifier(GuardedExtensions guarded) {
    return new PartialSignatureVerifier() {
      @Override
      public VerificationResult verify(VerificationRequest request) {
        return verifyAll(List.of(request)).get(0);
      }

      @Override
      public List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
        Optional<ExtensionRejection> refusal = guarded.verify(requests).join();
        if (refusal.isPresent() && refusal.get().kind() != RejectionKind.REFUSED) {
          throw new ExtensionFailedException(refusal.get());
        }
        List<VerificationResult> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
          int idx = i;
          out.add(refusal.filter(r -> r.entry() < 0 || r.entry() == idx)
              .map(r -> VerificationResult.invalid(r.message()))
              .orElse(VerificationResult.ok()));
        }
        return out;
      }
    };
  }

  /**
   * A plugin codec whose every call is guarded (timeout, exceptions, nonsense results); a call
   * that produces no value throws {@link ExtensionCallException}.
   *
   * @param guarded the guarded extensions
   * @param codec the plugin's codec
   * @return a codec with the same duty types and priority
   */
  public static GuardedCodec codec(GuardedExtensions guarded,
      NamedExtension<SignedDataCodec> codec) {
    return new GuardedCodec(guarded, codec);
  }
}
