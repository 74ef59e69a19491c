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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call the pipeline makes into plugin extensions goes through here. Each extension point
 * (gater, verifier, codec) has its own bounded {@link ExtensionWorkers} pool, sized by its own
 * setting, so a slow gater never takes verification's threads and verification runs as many calls
 * at once as it has workers. Each call is bounded by the call timeout; a call past it is abandoned
 * and its worker thread replaced, so hung calls cannot stop processing. Whatever goes wrong (a
 * refusal, a timeout, an exception, a {@code null} or a result list of the wrong size, a full
 * worker
 * pool, a plugin out of service) becomes a typed {@link ExtensionRejection}; nothing a plugin does
 * escapes as an exception.
 *
 * <p>Each plugin at each point has a {@link CircuitBreaker}: after
 * {@link Limits#failureThreshold()} timeouts, exceptions or nonsense answers in a row it is taken
 * out of service (a WARN line, {@code parsigex_plugin_state{plugin,point}} = 2, one more
 * {@code parsigex_plugin_breaker_transitions_total{plugin,point,to}}); calls to it are then refused
 * as {@link RejectionKind#OUT_OF_SERVICE} without calling it. After {@link Limits#coolDown()} one
 * call is let through as a probe; if the plugin answers it is back in service. Every call that
 * handles a received set (a gate, a decode, a read of a decoded value, a verification) is
 * accounted to a breaker of the plugin for that set's sending peer: a peer whose input makes a
 * gater, codec or verifier hang or throw takes it out of service for that peer's sets only (they
 * are refused as the node's fault, never accepted unverified), while the other members' sets
 * still pass through it. Without this, one member could deny every honest member's sets by
 * sending input that hangs a plugin. Calls for no peer (encoding for a broadcast, REST) use the
 * point-wide breaker.
 *
 * <p>Calls, failures and latency are counted per plugin. Thread-safe; {@link #close()} stops the
 * workers. No Spring.
 */
public final class GuardedExtensions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GuardedExtensions.class);

  /** Default bound on one extension call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * How extension calls are run and bounded.
   *
   * @param timeout the bound on each call, queue wait included
   * @param gaterWorkers gater calls that run at once
   * @param verifierWorkers verifier calls that run at once (the node's verification concurrency)
   * @param codecWorkers codec calls (and reads of plugin values) that run at once
   * @param queue calls that may wait for a worker, per point; more are refused as overloaded
   * @param failureThreshold failed calls in a row that take a plugin out of service
   * @param coolDown how long a plugin stays out of service before a probe call
   * @param maxAbandonedThreads hung (abandoned) threads tolerated per point; beyond that a hung
   *     worker is not replaced and no probe is made
   */
  public record Limits(Duration timeout, int gaterWorkers, int verifierWorkers, int codecWorkers,
      int queue, int failureThreshold, Duration coolDown, int maxAbandonedThreads) {

    /** Default {@link #failureThreshold()}. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /** Default {@link #coolDown()}. */
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);
    /** Default {@link #maxAbandonedThreads()}. */
    public static final int DEFAULT_MAX_ABANDONED_THREADS = 64;
    /** Default workers of the gater and codec points. */
    public static final int DEFAULT_WORKERS = 2;
    /** Default {@link #queue()}. */
    public static final int DEFAULT_QUEUE = 1024;

    /** Validates. */
    public Limits {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(coolDown, "coolDown");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the extension call timeout must be positive, got "
            + timeout);
      }
      if (gaterWorkers < 1 || verifierWorkers < 1 || codecWorkers < 1 || queue < 1
          || failureThreshold < 1 || maxAbandonedThreads < 0 || coolDown.isNegative()) {
        throw new IllegalArgumentException("extension worker limits out of range: " + this);
      }
    }

    /**
     * The defaults with a given timeout: 2 workers per point, 1,024 queued calls, 5 failures in a
     * row, 30 s cool-down, 64 abandoned threads.
     *
     * @param timeout the call timeout
     * @return the limits
     */
    public static Limits of(Duration timeout) {
      return new Limits(timeout, DEFAULT_WORKERS, DEFAULT_WORKERS, DEFAULT_WORKERS, DEFAULT_QUEUE,
          DEFAULT_FAILURE_THRESHOLD, DEFAULT_COOL_DOWN, DEFAULT_MAX_ABANDONED_THREADS);
    }

    /**
     * A copy with other worker counts.
     *
     * @param gater gater workers
     * @param verifier verifier workers
     * @param codec codec workers
     * @return the limits
     */
    public Limits withWorkers(int gater, int verifier, int codec) {
      return new Limits(timeout, gater, verifier, codec, queue, failureThreshold, coolDown,
          maxAbandonedThreads);
    }

    /**
     * A copy with another breaker.
     *
     * @param threshold failures in a row
     * @param cool the cool-down
     * @return the limits
     */
    public Limits withBreaker(int threshold, Duration cool) {
      return new Limits(timeout, gaterWorkers, verifierWorkers, codecWorkers, queue, threshold,
          cool, maxAbandonedThreads);
    }
  }

  /**
   * One plugin's state at one extension point, for health.
   *
   * @param pluginId the plugin
   * @param point the extension point
   * @param state in service, probing or out of service
   * @param consecutiveFailures failed calls in a row
   * @param lastFailure the latest failure, empty if none
   * @param outOfServiceFor the sending peers whose sets it is not in service for (it hung or failed
   *     on their input); empty when the state holds for every sender
   */
  public record PluginStatus(String pluginId, ExtensionPointKind point, BreakerState state,
      int consecutiveFailures, String lastFailure, List<String> outOfServiceFor) {
    /** Copies. */
    public PluginStatus {
      outOfServiceFor = List.copyOf(outOfServiceFor);
    }
  }

  /**
   * Most per-sender breakers (over all plugins and points); the sets of any further sender share
   * the plugin's point-wide breaker. Senders are cluster members, so this is never reached in a
   * real cluster; it only bounds memory.
   */
  public static final int MAX_SENDER_BREAKERS = 1024;

  /**
   * One breaker: a plugin at a point, and the sending peer ({@code scope}; empty for the
   * point-wide breaker). A plugin is broken per sender so that a peer whose input makes it hang or
   * throw takes it out of service for its own sets only, never for the honest members'.
   */
  private record BreakerKey(String pluginId, ExtensionPointKind point, String scope) {
    BreakerKey(String pluginId, ExtensionPointKind point) {
      this(pluginId, point, "");
    }
  }

  private final List<NamedExtension<DutyGater>> gaters;
  private final List<NamedExtension<PartialSignatureVerifier>> verifiers;
  private final Map<DutyType, NamedExtension<SignedDataCodec>> codecByType;
  private final Limits limits;
  private final Duration timeout;
  private final ExtensionMetrics metrics;
  private final ScheduledThreadPoolExecutor deadlines;
  private final Map<ExtensionPointKind, ExtensionWorkers> workers;
  private final Map<BreakerKey, CircuitBreaker> breakers;
  private final java.util.function.LongSupplier nanoClock;

  /**
   * Creates the guard and starts its workers.
   *
   * @param gaters the gater extensions, all of which must allow a duty
   * @param verifiers the verifier extensions, all of which must accept every entry
   * @param codecs the codec extensions (the highest priority one for a duty type is used)
   * @param limits worker counts, timeout and breaker settings
   * @param registry where the per-plugin metrics go
   */
  public GuardedExtensions(List<NamedExtension<DutyGater>> gaters,
      List<NamedExtension<PartialSignatureVerifier>> verifiers,
      List<NamedExtension<SignedDataCodec>> codecs, Limits limits, MeterRegistry registry) {
    this(gaters, verifiers, codecs, limits, registry, System::nanoTime);
  }

  /**
   * Creates the guard with an explicit clock for the breakers' cool-down (tests).
   *
   * @param gaters the gaters
   * @param verifiers the verifiers
   * @param codecs the codecs
   * @param limits the limits
   * @param registry metrics
   * @param nanoClock monotonic nanoseconds
   */
  public GuardedExtensions(List<NamedExtension<DutyGater>> gaters,
      List<NamedExtension<PartialSignatureVerifier>> verifiers,
      List<NamedExtension<SignedDataCodec>> codecs, Limits limits, MeterRegistry registry,
      java.util.function.LongSupplier nanoClock) {
    this.gaters = List.copyOf(gaters);
    this.verifiers = List.copyOf(verifiers);
    this.codecByType = route(codecs);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.timeout = limits.timeout();
    this.metrics = new ExtensionMetrics(registry);
    this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "parsigex-plugin-deadlines");
      t.setDaemon(true);
      return t;
    });
    this.deadlines.setRemoveOnCancelPolicy(true);
    EnumMap<ExtensionPointKind, ExtensionWorkers> w = new EnumMap<>(ExtensionPointKind.class);
    w.put(ExtensionPointKind.GATER, new ExtensionWorkers(ExtensionPointKind.GATER,
        limits.gaterWorkers(), limits.queue(), limits.maxAbandonedThreads(), deadlines));
    w.put(ExtensionPointKind.VERIFIER, new ExtensionWorkers(ExtensionPointKind.VERIFIER,
        limits.verifierWorkers(), limits.queue(), limits.maxAbandonedThreads(), deadlines));
    w.put(ExtensionPointKind.CODEC, new ExtensionWorkers(ExtensionPointKind.CODEC,
        limits.codecWorkers(), limits.queue(), limits.maxAbandonedThreads(), deadlines));
    this.workers = Collections.unmodifiableMap(w);
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    Map<BreakerKey, CircuitBreaker> b = new java.util.concurrent.ConcurrentHashMap<>();
    this.gaters.forEach(g -> b.putIfAbsent(new BreakerKey(g.pluginId(), ExtensionPointKind.GATER),
        new CircuitBreaker(limits.failureThreshold(), limits.coolDown(), nanoClock)));
    this.verifiers.forEach(v -> b.putIfAbsent(
        new BreakerKey(v.pluginId(), ExtensionPointKind.VERIFIER),
        new CircuitBreaker(limits.failureThreshold(), limits.coolDown(), nanoClock)));
    codecs.forEach(c -> b.putIfAbsent(new BreakerKey(c.pluginId(), ExtensionPointKind.CODEC),
        new CircuitBreaker(limits.failureThreshold(), limits.coolDown(), nanoClock)));
    this.breakers = b;
    for (BreakerKey k : List.copyOf(b.keySet())) {
      metrics.stateGauge(k.pluginId(), k.point(), k,
          key -> worst(key.pluginId(), key.point()).gaugeValue());
    }
    this.workers.forEach(metrics::workerGauges);
  }

  /**
   * The limits in force.
   *
   * @return the limits
   */
  public Limits limits() {
    return limits;
  }

  /**
   * Every plugin's state at every point it serves, in registration order.
   *
   * @return an immutable list
   */
  public List<PluginStatus> pluginStates() {
    List<PluginStatus> out = new ArrayList<>();
    for (Map.Entry<BreakerKey, CircuitBreaker> e : pointWide()) {
      BreakerKey k = e.getKey();
      CircuitBreaker pointBreaker = e.getValue();
      BreakerState state = pointBreaker.state();
      int failures = pointBreaker.consecutiveFailures();
      String last = pointBreaker.lastFailure();
      List<String> senders = new ArrayList<>();
      for (Map.Entry<BreakerKey, CircuitBreaker> s : scoped(k)) {
        CircuitBreaker b = s.getValue();
        if (b.state() != BreakerState.IN_SERVICE) {
          senders.add(s.getKey().scope());
          if (b.state().gaugeValue() > state.gaugeValue()) {
            state = b.state();
          }
          failures = Math.max(failures, b.consecutiveFailures());
          last = b.lastFailure();
        }
      }
      java.util.Collections.sort(senders);
      out.add(new PluginStatus(k.pluginId(), k.point(), state, failures, last, senders));
    }
    return List.copyOf(out);
  }

  /**
   * Whether every verifier is in service. Every verifier must accept every entry, so one that is
   * not in service means no set can be verified (such sets are refused, never accepted
   * unverified). A verifier out of service for some senders' sets only (it hung on them) is still
   * in service for the others.
   *
   * @return false when there is no verifier, or one is probing or out of service for every sender
   *     it has seen
   */
  public boolean verifiersInService() {
    if (verifiers.isEmpty()) {
      return false;
    }
    for (NamedExtension<PartialSignatureVerifier> v : verifiers) {
      BreakerKey k = new BreakerKey(v.pluginId(), ExtensionPointKind.VERIFIER);
      if (breakers.get(k).state() != BreakerState.IN_SERVICE) {
        return false;
      }
      List<Map.Entry<BreakerKey, CircuitBreaker>> perSender = scoped(k);
      if (!perSender.isEmpty() && perSender.stream()
          .noneMatch(e -> e.getValue().state() == BreakerState.IN_SERVICE)) {
        return false;
      }
    }
    return true;
  }

  private List<Map.Entry<BreakerKey, CircuitBreaker>> pointWide() {
    List<Map.Entry<BreakerKey, CircuitBreaker>> out = new ArrayList<>();
    for (Map.Entry<BreakerKey, CircuitBreaker> e : breakers.entrySet()) {
      if (e.getKey().scope().isEmpty()) {
        out.add(e);
      }
    }
    out.sort(java.util.Comparator.comparing((Map.Entry<BreakerKey, CircuitBreaker> e)
        -> e.getKey().point()).thenComparing(e -> e.getKey().pluginId()));
    return out;
  }

  private List<Map.Entry<BreakerKey, CircuitBreaker>> scoped(BreakerKey pointKey) {
    List<Map.Entry<BreakerKey, CircuitBreaker>> out = new ArrayList<>();
    for (Map.Entry<BreakerKey, CircuitBreaker> e : breakers.entrySet()) {
      BreakerKey k = e.getKey();
      if (!k.scope().isEmpty() && k.pluginId().equals(pointKey.pluginId())
          && k.point() == pointKey.point()) {
        out.add(e);
      }
    }
    return out;
  }

  /** The worst state of a plugin at a point, over its point-wide and per-sender breakers. */
  private BreakerState worst(String pluginId, ExtensionPointKind point) {
    BreakerKey k = new BreakerKey(pluginId, point);
    BreakerState state = breakers.get(k).state();
    for (Map.Entry<BreakerKey, CircuitBreaker> e : scoped(k)) {
      if (e.getValue().state().gaugeValue() > state.gaugeValue()) {
        state = e.getValue().state();
      }
    }
    return state;
  }

  /**
   * The breaker a call is accounted to: the sending peer's own when the call handles a peer's
   * input (a gate, a decode, a read of a decoded value or a verification on receive), else the
   * point's.
   */
  private CircuitBreaker breakerFor(String pluginId, ExtensionPointKind point, String sender) {
    BreakerKey pointKey = new BreakerKey(pluginId, point);
    if (sender.isEmpty() || !breakers.containsKey(pointKey)) {
      return breakers.get(pointKey);
    }
    BreakerKey k = new BreakerKey(pluginId, point, sender);
    CircuitBreaker b = breakers.get(k);
    if (b != null) {
      return b;
    }
    if (breakers.size() >= MAX_SENDER_BREAKERS) {
      return breakers.get(pointKey);
    }
    return breakers.computeIfAbsent(k, key -> new CircuitBreaker(limits.failureThreshold(),
        limits.coolDown(), nanoClock));
  }

  /**
   * Threads of one point that run calls now (hung, abandoned threads excluded).
   *
   * @param point the extension point
   * @return the count
   */
  public int liveWorkers(ExtensionPointKind point) {
    return workers.get(point).liveWorkers();
  }

  /**
   * Abandoned threads of one point that have not returned yet.
   *
   * @param point the extension point
   * @return the count
   */
  public int abandonedThreads(ExtensionPointKind point) {
    return workers.get(point).abandonedThreads();
  }

  @Override
  public void close() {
    workers.values().forEach(ExtensionWorkers::close);
    deadlines.shutdownNow();
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
    return gate(duty, "");
  }

  /**
   * Asks every gater, in order, until one refuses, accounting each call to the plugin's breaker for
   * the peer that sent the duty.
   *
   * @param duty the received duty
   * @param sender the sending peer; empty for none (the point-wide breaker)
   * @return empty when every gater allows; otherwise the first rejection. Never completes
   *     exceptionally.
   */
  public CompletableFuture<Optional<ExtensionRejection>> gate(Duty duty, String sender) {
    Objects.requireNonNull(duty, "duty");
    Objects.requireNonNull(sender, "sender");
    CompletableFuture<Optional<ExtensionRejection>> chain =
        CompletableFuture.completedFuture(Optional.empty());
    for (NamedExtension<DutyGater> g : gaters) {
      chain = chain.thenCompose(previous -> previous.isPresent()
          ? CompletableFuture.completedFuture(previous)
          : call(g, ExtensionPointKind.GATER, sender, ext -> ext.gate(duty), r -> null)
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
    // A set comes from one sender; its verifier calls are accounted to that sender's breaker.
    String sender = set.isEmpty() ? "" : set.get(0).senderPeerId();
    List<CompletableFuture<Optional<ExtensionRejection>>> each = new ArrayList<>();
    for (NamedExtension<PartialSignatureVerifier> v : verifiers) {
      each.add(call(v, ExtensionPointKind.VERIFIER, sender, ext -> ext.verifyAll(set),
          results -> nonsense(set, results))
          .thenApply(r -> r instanceof Guarded.Ok<List<VerificationResult>> ok
              ? firstRefusal(v, ok.value())
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
    return decode(codec, type, bytes, "");
  }

  /**
   * Decodes a payload a peer sent with a plugin codec, accounted to the codec's breaker for that
   * peer.
   *
   * @param codec from {@link #codecFor(DutyType)}
   * @param type the duty type
   * @param bytes the payload
   * @param sender the sending peer; empty for none (the point-wide breaker)
   * @return the decoded payload or a rejection
   */
  public CompletableFuture<Guarded<DecodedPayload>> decode(NamedExtension<SignedDataCodec> codec,
      DutyType type, byte[] bytes, String sender) {
    byte[] copy = bytes.clone();
    return call(codec, ExtensionPointKind.CODEC, Objects.requireNonNull(sender, "sender"),
        ext -> ext.decode(type, copy), r -> null);
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
    return read(codec, "", read);
  }

  /**
   * Reads something from a value a plugin codec decoded from a peer's payload, accounted to the
   * codec's breaker for that peer.
   *
   * @param codec the codec that produced the value
   * @param sender the peer whose payload it decoded; empty for none (the point-wide breaker)
   * @param read what to compute from the value
   * @param <R> the result type
   * @return the result, or a rejection
   */
  public <R> CompletableFuture<Guarded<R>> read(NamedExtension<SignedDataCodec> codec,
      String sender, Supplier<R> read) {
    Objects.requireNonNull(read, "read");
    return call(codec, ExtensionPointKind.CODEC, Objects.requireNonNull(sender, "sender"),
        ext -> read.get(), r -> null);
  }

  /** A plugin call that may throw a {@link CodecException}. */
  @FunctionalInterface
  private interface PluginCall<E, R> {
    R apply(E extension) throws CodecException;
  }

  private <E, R> CompletableFuture<Guarded<R>> call(NamedExtension<E> ext,
      ExtensionPointKind point, PluginCall<E, R> body) {
    return call(ext, point, "", body, r -> null);
  }

  /**
   * One guarded call: the breaker admits it (or refuses it as out of service), the point's workers
   * run it within the timeout, and its outcome is fed back to the breaker.
   *
   * @param sender the peer whose input the call handles (its breaker); empty for none
   * @param nonsense describes a result that makes no sense (counted as a failure), null if fine
   */
  private <E, R> CompletableFuture<Guarded<R>> call(NamedExtension<E> ext,
      ExtensionPointKind point, String sender, PluginCall<E, R> body,
      Function<R, String> nonsense) {
    CircuitBreaker breaker = breakerFor(ext.pluginId(), point, sender == null ? "" : sender);
    String forWhom = sender == null || sender.isEmpty() ? "" : " for sets from " + sender;
    ExtensionWorkers pool = workers.get(point);
    CircuitBreaker.Admission admission = breaker == null ? CircuitBreaker.Admission.CALL
        : breaker.admit(pool.roomToAbandon());
    if (admission == CircuitBreaker.Admission.REFUSED) {
      return CompletableFuture.completedFuture(rejected(ext, point, RejectionKind.OUT_OF_SERVICE,
          "out of service" + forWhom + " after " + limits.failureThreshold()
              + " failed calls in a row (last: "
              + breaker.lastFailure() + "); a probe call is made "
              + limits.coolDown().toSeconds() + " s after it was taken out"));
    }
    if (admission == CircuitBreaker.Admission.PROBE) {
      log.info("Plugin {} {}{}: cool-down over, probing it with one call", ext.pluginId(),
          point.label(), forWhom);
      metrics.transition(ext.pluginId(), point, BreakerState.PROBING);
    }
    metrics.called(ext.pluginId(), point);
    CompletableFuture<Guarded<R>> future;
    try {
      future = pool.submit(() -> {
        long start = System.nanoTime();
        try {
          R result = body.apply(ext.extension());
          if (result == null) {
            return rejected(ext, point, RejectionKind.INVALID_RESULT, "answered null");
          }
          String bad = nonsense.apply(result);
          if (bad != null) {
            return rejected(ext, point, RejectionKind.INVALID_RESULT, bad);
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
      }, timeout);
    } catch (RejectedExecutionException e) {
      if (admission == CircuitBreaker.Admission.PROBE) {
        breaker.probeAbandoned();
      }
      return CompletableFuture.completedFuture(rejected(ext, point, RejectionKind.OVERLOADED,
          "the plugin " + point.label() + " worker pool is full"));
    }
    return future.handle((g, t) -> {
      Guarded<R> out;
      if (t == null) {
        out = g;
      } else {
        Throwable cause = t instanceof CompletionException && t.getCause() != null
            ? t.getCause() : t;
        if (cause instanceof ExtensionWorkers.CallTimedOut) {
          out = rejected(ext, point, RejectionKind.TIMEOUT, cause.getMessage());
        } else if (cause instanceof ExtensionWorkers.CallExpiredInQueue) {
          out = rejected(ext, point, RejectionKind.OVERLOADED, cause.getMessage());
        } else {
          out = rejected(ext, point, RejectionKind.FAILED, describe(cause));
        }
      }
      if (breaker != null) {
        account(ext, point, forWhom, breaker, out, admission == CircuitBreaker.Admission.PROBE);
      }
      return out;
    });
  }

  private void account(NamedExtension<?> ext, ExtensionPointKind point, String forWhom,
      CircuitBreaker breaker, Guarded<?> outcome, boolean probe) {
    RejectionKind kind = outcome instanceof Guarded.Rejected<?> r ? r.rejection().kind() : null;
    CircuitBreaker.Transition t;
    if (kind == null || kind == RejectionKind.REFUSED) {
      t = breaker.succeeded();
    } else if (kind == RejectionKind.OVERLOADED || kind == RejectionKind.OUT_OF_SERVICE) {
      // not the plugin's doing either way; a probe that never ran leaves it out of service
      if (probe) {
        breaker.probeAbandoned();
      }
      t = null;
    } else {
      t = breaker.failed(((Guarded.Rejected<?>) outcome).rejection().message());
    }
    if (t == null) {
      return;
    }
    if (t.to() == BreakerState.OUT_OF_SERVICE) {
      log.warn("Plugin {} {} is OUT OF SERVICE{} after {} failed call(s) in a row (last: {}); "
              + "calls to it are refused for {} s, then one probe call decides",
          ext.pluginId(), point.label(), forWhom, breaker.consecutiveFailures(),
          ((Guarded.Rejected<?>) outcome).rejection().message(), limits.coolDown().toSeconds());
    } else {
      log.warn("Plugin {} {} answered its probe call and is back IN SERVICE{}", ext.pluginId(),
          point.label(), forWhom);
    }
    metrics.transition(ext.pluginId(), point, t.to());
  }

  private <R> Guarded<R> rejected(NamedExtension<?> ext, ExtensionPointKind point,
      RejectionKind kind, String reason) {
    metrics.failed(ext.pluginId(), point, kind);
    return new Guarded.Rejected<>(new ExtensionRejection(ext.pluginId(), ext.className(), point,
        kind, reason, -1));
  }

  private static String nonsense(List<VerificationRequest> set,
      List<VerificationResult> results) {
    if (results.size() != set.size()) {
      return "answered " + results.size() + " results for " + set.size() + " entries";
    }
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) == null) {
        return "answered null for entry " + i;
      }
    }
    return null;
  }

  private static Optional<ExtensionRejection> firstRefusal(
      NamedExtension<PartialSignatureVerifier> v, List<VerificationResult> results) {
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).valid()) {
        return Optional.of(refusal(v, ExtensionPointKind.VERIFIER, results.get(i).reason(), i));
      }
    }
    return Optional.empty();
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
