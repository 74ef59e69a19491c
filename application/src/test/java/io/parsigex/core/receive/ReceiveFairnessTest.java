package io.parsigex.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.GateDecision;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PubKey;
import io.parsigex.api.VerificationResult;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.testing.TextData;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.core.wire.WireEntry;
import io.parsigex.core.wire.WireMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline's budget, shedding, deadline and flood behaviour, without the network. */
class ReceiveFairnessTest {

  private ReceivePipeline pipeline;
  private final AtomicInteger listened = new AtomicInteger();
  private final ReceiveListener listener = new ReceiveListener() {
    @Override public void onAccepted(VerifiedSet set) { listened.incrementAndGet(); }
    @Override public void onRejected(Rejection rejection) { listened.incrementAndGet(); }
  };

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private ReceivePipeline pipeline(ReceivePipeline.Config cfg, PartialSignatureVerifier v,
      io.parsigex.api.DutyGater gater) {
    pipeline = new ReceivePipeline(cfg, gater, CodecRegistry.of(List.of(new TextData.Codec())),
        Optional.of(v), new SigningContext(32, s -> s.messageRoot()), listener, Clock.systemUTC());
    return pipeline;
  }

  /** The signature is the payload's last byte: 01 verifies, anything else does not. */
  private static final PartialSignatureVerifier SIG_IS_01 = r ->
      r.signature().length == 1 && r.signature()[0] == 1 ? VerificationResult.ok()
          : VerificationResult.invalid("bad signature");

  private static byte[] body(long slot, String sigHex, int padding) {
    String text = "x".repeat(padding) + "|" + sigHex;
    WireMessage m = new WireMessage(new Duty(slot, DutyType.RANDAO), Map.of(
        PubKey.fromBytes(new byte[48]), new WireEntry(text.getBytes(StandardCharsets.UTF_8), null,
            2)));
    return ParSigExFraming.toProto(m).toByteArray();
  }

  private static InboundMessage msg(String peer, long slot, String sigHex) {
    return new InboundMessage(peer, 2, new WireMessage(new Duty(slot, DutyType.RANDAO), Map.of(
        PubKey.fromBytes(new byte[48]), new WireEntry(("s|" + sigHex)
            .getBytes(StandardCharsets.UTF_8), null, 2))), Instant.now());
  }

  private static InboundBudget.Reservation reserve(InboundBudget b, String peer, byte[] body) {
    InboundBudget.Reservation r = b.open(peer);
    assertThat(r.grow(body.length)).isEqualTo(InboundBudget.Refusal.NONE);
    return r;
  }

  private static Rejection rejection(CompletableFuture<ReceiveOutcome> f) throws Exception {
    return ((ReceiveOutcome.Rejected) f.get(10, TimeUnit.SECONDS)).rejection();
  }

  @Test
  void theBudgetIsHeldThroughTheQueueAndReleasedOnceOnEveryPath() throws Exception {
    CountDownLatch open = new CountDownLatch(1);
    PartialSignatureVerifier gated = r -> {
      try {
        open.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return SIG_IS_01.verify(r);
    };
    pipeline(new ReceivePipeline.Config(1, 100, Duration.ofSeconds(2), 1000, 3), gated,
        new AllGaters(List.of()));
    InboundBudget budget = new InboundBudget(1 << 20, 1 << 20);
    List<InboundBudget.Reservation> rs = new ArrayList<>();
    List<CompletableFuture<ReceiveOutcome>> fs = new ArrayList<>();
    // 1 running (blocked) + 3 queued (the per-peer limit) + 2 shed.
    for (int i = 0; i < 6; i++) {
      byte[] b = body(10 + i, i % 2 == 0 ? "01" : "02", 1000);
      InboundBudget.Reservation r = reserve(budget, "A", b);
      rs.add(r);
      fs.add(pipeline.submitBody("A", 2, FrameBody.of(b), Instant.now(), r));
      Thread.sleep(i == 0 ? 100 : 0); // let the worker take the first
    }
    // Shed (the oldest slots of the queue: 11 and 12), released at once.
    assertThat(rejection(fs.get(1)).message()).contains("shed (peer_queue)");
    assertThat(rejection(fs.get(2)).reason()).isEqualTo(RejectReason.OVERLOADED);
    assertThat(rs.get(1).released()).isTrue();
    assertThat(rs.get(2).released()).isTrue();
    long held = rs.stream().mapToLong(InboundBudget.Reservation::held).sum();
    assertThat(budget.used()).as("running and queued sets still hold their bytes")
        .isEqualTo(held).isGreaterThan(4 * 1000);
    assertThat(rs.get(0).held() + rs.get(3).held() + rs.get(4).held() + rs.get(5).held())
        .isEqualTo(held);
    // The running one passes its deadline: refused as overloaded (its sender delivered in time).
    // The queued ones are refused unverified once late (90% of the timeout gone): shed, the
    // node's fault, not the peer's.
    assertThat(rejection(fs.get(0)).reason()).isEqualTo(RejectReason.OVERLOADED);
    assertThat(rejection(fs.get(0)).message()).contains("still being verified");
    assertThat(rejection(fs.get(3)).message()).contains("shed (deadline)");
    assertThat(rejection(fs.get(5)).reason()).isEqualTo(RejectReason.OVERLOADED);
    assertThat(rs.get(3).released()).isTrue();
    // The running set's worker still holds its bytes until it returns.
    assertThat(rs.get(0).released()).isFalse();
    open.countDown();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (budget.used() != 0 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(budget.used()).isZero();
    assertThat(budget.used("A")).isZero();
    // Publish and refuse release too.
    byte[] good = body(50, "01", 10);
    byte[] bad = body(51, "02", 10);
    InboundBudget.Reservation rg = reserve(budget, "A", good);
    InboundBudget.Reservation rb = reserve(budget, "A", bad);
    assertThat(pipeline.submitBody("A", 2, FrameBody.of(good), Instant.now(), rg)
        .get(10, TimeUnit.SECONDS)).isInstanceOf(ReceiveOutcome.Accepted.class);
    assertThat(rejection(pipeline.submitBody("A", 2, FrameBody.of(bad), Instant.now(), rb))
        .reason()).isEqualTo(RejectReason.INVALID_SIGNATURE);
    assertThat(budget.used()).isZero();
    // Released exactly once: a second release gives nothing back twice.
    rg.release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void aSteadyRateAboveCapacityIsShedOldestFirstNotTimedOut() throws Exception {
    // 2 workers, 4 ms a set: about 500 sets/s. The peer sends 1,000 sets/s for 4 s.
    PartialSignatureVerifier slow = r -> {
      try {
        Thread.sleep(4);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return VerificationResult.ok();
    };
    pipeline(new ReceivePipeline.Config(2, 4096, Duration.ofSeconds(1), 65536, 4096), slow,
        new AllGaters(List.of()));
    Map<Long, Long> doneAt = new java.util.concurrent.ConcurrentHashMap<>();
    List<CompletableFuture<ReceiveOutcome>> fs = new ArrayList<>();
    int sent = 4000;
    long start = System.nanoTime();
    for (int i = 0; i < sent; i++) {
      long due = start + i * 1_000_000L;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      long slot = i;
      CompletableFuture<ReceiveOutcome> f = pipeline.submit(msg("A", slot, "01"));
      f.whenComplete((o, e) -> doneAt.put(slot, System.nanoTime()));
      fs.add(f);
    }
    int accepted = 0;
    int timeouts = 0;
    int shed = 0;
    int expired = 0;
    for (CompletableFuture<ReceiveOutcome> f : fs) {
      ReceiveOutcome o = f.get(10, TimeUnit.SECONDS);
      if (o instanceof ReceiveOutcome.Accepted) {
        accepted++;
      } else {
        Rejection r = ((ReceiveOutcome.Rejected) o).rejection();
        if (r.reason() == RejectReason.TIMEOUT) {
          timeouts++;
        } else if (r.message().startsWith("expired in the verify queue")) {
          // The sweeper found it past its deadline before late-shedding did: still unverified and
          // the node's fault, but it should be rare (a stalled sweeper on a loaded machine).
          assertThat(r.reason()).isEqualTo(RejectReason.OVERLOADED);
          expired++;
        } else {
          assertThat(r.reason()).isEqualTo(RejectReason.OVERLOADED);
          assertThat(r.message()).contains("shed").contains("oldest duty");
          shed++;
        }
      }
    }
    // Oldest first: when a set was shed, no older set was still waiting in the queue, so an older
    // set verified after that moment was one of the two being verified.
    int shedOldest = 0;
    for (int s = 0; s < sent; s++) {
      if (fs.get(s).join() instanceof ReceiveOutcome.Rejected r
          && r.rejection().message().startsWith("shed")) {
        long shedAt = doneAt.get((long) s);
        long olderVerifiedLater = 0;
        for (int a = 0; a < s; a++) {
          if (fs.get(a).join() instanceof ReceiveOutcome.Accepted
              && doneAt.get((long) a) > shedAt) {
            olderVerifiedLater++;
          }
        }
        assertThat(olderVerifiedLater).as("older sets verified after slot %d was shed", s)
            .isLessThanOrEqualTo(2);
        shedOldest++;
      }
    }
    System.out.printf("steady 1000/s over ~500/s capacity: accepted %d, shed %d (%d checked "
        + "oldest), expired %d, timeout %d, took %d ms%n", accepted, shed, shedOldest, expired,
        timeouts, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    assertThat(accepted + shed + expired + timeouts).isEqualTo(sent);
    assertThat(expired).as("expired in the queue rather than shed").isLessThan(sent / 10);
    assertThat(shed).isGreaterThan(sent / 10);
    assertThat(shedOldest).isGreaterThan(0);
    assertThat(timeouts).as("timeouts, with %d shed", shed).isLessThan(sent / 20);
    assertThat(accepted).isGreaterThan(sent / 5);
  }

  @Test
  void aFloodOfBadSetsWritesTensOfLinesAndHonestSetsKeepFlowing() throws Exception {
    AtomicInteger verified = new AtomicInteger();
    PartialSignatureVerifier counting = r -> {
      verified.incrementAndGet();
      return SIG_IS_01.verify(r);
    };
    pipeline(new ReceivePipeline.Config(2, 4096, Duration.ofSeconds(5), 65536, 1024), counting,
        new AllGaters(List.of(d -> GateDecision.allow())));
    long lines0 = pipeline.rejectionLogLines();
    List<CompletableFuture<ReceiveOutcome>> bad = new ArrayList<>();
    List<CompletableFuture<ReceiveOutcome>> honest = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      bad.add(pipeline.submit(msg("attacker", 100 + i / 50, "02")));
      if (i % 400 == 0) {
        honest.add(pipeline.submit(msg("honest", 100 + i / 50, "01")));
      }
    }
    Map<RejectReason, Integer> reasons = new java.util.EnumMap<>(RejectReason.class);
    for (CompletableFuture<ReceiveOutcome> f : bad) {
      Rejection r = rejection(f);
      reasons.merge(r.reason(), 1, Integer::sum);
    }
    for (CompletableFuture<ReceiveOutcome> f : honest) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(ReceiveOutcome.Accepted.class);
    }
    long lines = pipeline.rejectionLogLines() - lines0;
    System.out.printf("20,000 bad sets: %s; %d honest accepted; %d log lines; %d verified%n",
        reasons, honest.size(), lines, verified.get());
    assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20_000);
    assertThat(reasons.keySet()).containsOnly(RejectReason.INVALID_SIGNATURE,
        RejectReason.OVERLOADED);
    assertThat(pipeline.throttled("attacker")).isTrue();
    assertThat(pipeline.throttled("honest")).isFalse();
    assertThat(lines).isBetween(1L, 50L);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (listened.get() < 20_000 + honest.size() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(listened.get()).as("every outcome published, counted exactly")
        .isEqualTo(20_000 + honest.size());
  }
}
