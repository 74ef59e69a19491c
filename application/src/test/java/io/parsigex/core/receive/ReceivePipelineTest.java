package io.parsigex.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.GateDecision;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PubKey;
import io.parsigex.api.VerificationRequest;
import io.parsigex.api.VerificationResult;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.testing.BrokenPlugin;
import io.parsigex.core.testing.TextData;
import io.parsigex.node.plugins.broken.BrokenCodec;
import io.parsigex.core.wire.WireEntry;
import io.parsigex.core.wire.WireMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceivePipelineTest {

  private final List<Object> published = new CopyOnWriteArrayList<>();
  private final ReceiveListener listener = new ReceiveListener() {
    @Override public void onAccepted(VerifiedSet set) { published.add(set); }
    @Override public void onRejected(Rejection rejection) { published.add(rejection); }
  };
  private ReceivePipeline pipeline;

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private ReceivePipeline pipeline(ReceivePipeline.Config cfg, io.parsigex.api.DutyGater gater,
      PartialSignatureVerifier verifier) {
    pipeline = new ReceivePipeline(cfg, gater, CodecRegistry.of(List.of(new TextData.Codec())),
        Optional.ofNullable(verifier), new SigningContext(32, s -> s.messageRoot()), listener,
        Clock.systemUTC());
    return pipeline;
  }

  private static InboundMessage msg(String... payloads) {
    Map<PubKey, WireEntry> entries = new java.util.HashMap<>();
    for (int i = 0; i < payloads.length; i++) {
      byte[] k = new byte[48];
      k[0] = (byte) i;
      entries.put(PubKey.fromBytes(k), new WireEntry(payloads[i].getBytes(StandardCharsets.UTF_8),
          null, 2));
    }
    return new InboundMessage("peerA", 2, new WireMessage(new Duty(64, DutyType.RANDAO), entries),
        Instant.now());
  }

  private static final PartialSignatureVerifier SIG_IS_01 = r ->
      r.signature().length == 1 && r.signature()[0] == 1 ? VerificationResult.ok()
          : VerificationResult.invalid("bad signature");

  @Test
  void acceptsAVerifiedSetAndPublishesIt() throws Exception {
    pipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()), SIG_IS_01);
    ReceiveOutcome o = pipeline.submit(msg("a|01", "b|01")).get(5, TimeUnit.SECONDS);
    assertThat(o).isInstanceOf(ReceiveOutcome.Accepted.class);
    VerifiedSet set = ((ReceiveOutcome.Accepted) o).set();
    assertThat(set.set().size()).isEqualTo(2);
    assertThat(set.senderPeerId()).isEqualTo("peerA");
    awaitPublished(1);
    assertThat(published.get(0)).isEqualTo(set);
  }

  @Test
  void oneBadSignatureRejectsTheWholeSet() throws Exception {
    pipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()), SIG_IS_01);
    ReceiveOutcome o = pipeline.submit(msg("a|01", "b|02")).get(5, TimeUnit.SECONDS);
    Rejection r = ((ReceiveOutcome.Rejected) o).rejection();
    assertThat(r.reason()).isEqualTo(RejectReason.INVALID_SIGNATURE);
    assertThat(r.message()).contains("bad signature").contains("share 2");
  }

  @Test
  void gatersRunFirstAndDecodingIsSkippedForGatedDuties() throws Exception {
    pipeline(ReceivePipeline.Config.defaults(),
        new AllGaters(List.of(d -> GateDecision.deny("too far ahead"))), SIG_IS_01);
    Rejection r = ((ReceiveOutcome.Rejected) pipeline.submit(msg("undecodable"))
        .get(5, TimeUnit.SECONDS)).rejection();
    assertThat(r.reason()).isEqualTo(RejectReason.GATED);
    assertThat(r.message()).contains("too far ahead");
  }

  @Test
  void undecodableEntryRejectsTheSet() throws Exception {
    pipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()), SIG_IS_01);
    Rejection r = ((ReceiveOutcome.Rejected) pipeline.submit(msg("a|01", "garbage"))
        .get(5, TimeUnit.SECONDS)).rejection();
    assertThat(r.reason()).isEqualTo(RejectReason.UNDECODABLE);
    assertThat(r.message()).contains("no '|'");
  }

  @Test
  void throwingOrNonsensePluginsBecomeRejections() throws Exception {
    pipeline(ReceivePipeline.Config.defaults(),
        new AllGaters(List.of(d -> { throw new IllegalStateException("boom"); })), SIG_IS_01);
    // a gater that throws is the node's fault, never the peer's (not gated)
    Rejection gated = ((ReceiveOutcome.Rejected) pipeline.submit(msg("a|01"))
        .get(5, TimeUnit.SECONDS)).rejection();
    assertThat(gated.reason()).isEqualTo(RejectReason.PLUGIN_FAILED);
    assertThat(gated.reason().fault()).isEqualTo(RejectReason.Fault.NODE);
    assertThat(gated.message()).contains("boom");
    pipeline.close();

    PartialSignatureVerifier wrongSize = new PartialSignatureVerifier() {
      @Override public VerificationResult verify(VerificationRequest request) { return null; }
      @Override public List<VerificationResult> verifyAll(List<VerificationRequest> rs) {
        return List.of();
      }
    };
    pipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()),
        new AllVerifiers(List.of(wrongSize)));
    Rejection r = ((ReceiveOutcome.Rejected) pipeline.submit(msg("a|01"))
        .get(5, TimeUnit.SECONDS)).rejection();
    // a verifier answering nonsense: plugin_failed, not invalid_signature
    assertThat(r.reason()).isEqualTo(RejectReason.PLUGIN_FAILED);
    assertThat(r.message()).contains("returned 0 results for 1");
  }

  @Test
  void slowVerificationAtTheDeadlineIsTheNodesFaultAndIsNotPublishedLater() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    PartialSignatureVerifier slow = r -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return VerificationResult.ok();
    };
    pipeline(new ReceivePipeline.Config(1, 8, Duration.ofMillis(200), 100),
        new AllGaters(List.of()), slow);
    ReceiveOutcome o = pipeline.submit(msg("a|01")).get(5, TimeUnit.SECONDS);
    // The sender delivered in time; this node's verifier was too slow: overloaded, not timeout.
    Rejection slowOne = ((ReceiveOutcome.Rejected) o).rejection();
    assertThat(slowOne.reason()).isEqualTo(RejectReason.OVERLOADED);
    assertThat(slowOne.reason().fault()).isEqualTo(RejectReason.Fault.NODE);
    assertThat(slowOne.message()).contains("still being verified at the receive deadline");
    release.countDown();
    Thread.sleep(200);
    assertThat(published).hasSize(1).allMatch(p -> p instanceof Rejection);
  }

  @Test
  void aFullQueueRejectsAsOverloadedWithoutBlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    PartialSignatureVerifier blocked = r -> {
      running.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return VerificationResult.ok();
    };
    pipeline(new ReceivePipeline.Config(1, 2, Duration.ofSeconds(5), 100),
        new AllGaters(List.of()), blocked);
    List<java.util.concurrent.CompletableFuture<ReceiveOutcome>> fs = new java.util.ArrayList<>();
    // the first set occupies the one worker before the others arrive (else it may still be
    // queued when they come, and one more is refused)
    fs.add(pipeline.submit(msg("a|01")));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    for (int i = 1; i < 10; i++) {
      fs.add(pipeline.submit(msg("a|01")));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    long overloaded = fs.stream().filter(java.util.concurrent.CompletableFuture::isDone)
        .map(java.util.concurrent.CompletableFuture::join)
        .filter(o -> o instanceof ReceiveOutcome.Rejected r
            && r.rejection().reason() == RejectReason.OVERLOADED).count();
    assertThat(overloaded).isEqualTo(7); // 1 running + 2 queued
    release.countDown();
    for (var f : fs) {
      assertThat(f.get(5, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void anUnexpectedExceptionIsInternalNotTheSendersFault() throws Exception {
    io.parsigex.api.DutyGater buggy = d -> {
      throw new IllegalStateException("a bug in this node");
    };
    // a bare gater (not composed, not guarded): its exception is an unexpected failure
    pipeline(ReceivePipeline.Config.defaults(), buggy, SIG_IS_01);
    Rejection r = ((ReceiveOutcome.Rejected) pipeline.submit(msg("a|01"))
        .get(5, TimeUnit.SECONDS)).rejection();
    assertThat(r.reason()).isEqualTo(RejectReason.INTERNAL);
    assertThat(r.reason().fault()).isEqualTo(RejectReason.Fault.NODE);
    assertThat(r.message()).contains("a bug in this node");
  }

  @Test
  void anEntryWithAShareOtherThanTheSendersIsWrongShare() throws Exception {
    pipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()), SIG_IS_01);
    InboundMessage m = new InboundMessage("peer", 3, new WireMessage(new Duty(64,
        DutyType.RANDAO), Map.of(PubKey.fromBytes(new byte[48]), new WireEntry(
            "a|01".getBytes(StandardCharsets.UTF_8), null, 2))), Instant.now());
    Rejection r = ((ReceiveOutcome.Rejected) pipeline.submit(m).get(5, TimeUnit.SECONDS))
        .rejection();
    assertThat(r.reason()).isEqualTo(RejectReason.WRONG_SHARE);
    assertThat(r.reason().fault()).isEqualTo(RejectReason.Fault.PEER);
  }

  @Test
  void noVerifierMeansNoVerificationOnlyWhenExplicit() throws Exception {
    pipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()), null);
    assertThat(pipeline.submit(msg("a|99")).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ReceiveOutcome.Accepted.class);
  }

  private static InboundMessage msg(String peer, DutyType type, String payload) {
    return new InboundMessage(peer, 2, new WireMessage(new Duty(64, type),
        Map.of(PubKey.fromBytes(new byte[48]), new WireEntry(
            payload.getBytes(StandardCharsets.UTF_8), null, 2))), Instant.now());
  }

  private static final PartialSignatureVerifier ACCEPT_ALL = r -> VerificationResult.ok();
  private static final Duration PLUGIN_TIMEOUT = Duration.ofMillis(300);
  /** Well under the plugin's hang ({@link BrokenCodec#HANG_MILLIS}). */
  private static final Duration PROMPTLY = Duration.ofMillis(2_000);

  /**
   * One pipeline worker; peer A's set carries a plugin value whose method hangs, peer B's an
   * ordinary value. B's set must still be published promptly (A's costs the worker at most the
   * plugin call timeout), and A's is refused as plugin_timeout (the node's fault, not A's) and
   * counted against the plugin.
   */
  @Test
  void aHangingPluginValueCostsAtMostTheCallTimeoutAndOtherPeersKeepFlowing() throws Exception {
    for (String mode : List.of("root-hangs", "sig-hangs")) {
      published.clear();
      try (BrokenPlugin plugin = new BrokenPlugin(PLUGIN_TIMEOUT)) {
        pipeline = new ReceivePipeline(new ReceivePipeline.Config(1, 8, Duration.ofSeconds(5), 100),
            new AllGaters(List.of()), plugin.codecs(), Optional.of(ACCEPT_ALL),
            new SigningContext(32, s -> s.messageRoot()), listener, Clock.systemUTC());
        long t0 = System.nanoTime();
        CompletableFuture<ReceiveOutcome> a = pipeline.submit(msg("peerA", DutyType.SIGNATURE,
            mode));
        CompletableFuture<ReceiveOutcome> b = pipeline.submit(msg("peerB", DutyType.RANDAO,
            "b|01"));
        assertThat(b.get(5, TimeUnit.SECONDS)).as(mode)
            .isInstanceOf(ReceiveOutcome.Accepted.class);
        awaitPublished(2);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(mode).isLessThan(PROMPTLY);
        Rejection r = ((ReceiveOutcome.Rejected) a.get(5, TimeUnit.SECONDS)).rejection();
        assertThat(r.reason()).as(mode).isEqualTo(RejectReason.PLUGIN_TIMEOUT);
        assertThat(r.reason().label()).isEqualTo("plugin_timeout");
        assertThat(r.reason().fault()).isEqualTo(RejectReason.Fault.NODE);
        assertThat(r.message()).contains(BrokenPlugin.ID).contains("timed out");
        assertThat(published).filteredOn(Rejection.class::isInstance).hasSize(1);
        assertThat(plugin.failures("timeout")).as(mode).isEqualTo(1.0);
        pipeline.close();
      }
    }
  }

  @Test
  void aThrowingPluginValueIsRefusedAsPluginFailedAndCounted() throws Exception {
    for (String mode : List.of("root-throws", "sig-throws", "throw")) {
      try (BrokenPlugin plugin = new BrokenPlugin(PLUGIN_TIMEOUT)) {
        pipeline = new ReceivePipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()),
            plugin.codecs(), Optional.of(ACCEPT_ALL),
            new SigningContext(32, s -> s.messageRoot()), listener, Clock.systemUTC());
        Rejection r = ((ReceiveOutcome.Rejected) pipeline.submit(
            msg("peerA", DutyType.SIGNATURE, mode)).get(5, TimeUnit.SECONDS)).rejection();
        assertThat(r.reason()).as(mode).isEqualTo(RejectReason.PLUGIN_FAILED);
        assertThat(r.message()).as(mode).contains(BrokenPlugin.ID).contains("exploded");
        assertThat(plugin.failures("failed")).as(mode).isEqualTo(1.0);
        pipeline.close();
      }
    }
  }

  @Test
  void aPayloadThePluginCodecRefusesStaysUndecodable() throws Exception {
    try (BrokenPlugin plugin = new BrokenPlugin(PLUGIN_TIMEOUT)) {
      pipeline = new ReceivePipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()),
          plugin.codecs(), Optional.of(ACCEPT_ALL), new SigningContext(32, s -> s.messageRoot()),
          listener, Clock.systemUTC());
      Rejection r = ((ReceiveOutcome.Rejected) pipeline.submit(
          msg("peerA", DutyType.SIGNATURE, "refuse")).get(5, TimeUnit.SECONDS)).rejection();
      assertThat(r.reason()).isEqualTo(RejectReason.UNDECODABLE);
      assertThat(r.message()).contains("not a broken payload");
      assertThat(plugin.failures("failed") + plugin.failures("timeout")).isZero();
    }
  }

  @Test
  void aWellBehavedPluginValueIsAcceptedAndBuiltInValuesNeverHopToThePluginWorkers()
      throws Exception {
    try (BrokenPlugin plugin = new BrokenPlugin(PLUGIN_TIMEOUT)) {
      pipeline = new ReceivePipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()),
          plugin.codecs(), Optional.of(ACCEPT_ALL), new SigningContext(32, s -> s.messageRoot()),
          listener, Clock.systemUTC());
      for (int i = 0; i < 50; i++) {
        assertThat(pipeline.submit(msg("peerB", DutyType.RANDAO, "b|01")).get(5, TimeUnit.SECONDS))
            .isInstanceOf(ReceiveOutcome.Accepted.class);
      }
      assertThat(plugin.calls()).as("built-in values are read directly").isZero();
      assertThat(pipeline.submit(msg("peerA", DutyType.SIGNATURE, "fine"))
          .get(5, TimeUnit.SECONDS)).isInstanceOf(ReceiveOutcome.Accepted.class);
      assertThat(plugin.calls()).as("one decode and one guarded read").isEqualTo(2.0);
      assertThat(plugin.failures("timeout") + plugin.failures("failed")).isZero();
    }
  }

  private void awaitPublished(int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (published.size() < n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(published).hasSizeGreaterThanOrEqualTo(n);
  }
}
