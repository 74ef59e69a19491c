package io.parsigex.core.extensions;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import io.parsigex.api.PubKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard around extension calls: misbehaving extensions (written here to misbehave on purpose)
 * become typed rejections with metrics, never exceptions or hangs.
 */
class GuardedExtensionsTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duty DUTY = new Duty(64, DutyType.ATTESTER);

  /** Two workers per point and four queued calls, as the old shared pool had. */
  private static final GuardedExtensions.Limits LIMITS = new GuardedExtensions.Limits(TIMEOUT, 2,
      2, 2, 4, GuardedExtensions.Limits.DEFAULT_FAILURE_THRESHOLD, Duration.ofSeconds(30), 64);

  private final List<GuardedExtensions> guards = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    guards.forEach(GuardedExtensions::close);
  }

  private GuardedExtensions guard(List<NamedExtension<DutyGater>> gaters,
      List<NamedExtension<PartialSignatureVerifier>> verifiers,
      List<NamedExtension<SignedDataCodec>> codecs) {
    return guard(gaters, verifiers, codecs, LIMITS, System::nanoTime);
  }

  private GuardedExtensions guard(List<NamedExtension<DutyGater>> gaters,
      List<NamedExtension<PartialSignatureVerifier>> verifiers,
      List<NamedExtension<SignedDataCodec>> codecs, GuardedExtensions.Limits limits,
      java.util.function.LongSupplier clock) {
    GuardedExtensions g = new GuardedExtensions(gaters, verifiers, codecs, limits, registry, clock);
    guards.add(g);
    return g;
  }

  private static <T> NamedExtension<T> named(String plugin, T ext) {
    return new NamedExtension<>(plugin, ext);
  }

  private double failures(String plugin, String kind) {
    var c = registry.find("parsigex.plugin.failures").tag("plugin", plugin).tag("kind", kind)
        .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void gatersAllMustAllowAndEveryFailureIsTyped() {
    DutyGater allow = d -> GateDecision.allow();
    DutyGater deny = d -> GateDecision.deny("not today");
    DutyGater boom = d -> {
      throw new IllegalStateException("gater bug");
    };
    DutyGater nothing = d -> null;
    DutyGater slow = d -> {
      awaitRelease();
      return GateDecision.allow();
    };
    assertThat(guard(List.of(named("a", allow), named("b", allow)), List.of(), List.of())
        .gate(DUTY).join()).isEmpty();
    assertThat(guard(List.of(named("a", allow), named("b", deny)), List.of(), List.of())
        .gate(DUTY).join()).hasValueSatisfying(r -> {
          assertThat(r.pluginId()).isEqualTo("b");
          assertThat(r.kind()).isEqualTo(RejectionKind.REFUSED);
          assertThat(r.message()).contains("gater b").contains("refused: not today");
        });
    assertThat(guard(List.of(named("c", boom)), List.of(), List.of()).gate(DUTY).join())
        .hasValueSatisfying(r -> {
          assertThat(r.kind()).isEqualTo(RejectionKind.FAILED);
          assertThat(r.reason()).contains("IllegalStateException: gater bug");
        });
    assertThat(guard(List.of(named("d", nothing)), List.of(), List.of()).gate(DUTY).join())
        .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(RejectionKind.INVALID_RESULT));
    long start = System.nanoTime();
    assertThat(guard(List.of(named("e", slow)), List.of(), List.of()).gate(DUTY).join())
        .hasValueSatisfying(r -> {
          assertThat(r.kind()).isEqualTo(RejectionKind.TIMEOUT);
          assertThat(r.message()).contains("timed out");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(failures("c", "failed")).isEqualTo(1);
    assertThat(failures("d", "invalid_result")).isEqualTo(1);
    assertThat(failures("e", "timeout")).isEqualTo(1);
    assertThat(registry.get("parsigex.plugin.calls").tag("plugin", "a").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("parsigex.plugin.call").tag("plugin", "a").timer().count())
        .isEqualTo(2);
  }

  @Test
  void aPluginCannotMakeARejectionReasonUnbounded() {
    String huge = "x".repeat(1_000_000);
    DutyGater chatty = d -> GateDecision.deny(huge);
    DutyGater throwing = d -> {
      throw new IllegalStateException(huge);
    };
    for (DutyGater g : List.of(chatty, throwing)) {
      assertThat(guard(List.of(named("f", g)), List.of(), List.of()).gate(DUTY).join())
          .hasValueSatisfying(r -> {
            assertThat(r.reason()).hasSize(ExtensionRejection.MAX_REASON_LENGTH).endsWith("…");
            assertThat(r.message().length()).isLessThan(ExtensionRejection.MAX_REASON_LENGTH * 2);
          });
    }
  }

  @Test
  void verifierResultsOfTheWrongSizeOrNullAreRejections() {
    List<VerificationRequest> set = List.of(request(1), request(2), request(3));
    PartialSignatureVerifier ok = r -> VerificationResult.ok();
    PartialSignatureVerifier second = r -> r.shareIndex() == 2
        ? VerificationResult.invalid("bad share 2") : VerificationResult.ok();
    PartialSignatureVerifier shortList = new PartialSignatureVerifier() {
      @Override
      public VerificationResult verify(VerificationRequest r) {
        return VerificationResult.ok();
      }

      @Override
      public List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
        return List.of(VerificationResult.ok());
      }
    };
    PartialSignatureVerifier nullEntry = new PartialSignatureVerifier() {
      @Override
      public VerificationResult verify(VerificationRequest r) {
        return VerificationResult.ok();
      }

      @Override
      public List<VerificationResult> verifyAll(List<VerificationRequest> requests) {
        List<VerificationResult> out = new ArrayList<>();
        out.add(VerificationResult.ok());
        out.add(null);
        out.add(VerificationResult.ok());
        return out;
      }
    };
    assertThat(guard(List.of(), List.of(named("ok", ok)), List.of()).verify(set).join()).isEmpty();
    assertThat(guard(List.of(), List.of(named("ok", ok), named("v", second)), List.of())
        .verify(set).join()).hasValueSatisfying(r -> {
          assertThat(r.entry()).isEqualTo(1);
          assertThat(r.reason()).isEqualTo("bad share 2");
          assertThat(r.message()).contains("on entry 1");
        });
    assertThat(guard(List.of(), List.of(named("s", shortList)), List.of()).verify(set).join())
        .hasValueSatisfying(r -> {
          assertThat(r.kind()).isEqualTo(RejectionKind.INVALID_RESULT);
          assertThat(r.reason()).contains("1 results for 3 entries");
        });
    assertThat(guard(List.of(), List.of(named("n", nullEntry)), List.of()).verify(set).join())
        .hasValueSatisfying(r -> assertThat(r.reason()).contains("null for entry 1"));
  }

  @Test
  void aFullWorkerPoolIsAnOverloadRejectionNotAWait() {
    DutyGater slow = d -> {
      awaitRelease();
      return GateDecision.allow();
    };
    GuardedExtensions g = guard(List.of(named("slow", slow)), List.of(), List.of());
    List<Optional<ExtensionRejection>> results = new ArrayList<>();
    var futures = new ArrayList<java.util.concurrent.CompletableFuture<Optional<ExtensionRejection>>>();
    for (int i = 0; i < 8; i++) {
      futures.add(g.gate(DUTY));
    }
    futures.forEach(f -> results.add(f.join()));
    assertThat(results).allSatisfy(r -> assertThat(r).isPresent());
    assertThat(results).anySatisfy(r -> assertThat(r.get().kind())
        .isEqualTo(RejectionKind.OVERLOADED));
    assertThat(failures("slow", "overloaded")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void codecsRouteByPriorityAndTheirFailuresAreTyped() {
    SignedDataCodec low = codec(1, bytes -> {
      throw new CodecException("low codec");
    });
    SignedDataCodec high = codec(7, bytes -> {
      throw new ArrayIndexOutOfBoundsException("sloppy parser");
    });
    GuardedExtensions g = guard(List.of(), List.of(),
        List.of(named("low", low), named("high", high)));
    NamedExtension<SignedDataCodec> chosen = g.codecFor(DutyType.SIGNATURE).orElseThrow();
    assertThat(chosen.pluginId()).isEqualTo("high");
    Guarded<DecodedPayload> r = g.decode(chosen, DutyType.SIGNATURE, new byte[] {1}).join();
    assertThat(((Guarded.Rejected<DecodedPayload>) r).rejection().kind())
        .isEqualTo(RejectionKind.FAILED);
    Guarded<DecodedPayload> refused = g.decode(named("low", low), DutyType.SIGNATURE,
        new byte[] {1}).join();
    assertThat(((Guarded.Rejected<DecodedPayload>) refused).rejection())
        .satisfies(rej -> {
          assertThat(rej.kind()).isEqualTo(RejectionKind.REFUSED);
          assertThat(rej.reason()).isEqualTo("low codec");
        });
  }

  @Test
  void aGuardedCodecTellsARefusalFromAFailureAndGuardsReadsOfItsValues() {
    SignedDataCodec refusing = codec(1, bytes -> {
      throw new CodecException("bad bytes");
    });
    SignedDataCodec throwing = codec(1, bytes -> {
      throw new IllegalStateException("codec bug");
    });
    GuardedExtensions g = guard(List.of(), List.of(), List.of());
    GuardedCodec refuses = PipelineExtensions.codec(g, named("r", refusing));
    GuardedCodec fails = PipelineExtensions.codec(g, named("f", throwing));
    assertThat(refuses.dutyTypes()).containsExactly(DutyType.SIGNATURE);
    assertThat(refuses.plugin().pluginId()).isEqualTo("r");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> refuses.decode(DutyType.SIGNATURE, new byte[] {1}))
        .isInstanceOfSatisfying(ExtensionCallException.class,
            e -> assertThat(e.pluginFailed()).isFalse())
        .hasMessageContaining("bad bytes");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fails.decode(DutyType.SIGNATURE, new byte[] {1}))
        .isInstanceOfSatisfying(ExtensionCallException.class, e -> {
          assertThat(e.pluginFailed()).isTrue();
          assertThat(e.rejection().pluginId()).isEqualTo("f");
        })
        .hasMessageContaining("codec bug");
    // reads of a value the plugin produced: answered, or typed and counted against the plugin
    assertThat(catchRead(() -> fails.read(() -> "fine"))).isEqualTo("fine");
    double failed = failures("f", "failed");
    double invalid = failures("f", "invalid_result");
    double timedOut = failures("f", "timeout");
    assertThat(catchRead(() -> fails.read(() -> {
      throw new IllegalArgumentException("value bug");
    }))).contains("value bug");
    assertThat(catchRead(() -> fails.read(() -> null))).contains("answered null");
    long start = System.nanoTime();
    assertThat(catchRead(() -> fails.read(() -> {
      awaitRelease();
      return "late";
    }))).contains("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(10));
    assertThat(failures("f", "failed")).isEqualTo(failed + 1);
    assertThat(failures("f", "invalid_result")).isEqualTo(invalid + 1);
    assertThat(failures("f", "timeout")).isEqualTo(timedOut + 1);
  }

  /** A verifier that never returns (ignores interrupts) for requests of share index 99. */
  private PartialSignatureVerifier hangsOn99(java.util.concurrent.atomic.AtomicInteger calls) {
    return r -> {
      calls.incrementAndGet();
      if (r.shareIndex() == 99) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (release.getCount() > 0 && System.nanoTime() < end) {
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            // ignores interrupts, as the worst plugin would
          }
        }
      }
      return VerificationResult.ok();
    };
  }

  @Test
  void hungCallsAreAbandonedAndTheirWorkersReplacedSoProcessingGoesOn() {
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    // a breaker that never opens: abandonment alone must keep the point working
    GuardedExtensions g = guard(List.of(), List.of(named("hang", hangsOn99(calls))), List.of(),
        LIMITS.withBreaker(1_000, Duration.ofSeconds(30)), System::nanoTime);
    for (int round = 0; round < 5; round++) {
      var a = g.verify(List.of(request(99)));
      var b = g.verify(List.of(request(99)));
      assertThat(a.join()).hasValueSatisfying(r ->
          assertThat(r.kind()).isEqualTo(RejectionKind.TIMEOUT));
      assertThat(b.join()).hasValueSatisfying(r ->
          assertThat(r.kind()).isEqualTo(RejectionKind.TIMEOUT));
      // the next call is answered by a fresh worker, although both old ones are still hung
      // (without replacement it would wait in the queue and expire as overloaded)
      assertThat(g.verify(List.of(request(1))).join()).isEmpty();
    }
    assertThat(g.liveWorkers(ExtensionPointKind.VERIFIER)).isEqualTo(2);
    assertThat(g.abandonedThreads(ExtensionPointKind.VERIFIER)).isEqualTo(10);
    assertThat(failures("hang", "timeout")).isEqualTo(10);
    assertThat(registry.get("parsigex.plugin.abandoned.calls").tag("point", "verifier")
        .functionCounter().count()).isEqualTo(10);
    assertThat(registry.get("parsigex.plugin.workers").tag("point", "verifier").gauge().value())
        .isEqualTo(2);
    release.countDown();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (g.abandonedThreads(ExtensionPointKind.VERIFIER) > 0 && System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    assertThat(g.abandonedThreads(ExtensionPointKind.VERIFIER)).as("returned threads exit")
        .isZero();
    assertThat(g.liveWorkers(ExtensionPointKind.VERIFIER)).isEqualTo(2);
  }

  @Test
  void aVerifierThatHangsOnOneSendersSetsIsOutOfServiceForThatSenderOnly() {
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    long[] now = {0};
    GuardedExtensions g = guard(List.of(), List.of(named("hang", hangsOn99(calls))), List.of(),
        new GuardedExtensions.Limits(TIMEOUT, 2, 2, 2, 16, 2, Duration.ofSeconds(1), 8),
        () -> now[0]);
    g.verify(List.of(request(99, "attacker"))).join();
    g.verify(List.of(request(99, "attacker"))).join();
    int before = calls.get();
    assertThat(g.verify(List.of(request(1, "attacker"))).join()).as("attacker: out of service")
        .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(RejectionKind.OUT_OF_SERVICE));
    assertThat(calls.get()).as("not called for the attacker").isEqualTo(before);
    assertThat(g.verify(List.of(request(1, "honest"))).join()).as("honest: still verified")
        .isEmpty();
    assertThat(calls.get()).isEqualTo(before + 1);
    assertThat(g.pluginStates()).singleElement().satisfies(st -> {
      assertThat(st.state()).isEqualTo(BreakerState.OUT_OF_SERVICE);
      assertThat(st.outOfServiceFor()).containsExactly("attacker");
    });
    assertThat(g.verifiersInService()).as("in service for the honest sender").isTrue();
    assertThat(registry.get("parsigex.plugin.state").tag("plugin", "hang").gauge().value())
        .as("the gauge shows the worst state").isEqualTo(2.0);
    release.countDown();
  }

  @Test
  void aGaterThatHangsOnOnePeersDutiesIsOutOfServiceForThatPeerOnly() {
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    // The attacker's duties (slot 99) hang the gater; any other duty is allowed.
    DutyGater hangs = duty -> {
      calls.incrementAndGet();
      if (duty.slot() == 99) {
        awaitRelease();
      }
      return GateDecision.allow();
    };
    GuardedExtensions g = guard(List.of(named("gate", hangs)), List.of(), List.of(),
        new GuardedExtensions.Limits(TIMEOUT, 2, 2, 2, 16, 2, Duration.ofSeconds(30), 8),
        System::nanoTime);
    Duty evil = new Duty(99, DutyType.ATTESTER);
    for (int i = 0; i < 2; i++) {
      assertThat(g.gate(evil, "attacker").join()).hasValueSatisfying(r -> assertThat(r.kind())
          .isEqualTo(RejectionKind.TIMEOUT));
    }
    int before = calls.get();
    assertThat(g.gate(DUTY, "attacker").join()).as("attacker: out of service")
        .hasValueSatisfying(r -> {
          assertThat(r.kind()).isEqualTo(RejectionKind.OUT_OF_SERVICE);
          assertThat(r.message()).contains("for sets from attacker");
        });
    assertThat(calls.get()).as("not called for the attacker").isEqualTo(before);
    for (int i = 0; i < 10; i++) {
      assertThat(g.gate(DUTY, "honest").join()).as("honest: still gated (allowed)").isEmpty();
    }
    assertThat(calls.get()).isEqualTo(before + 10);
    assertThat(PipelineExtensions.gater(g).gate(DUTY, "honest").allowed()).isTrue();
    assertThat(g.pluginStates()).singleElement().satisfies(st -> {
      assertThat(st.point()).isEqualTo(ExtensionPointKind.GATER);
      assertThat(st.state()).isEqualTo(BreakerState.OUT_OF_SERVICE);
      assertThat(st.outOfServiceFor()).containsExactly("attacker");
    });
    release.countDown();
  }

  @Test
  void aCodecThatFailsOnOnePeersPayloadsIsOutOfServiceForThatPeerOnly() throws Exception {
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    NamedExtension<SignedDataCodec> c = named("codec", codec(10, bytes -> {
      calls.incrementAndGet();
      if (bytes.length > 0 && bytes[0] == 'X') {
        throw new IllegalStateException("codec bug on crafted input");
      }
      return new DecodedPayload(new io.parsigex.core.testing.TextData("ok", new byte[] {1}),
          io.parsigex.api.PayloadEncoding.CUSTOM);
    }));
    GuardedExtensions g = guard(List.of(), List.of(), List.of(c),
        new GuardedExtensions.Limits(TIMEOUT, 2, 2, 2, 16, 3, Duration.ofSeconds(30), 8),
        System::nanoTime);
    GuardedCodec guarded = PipelineExtensions.codec(g, c);
    io.parsigex.core.codec.CodecRegistry registry = io.parsigex.core.codec.CodecRegistry.of(
        List.of(guarded));
    for (int i = 0; i < 3; i++) {
      try {
        registry.decode(DutyType.SIGNATURE, new byte[] {'X'}, "attacker");
        throw new AssertionError("decoded crafted input");
      } catch (ExtensionCallException e) {
        assertThat(e.rejection().kind()).isEqualTo(RejectionKind.FAILED);
      }
    }
    int before = calls.get();
    try {
      registry.decode(DutyType.SIGNATURE, new byte[] {'o', 'k'}, "attacker");
      throw new AssertionError("the attacker's breaker is open");
    } catch (ExtensionCallException e) {
      assertThat(e.rejection().kind()).isEqualTo(RejectionKind.OUT_OF_SERVICE);
    }
    assertThat(calls.get()).as("not called for the attacker").isEqualTo(before);
    for (int i = 0; i < 10; i++) {
      assertThat(registry.decode(DutyType.SIGNATURE, new byte[] {'o', 'k'}, "honest").data())
          .as("honest payloads still decode").isNotNull();
    }
    assertThat(registry.decode(DutyType.SIGNATURE, new byte[] {'o', 'k'}).data())
        .as("calls for no peer (REST) use the point-wide breaker, still in service").isNotNull();
    assertThat(g.pluginStates()).singleElement().satisfies(st -> {
      assertThat(st.point()).isEqualTo(ExtensionPointKind.CODEC);
      assertThat(st.state()).isEqualTo(BreakerState.OUT_OF_SERVICE);
      assertThat(st.outOfServiceFor()).containsExactly("attacker");
    });
  }

  @Test
  void abandonedThreadsAreCappedAndNoProbeIsMadeWithoutRoomForAnother() {
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    long[] now = {0};
    GuardedExtensions g = guard(List.of(), List.of(named("hang", hangsOn99(calls))), List.of(),
        new GuardedExtensions.Limits(TIMEOUT, 2, 2, 2, 4, 2, Duration.ofSeconds(1), 2),
        () -> now[0]);
    g.verify(List.of(request(99))).join();
    g.verify(List.of(request(99))).join();
    assertThat(g.pluginStates().get(0).state()).isEqualTo(BreakerState.OUT_OF_SERVICE);
    assertThat(g.abandonedThreads(ExtensionPointKind.VERIFIER)).isEqualTo(2);
    now[0] += Duration.ofSeconds(2).toNanos();
    int before = calls.get();
    assertThat(g.verify(List.of(request(1))).join()).as("no probe at the cap")
        .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(RejectionKind.OUT_OF_SERVICE));
    assertThat(calls.get()).isEqualTo(before);
    release.countDown();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (g.abandonedThreads(ExtensionPointKind.VERIFIER) > 0 && System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    assertThat(g.verify(List.of(request(1))).join()).as("the probe, once there is room")
        .isEmpty();
    assertThat(g.pluginStates().get(0).state()).isEqualTo(BreakerState.IN_SERVICE);
  }

  @Test
  void aPluginThatKeepsFailingIsTakenOutOfServiceAndProbedBackAfterTheCoolDown() {
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    var healthy = new java.util.concurrent.atomic.AtomicBoolean();
    DutyGater flaky = d -> {
      calls.incrementAndGet();
      if (!healthy.get()) {
        throw new IllegalStateException("gater bug");
      }
      return d.slot() == 1 ? GateDecision.deny("slot 1") : GateDecision.allow();
    };
    long[] now = {0};
    GuardedExtensions g = guard(List.of(named("flaky", flaky)), List.of(), List.of(),
        LIMITS.withBreaker(3, Duration.ofSeconds(10)), () -> now[0]);
    java.util.function.Supplier<Double> state = () -> registry.get("parsigex.plugin.state")
        .tag("plugin", "flaky").tag("point", "gater").gauge().value();
    assertThat(state.get()).isZero();
    for (int i = 0; i < 3; i++) {
      assertThat(g.gate(DUTY).join()).hasValueSatisfying(r ->
          assertThat(r.kind()).isEqualTo(RejectionKind.FAILED));
    }
    assertThat(g.pluginStates()).singleElement().satisfies(st -> {
      assertThat(st.pluginId()).isEqualTo("flaky");
      assertThat(st.point()).isEqualTo(ExtensionPointKind.GATER);
      assertThat(st.state()).isEqualTo(BreakerState.OUT_OF_SERVICE);
      assertThat(st.lastFailure()).contains("gater bug");
    });
    assertThat(state.get()).isEqualTo(2);
    // out of service: refused without calling the plugin, and counted
    for (int i = 0; i < 5; i++) {
      assertThat(g.gate(DUTY).join()).hasValueSatisfying(r -> {
        assertThat(r.kind()).isEqualTo(RejectionKind.OUT_OF_SERVICE);
        assertThat(r.message()).contains("out of service");
      });
    }
    assertThat(calls.get()).isEqualTo(3);
    assertThat(failures("flaky", "out_of_service")).isEqualTo(5);
    // cool-down over, still broken: the probe fails, out of service again
    now[0] += Duration.ofSeconds(10).toNanos();
    assertThat(g.gate(DUTY).join()).hasValueSatisfying(r ->
        assertThat(r.kind()).isEqualTo(RejectionKind.FAILED));
    assertThat(calls.get()).isEqualTo(4);
    assertThat(g.gate(DUTY).join()).hasValueSatisfying(r ->
        assertThat(r.kind()).isEqualTo(RejectionKind.OUT_OF_SERVICE));
    // recovered: the next probe (a refusal is an answer) puts it back in service
    healthy.set(true);
    now[0] += Duration.ofSeconds(10).toNanos();
    assertThat(g.gate(new Duty(1, DutyType.ATTESTER)).join()).hasValueSatisfying(r ->
        assertThat(r.kind()).isEqualTo(RejectionKind.REFUSED));
    assertThat(g.pluginStates().get(0).state()).isEqualTo(BreakerState.IN_SERVICE);
    assertThat(g.gate(DUTY).join()).isEmpty();
    assertThat(state.get()).isZero();
    assertThat(registry.get("parsigex.plugin.breaker.transitions").tag("plugin", "flaky")
        .tag("to", "out_of_service").counter().count()).isEqualTo(2);
    assertThat(registry.get("parsigex.plugin.breaker.transitions").tag("plugin", "flaky")
        .tag("to", "probing").counter().count()).isEqualTo(2);
    assertThat(registry.get("parsigex.plugin.breaker.transitions").tag("plugin", "flaky")
        .tag("to", "in_service").counter().count()).isEqualTo(1);
  }

  @Test
  void aVerifierOutOfServiceMeansVerificationIsUnavailable() {
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    PartialSignatureVerifier boom = r -> {
      calls.incrementAndGet();
      throw new IllegalStateException("verifier bug");
    };
    GuardedExtensions g = guard(List.of(), List.of(named("v", boom)), List.of(),
        LIMITS.withBreaker(2, Duration.ofSeconds(30)), System::nanoTime);
    assertThat(g.verifiersInService()).isTrue();
    g.verify(List.of(request(1))).join();
    g.verify(List.of(request(1))).join();
    assertThat(g.verifiersInService()).isFalse();
    assertThat(g.verify(List.of(request(1))).join()).as("refused, never accepted unverified")
        .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(RejectionKind.OUT_OF_SERVICE));
  }

  @Test
  void eachPointHasItsOwnWorkersSoAHungGaterLeavesVerificationAlone() {
    DutyGater slow = d -> {
      awaitRelease();
      return GateDecision.allow();
    };
    GuardedExtensions g = guard(List.of(named("slow", slow)),
        List.of(named("ok", r -> VerificationResult.ok())), List.of());
    var hung = List.of(g.gate(DUTY), g.gate(DUTY));
    // on a shared pool this call would wait behind the hung gaters and expire as overloaded
    assertThat(g.verify(List.of(request(1))).join()).isEmpty();
    hung.forEach(CompletableFuture::join);
  }

  @Test
  void verificationRunsAsManyCallsAtOnceAsItHasWorkers() throws Exception {
    for (int n : new int[] {2, 4}) {
      var inFlight = new java.util.concurrent.atomic.AtomicInteger();
      var max = new java.util.concurrent.atomic.AtomicInteger();
      PartialSignatureVerifier counting = r -> {
        max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          Thread.sleep(500); // long enough for every worker to pick up a call on a loaded machine
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          inFlight.decrementAndGet();
        }
        return VerificationResult.ok();
      };
      GuardedExtensions g = guard(List.of(), List.of(named("count" + n, counting)), List.of(),
          new GuardedExtensions.Limits(Duration.ofSeconds(10), 2, n, 2, 64, 5,
              Duration.ofSeconds(30), 64), System::nanoTime);
      List<CompletableFuture<Optional<ExtensionRejection>>> fs = new ArrayList<>();
      for (int i = 0; i < 3 * n; i++) {
        fs.add(g.verify(List.of(request(1))));
      }
      fs.forEach(f -> assertThat(f.join()).isEmpty());
      assertThat(max.get()).as("verify calls at once with %d workers", n).isEqualTo(n);
    }
  }

  @Test
  void closingCompletesQueuedAndRunningCallsSoNoCallerWaits() {
    DutyGater slow = d -> {
      awaitRelease();
      return GateDecision.allow();
    };
    GuardedExtensions g = guard(List.of(named("slow", slow)), List.of(), List.of(),
        new GuardedExtensions.Limits(Duration.ofSeconds(30), 2, 2, 2, 4, 5,
            Duration.ofSeconds(30), 64), System::nanoTime);
    List<CompletableFuture<Optional<ExtensionRejection>>> fs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fs.add(g.gate(DUTY));
    }
    long start = System.nanoTime();
    g.close();
    fs.forEach(f -> assertThat(f.join()).isPresent());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private interface Read {
    String read() throws ExtensionCallException;
  }

  /** The read's value, or the message of the typed exception it threw. */
  private static String catchRead(Read read) {
    try {
      return read.read();
    } catch (ExtensionCallException e) {
      return e.getMessage();
    }
  }

  private void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Decoder {
    DecodedPayload decode(byte[] bytes) throws CodecException;
  }

  private static SignedDataCodec codec(int priority, Decoder decoder) {
    return new SignedDataCodec() {
      @Override
      public Set<DutyType> dutyTypes() {
        return Set.of(DutyType.SIGNATURE);
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException {
        return decoder.decode(bytes);
      }

      @Override
      public EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException {
        throw new CodecException("not used");
      }

      @Override
      public SignedData fromJson(DutyType dutyType, String json) throws CodecException {
        throw new CodecException("not used");
      }
    };
  }

  private static VerificationRequest request(int shareIndex) {
    return request(shareIndex, "peer");
  }

  private static VerificationRequest request(int shareIndex, String sender) {
    SignedData data = new SignedData() {
      @Override
      public String typeName() {
        return "Test";
      }

      @Override
      public byte[] signature() {
        return new byte[96];
      }

      @Override
      public Optional<io.parsigex.api.Eth2Signing> eth2Signing(long slotsPerEpoch) {
        return Optional.empty();
      }

      @Override
      public String toCharonJson() {
        return "{}";
      }
    };
    return new VerificationRequest(sender, shareIndex, DUTY,
        PubKey.fromBytes(new byte[48]), shareIndex, Optional.empty(), new byte[96], data);
  }
}
