package io.parsigex.core.extensions;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyGater;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.GateDecision;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Presents {@link GuardedExtensions} to the receive pipeline as the plain extension-point
 * interfaces: one gater that asks every plugin gater, one verifier that asks every plugin verifier,
 * and each plugin codec wrapped so its calls are guarded too. The pipeline calls these on its own
 * bounded workers; each guarded call is bounded by the plugin call timeout.
 */
public final class PipelineExtensions {

  private PipelineExtensions() {}

  /**
   * Every plugin gater, guarded; the first refusal wins.
   *
   * @param guarded the guarded extensions
   * @return a gater
   */
  public static DutyGater gater(GuardedExtensions guarded) {
    return duty -> guarded.gate(duty).join()
        .map(r -> GateDecision.deny(r.message()))
        .orElse(GateDecision.allow());
  }

  /**
   * Every plugin verifier, guarded; a refusal names the plugin and the entry.
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
   * A plugin codec whose every call is guarded (timeout, exceptions, nonsense results).
   *
   * @param guarded the guarded extensions
   * @param codec the plugin's codec
   * @return a codec with the same duty types and priority
   */
  public static SignedDataCodec codec(GuardedExtensions guarded,
      NamedExtension<SignedDataCodec> codec) {
    Set<DutyType> types = Set.copyOf(codec.extension().dutyTypes());
    int priority = codec.extension().priority();
    return new SignedDataCodec() {
      @Override
      public Set<DutyType> dutyTypes() {
        return types;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException {
        return unwrap(guarded.decode(codec, dutyType, bytes));
      }

      @Override
      public EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException {
        return unwrap(guarded.encode(codec, dutyType, data));
      }

      @Override
      public SignedData fromJson(DutyType dutyType, String json) throws CodecException {
        return unwrap(guarded.fromJson(codec, dutyType, json));
      }

      @Override
      public String toString() {
        return "plugin codec " + codec.pluginId() + " (" + codec.className() + ")";
      }
    };
  }

  private static <T> T unwrap(CompletableFuture<Guarded<T>> call) throws CodecException {
    Guarded<T> g = call.join();
    if (g instanceof Guarded.Ok<T> ok) {
      return ok.value();
    }
    throw new CodecException(((Guarded.Rejected<T>) g).rejection().message());
  }
}
