package io.parsigex.core.extensions;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.GateDecision;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Every call the pipeline makes into plugin extensions goes through here. Each call runs on the given
 * bounded executor (never on the caller's thread, so never on a network event loop), is bounded by a
 * timeout, and turns whatever goes wrong (a refusal, a timeout, an exception, a {@code null} or a
 * result list of the wrong size, a full worker pool) into a typed {@link ExtensionRejection}; nothing
 * a plugin does escapes as an exception. Calls, failures and latency are counted per plugin.
 *
 * <p>Immutable after construction and thread-safe. No Spring.
 */
public final class GuardedExtensions {

  /** Default bound on one extension call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final List<NamedExtension<DutyGater>> gaters;
  private final List<NamedExtension<PartialSignatureVerifier>> verifiers;
  private final Map<DutyType, NamedExtension<SignedDataCodec>> codecByType;
  private final Executor executor;
  private final Duration timeout;
  private final ExtensionMetrics metrics;

  /**
   * Creates the guard.
   *
   * @param gaters the gater extensions, all of which must allow a duty
   * @param verifiers the verifier extensions, all of which must accept every entry
   * @param codecs the codec extensions (the highest priority one for a duty type is used)
   * @param executor a bounded executor for extension calls
   * @param timeout the bound on each call
   * @param registry where the per-plugin metrics go
   */
  public GuardedExtensions(List<NamedExtension<DutyGater>> gaters,
      List<NamedExtension<PartialSignatureVerifier>> verifiers,
      List<NamedExtension<SignedDataCodec>> codecs, Executor executor, Duration timeout,
      MeterRegistry registry) {
    this.gaters = List.copyOf(gaters);
    this.verifiers = List.copyOf(verifiers);
    this.codecByType = route(codecs);
    this.executor = Objects.requireNonNull(executor, "executor");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the extension call timeout must be positive, got "
          + timeout);
    }
    this.metrics = new ExtensionMetrics(registry);
  }

  /**
   * Whether any verifier is present.
   *
   * @return false when signatures would go unverified
   */
  public boolean hasVerifiers() {
    return !verifiers.isEmpty();
  }

  /**
   * The verifier extensions.
   *
   * @return an immutable list
   */
  public List<NamedExtension<PartialSignatureVerifier>> verifiers() {
    return verifiers;
  }

  /**
   * The gater extensions.
   *
   * @return an immutable list
   */
  public List<NamedExtension<DutyGater>> gaters() {
    return gaters;
  }

  /**
   * Asks every gater, in order, until one refuses.
   *
   * @param duty the received duty
   * @return empty when every gater allows; otherwise the first rejection. Never completes
   *     exceptionally.
   */
  public CompletableFuture<Optional<ExtensionRejection>> gate(Duty duty) {
    Objects.requireNonNull(duty, "duty");
    CompletableFuture<Optional<ExtensionRejection>> chain =
        CompletableFuture.completedFuture(Optional.empty());
    for (NamedExtension<DutyGater> g : gaters) {
      chain = chain.thenCompose(previous -> previous.isPresent()
          ? CompletableFuture.completedFuture(previous)
          : call(g, ExtensionPointKind.GATER, ext -> ext.gate(duty))
              .thenApply(r -> {
                if (r instanceof Guarded.Ok<GateDecision> ok) {
                  return ok.value().allowed()
                      ? Optional.<ExtensionRejection>empty()
                      : Optional.of(refusal(g, ExtensionPointKind.GATER, ok.value().reason(), -1));
                }
                return Optional.of(((Guarded.Rejected<GateDecision>) r).rejection());
              }));
    }
    return chain;
  }

  /**
   * Runs every verifier over a whole set (each verifier's {@code verifyAll}, in parallel).
   *
   * @param requests the entries of one set
   * @return empty when every verifier accepts every entry (and so also when there is no verifier:
   *     the host refuses to start without one unless verification is disabled); otherwise the
   *     first rejection (by verifier order, then entry order). Never completes exceptionally.
   */
  public CompletableFuture<Optional<ExtensionRejection>> verify(List<VerificationRequest> requests) {
    List<VerificationRequest> set = List.copyOf(requests);
    List<CompletableFuture<Optional<ExtensionRejection>>> each = new ArrayList<>();
    for (NamedExtension<PartialSignatureVerifier> v : verifiers) {
      each.add(call(v, ExtensionPointKind.VERIFIER, ext -> ext.verifyAll(set))
          .thenApply(r -> r instanceof Guarded.Ok<List<VerificationResult>> ok
              ? firstRefusal(v, set, ok.value())
              : Optional.of(((Guarded.Rejected<List<VerificationResult>>) r).rejection())));
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> each.stream().map(CompletableFuture::join)
            .flatMap(Optional::stream).findFirst());
  }

  /**
   * The plugin codec that handles a duty type: the one with the highest priority.
   *
   * @param type the duty type
   * @return the codec, or empty when no plugin handles the type
   */
  public Optional<NamedExtension<SignedDataCodec>> codecFor(DutyType type) {
    return Optional.ofNullable(codecByType.get(type));
  }

  /**
   * The duty types plugin codecs handle, each with the winning codec. Computed once, at
   * construction, so that routing never calls into a plugin.
   *
   * @return an immutable map
   */
  public Map<DutyType, NamedExtension<SignedDataCodec>> codecRouting() {
    return codecByType;
  }

  private static Map<DutyType, NamedExtension<SignedDataCodec>> route(
      List<NamedExtension<SignedDataCodec>> codecs) {
    EnumMap<DutyType, NamedExtension<SignedDataCodec>> best = new EnumMap<>(DutyType.class);
    EnumMap<DutyType, Integer> bestPriority = new EnumMap<>(DutyType.class);
    for (NamedExtension<SignedDataCodec> c : codecs) {
      int priority = priority(c.extension());
      for (DutyType t : DutyType.values()) {
        if (handles(c.extension(), t)
            && (!best.containsKey(t) || priority > bestPriority.get(t))) {
          best.put(t, c);
          bestPriority.put(t, priority);
        }
      }
    }
    return Collections.unmodifiableMap(best);
  }

  /**
   * Decodes a payload with a plugin codec.
   *
   * @param codec from {@link #codecFor(DutyType)}
   * @param type the duty type
   * @param bytes the payload
   * @return the decoded payload or a rejection ({@link RejectionKind#REFUSED} carries the codec's
   *     own {@link CodecException} message)
   */
  public CompletableFuture<Guarded<DecodedPayload>> decode(NamedExtension<SignedDataCodec> codec,
      DutyType type, byte[] bytes) {
    byte[] copy = bytes.clone();
    return call(codec, ExtensionPointKind.CODEC, ext -> ext.decode(type, copy));
  }

  /**
   * Encodes a value with a plugin codec.
   *
   * @param codec the codec
   * @param type the duty type
   * @param data the value
   * @return the payload or a rejection
   */
  public CompletableFuture<Guarded<EncodedPayload>> encode(NamedExtension<SignedDataCodec> codec,
      DutyType type, SignedData data) {
    return call(codec, ExtensionPointKind.CODEC, ext -> ext.encode(type, data));
  }

  /**
   * Parses a value from JSON with a plugin codec.
   *
   * @param codec the codec
   * @param type the duty type
   * @param json the JSON
   * @return the value or a rejection
   */
  public CompletableFuture<Guarded<SignedData>> fromJson(NamedExtension<SignedDataCodec> codec,
      DutyType type, String json) {
    return call(codec, ExtensionPointKind.CODEC, ext -> ext.fromJson(type, json));
  }

  /**
   * Reads something from a value a plugin codec produced: its {@link SignedData} methods are plugin
   * code, so they run guarded like a codec call (bounded worker, timeout, failures counted against
   * the codec's plugin).
   *
   * @param codec the codec that produced the value
   * @param read what to compute from the value
   * @param <R> the result type
   * @return the result, or a rejection ({@link RejectionKind#INVALID_RESULT} for null)
   */
  public <R> CompletableFuture<Guarded<R>> read(NamedExtension<SignedDataCodec> codec,
      Supplier<R> read) {
    Objects.requireNonNull(read, "read");
    return call(codec, ExtensionPointKind.CODEC, ext -> read.get());
  }

  /** A plugin call that may throw a {@link CodecException}. */
  @FunctionalInterface
  private interface PluginCall<E, R> {
    R apply(E extension) throws CodecException;
  }

  private <E, R> CompletableFuture<Guarded<R>> call(NamedExtension<E> ext,
      ExtensionPointKind point, PluginCall<E, R> body) {
    metrics.called(ext.pluginId(), point);
    CompletableFuture<Guarded<R>> future;
    try {
      future = CompletableFuture.supplyAsync(() -> {
        long start = System.nanoTime();
        try {
          R result = body.apply(ext.extension());
          if (result == null) {
            return rejected(ext, point, RejectionKind.INVALID_RESULT, "answered null");
          }
          return new Guarded.Ok<>(result);
        } catch (CodecException e) {
          return new Guarded.Rejected<R>(refusal(ext, point, e.getMessage(), -1));
        } catch (RuntimeException | Error e) {
          if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
            throw vme;
          }
          return rejected(ext, point, RejectionKind.FAILED, describe(e));
        } finally {
          metrics.latency(ext.pluginId(), point, System.nanoTime() - start);
        }
      }, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(rejected(ext, point, RejectionKind.OVERLOADED,
          "the plugin worker pool is full"));
    }
    return future.orTimeout(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)
        .exceptionally(t -> {
          Throwable cause = t instanceof CompletionException && t.getCause() != null
              ? t.getCause() : t;
          if (cause instanceof TimeoutException) {
            return rejected(ext, point, RejectionKind.TIMEOUT,
                "no answer within " + timeout.toMillis() + " ms");
          }
          if (cause instanceof RejectedExecutionException) {
            return rejected(ext, point, RejectionKind.OVERLOADED, "the plugin worker pool is full");
          }
          return rejected(ext, point, RejectionKind.FAILED, describe(cause));
        });
  }

  private <R> Guarded<R> rejected(NamedExtension<?> ext, ExtensionPointKind point,
      RejectionKind kind, String reason) {
    metrics.failed(ext.pluginId(), point, kind);
    return new Guarded.Rejected<>(new ExtensionRejection(ext.pluginId(), ext.className(), point,
        kind, reason, -1));
  }

  private Optional<ExtensionRejection> firstRefusal(NamedExtension<PartialSignatureVerifier> v,
      List<VerificationRequest> set, List<VerificationResult> results) {
    if (results.size() != set.size()) {
      return Optional.of(invalid(v, "answered " + results.size() + " results for "
          + set.size() + " entries"));
    }
    for (int i = 0; i < results.size(); i++) {
      VerificationResult r = results.get(i);
      if (r == null) {
        return Optional.of(invalid(v, "answered null for entry " + i));
      }
      if (!r.valid()) {
        return Optional.of(refusal(v, ExtensionPointKind.VERIFIER, r.reason(), i));
      }
    }
    return Optional.empty();
  }

  private ExtensionRejection invalid(NamedExtension<?> ext, String reason) {
    metrics.failed(ext.pluginId(), ExtensionPointKind.VERIFIER, RejectionKind.INVALID_RESULT);
    return new ExtensionRejection(ext.pluginId(), ext.className(), ExtensionPointKind.VERIFIER,
        RejectionKind.INVALID_RESULT, reason, -1);
  }

  private static ExtensionRejection refusal(NamedExtension<?> ext, ExtensionPointKind point,
      String reason, int entry) {
    return new ExtensionRejection(ext.pluginId(), ext.className(), point, RejectionKind.REFUSED,
        reason == null || reason.isBlank() ? "no reason given" : reason, entry);
  }

  private static boolean handles(SignedDataCodec codec, DutyType type) {
    try {
      var types = codec.dutyTypes();
      return types != null && types.contains(type);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int priority(SignedDataCodec codec) {
    try {
      return codec.priority();
    } catch (RuntimeException e) {
      return Integer.MIN_VALUE;
    }
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return t.getClass().getName() + (msg == null ? "" : ": " + msg);
  }
}
