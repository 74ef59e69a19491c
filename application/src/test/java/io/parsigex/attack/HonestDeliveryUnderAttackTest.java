package io.parsigex.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.wire.UnsignedVarint;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An honest member's delivery while one cluster member (or a stranger) attacks the victim, against
 * real nodes of an {@link AttackCluster}: each test measures how many of the honest member's valid,
 * verified sets reach the victim's listener within the receive timeout, and their latency from the
 * broadcast call, and prints one {@code attack: …} line (see {@link Figures}) for the README. Sizes
 * default to the issues' figures; each can be scaled with a system property
 * ({@code -Dattack.flood-sets=…}, see the constants).
 */
class HonestDeliveryUnderAttackTest {

  /** The honest member's sets per test ({@code attack.honest-sets}). */
  static final int HONEST_SETS = Integer.getInteger("attack.honest-sets", 51);
  /** Wrong-signature sets of the flood ({@code attack.flood-sets}). */
  static final int FLOOD_SETS = Integer.getInteger("attack.flood-sets", 20_000);
  /** The flood's streams at a time. */
  static final int FLOOD_WINDOW = 32;
  /** Concurrent slow streams ({@code attack.slow-streams}). */
  static final int SLOW_STREAMS = Integer.getInteger("attack.slow-streams", 2_000);
  /** What each slow stream declares: 100 MiB. */
  static final int SLOW_DECLARED = 100 << 20;
  /** Bytes each slow stream trickles per interval. */
  static final int SLOW_CHUNK = 16 * 1024;
  static final Duration SLOW_INTERVAL = Duration.ofMillis(250);
  /**
   * The heap bound of the slow-declare flood: live heap growth above the pre-attack baseline, in
   * MiB ({@code attack.heap-bound-mib}).
   */
  static final long HEAP_BOUND_MIB = Long.getLong("attack.heap-bound-mib", 256);
  /** Each garbage frame of the byte flood: 16 MiB, well framed ({@code attack.byte-frame}). */
  static final int BYTE_FRAME = Integer.getInteger("attack.byte-frame", 16 << 20);
  /**
   * The byte flood's streams at a time ({@code attack.byte-window}): the per-peer stream
   * cap, so that 64 frames of 16 MiB may claim up to 1 GiB of the victim's inbound bytes, more than
   * the whole inbound budget (512 MiB). How much it really holds depends on how fast this machine
   * moves bytes through Noise and Yamux (the line prints the attacker's rate).
   */
  static final int BYTE_WINDOW = Integer.getInteger("attack.byte-window",
      AttackCluster.MAX_STREAMS_PER_PEER);
  /** How long the byte flood runs ({@code attack.byte-seconds}). */
  static final Duration BYTE_FLOOD = Duration.ofSeconds(
      Integer.getInteger("attack.byte-seconds", 8));
  /** Sets that hit the hung verifier ({@code attack.hung-sets}). */
  static final int HUNG_SETS = Integer.getInteger("attack.hung-sets", 100);
  /** The plugin call timeout of the hung-verifier test. */
  static final Duration HUNG_CALL_TIMEOUT = Duration.ofSeconds(1);
  /** Silent TCP sockets ({@code attack.silent-sockets}). */
  static final int SILENT_SOCKETS = Integer.getInteger("attack.silent-sockets", 500);
  /** How fast a cluster peer must get in past the silent sockets. */
  static final Duration CONNECT_AT_ONCE = Duration.ofSeconds(3);
  /** The sustainable-rate steps, sets per second ({@code attack.rates}). */
  static final int[] RATES = Arrays.stream(System.getProperty("attack.rates",
      "25,50,100,200,400,800,1600").split(",")).mapToInt(Integer::parseInt).toArray();
  /** Sets sent (slowly) before the ramp, so that it measures compiled code on warm connections. */
  static final int WARM_UP_SETS = 200;
  static final int WARM_UP_RATE = 50;
  /** How long each rate step sends. */
  static final Duration RATE_STEP = Duration.ofSeconds(3);
  /**
   * Most sets of the overload step ({@code attack.overload-sets}), sent at twice the first
   * rate that was not sustained, for at most {@link #OVERLOAD_MAX}.
   */
  static final int OVERLOAD_SETS = Integer.getInteger("attack.overload-sets", 5_000);
  static final Duration OVERLOAD_MAX = Duration.ofSeconds(10);
  /** Most attack log lines a flood may write ("in the tens"). */
  static final long MAX_LOG_LINES = 99;
  /** The honest member's slots start here, far from the attacker's. */
  static final long HONEST_SLOT = 1_000_000;
  /** Spacing of the honest member's sets during an attack. */
  static final Duration HONEST_SPACING = Duration.ofMillis(100);
  /** Bound on waiting for the victim to settle every set after an attack. */
  static final Duration SETTLE = AttackCluster.RECEIVE_TIMEOUT.plusSeconds(15);

  private AttackCluster cluster;
  private Path work;

  @BeforeEach
  void work() throws IOException {
    work = Files.createTempDirectory("parsigex-attack");
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String attackerId() {
    return cluster.peer(AttackCluster.A).toString();
  }

  private String honestId() {
    return cluster.peer(AttackCluster.H).toString();
  }

  @Test
  @Timeout(180)
  void wrongSignatureFloodDoesNotStarveTheHonestMember() throws Exception {
    cluster = AttackCluster.start(AttackCluster.Setup.standard(), work);
    AtomicLong issued = new AtomicLong();
    try (LogCapture logs = new LogCapture(); HeapSampler heap = new HeapSampler()) {
      HonestSender honest = HonestSender.start(cluster, HONEST_SETS, HONEST_SPACING,
          () -> issued.get() >= Math.min(1_000, FLOOD_SETS / 10));
      long cpu = processCpuNanos();
      RawAttacker.Flood f = cluster.attacker().flood(FLOOD_SETS, FLOOD_WINDOW, i -> {
        issued.incrementAndGet();
        return cluster.wrongShareFrame(i);
      }, System.nanoTime() + Duration.ofSeconds(120).toNanos());
      long cpuPerSet = (processCpuNanos() - cpu) / 1_000 / Math.max(1, f.written());
      honest.floodEnded();
      honest.join();
      awaitSettled(honestId(), honest.sent());
      awaitSettled(attackerId(), f.opened());
      Map<RejectReason, Long> byReason = cluster.recorder().refusedByReason(attackerId());
      long attackLogs = logs.linesMentioning(attackerId());
      Outcome h = honestOutcome(honest.sent());
      Figures.print("wrong-signature flood, " + f.written() + " sets, " + FLOOD_WINDOW
          + " streams at a time", h.inTime(), honest.sent(), h.latencies(), String.format(
              Locale.ROOT, "%d honest sent during the flood; attack refusals %s; %d µs CPU per"
                  + " attack set; log lines %d; heap live +%d MiB (peak used %d MiB); flood %.1f s",
              honest.sentDuringFlood(), byReason, cpuPerSet, attackLogs, heap.liveGrowthMib(),
              heap.peakUsedMib(), f.elapsed().toMillis() / 1e3));
      assertThat(issued.get()).as("attack sets attempted (the flood ran to its end)")
          .isEqualTo(FLOOD_SETS);
      assertThat(h.inTime()).as("honest sets delivered within the receive timeout")
          .isEqualTo(honest.sent());
      assertThat(cluster.recorder().refused(honestId())).as("honest refusals").isEmpty();
      assertThat(byReason.values().stream().mapToLong(Long::longValue).sum())
          .as("every attack set refused exactly once: %s", byReason).isEqualTo(f.opened());
      assertThat(cluster.recorder().delivered(attackerId())).as("attack sets accepted").isEmpty();
      assertThat(attackLogs).as("log lines mentioning the attacker").isLessThanOrEqualTo(
          MAX_LOG_LINES);
    }
  }

  @Test
  @Timeout(120)
  void slowDeclareFloodIsResetAtTheDeadlineWithinTheHeapBound() throws Exception {
    cluster = AttackCluster.start(AttackCluster.Setup.standard(), work);
    try (LogCapture logs = new LogCapture(); HeapSampler heap = new HeapSampler()) {
      AtomicLong started = new AtomicLong();
      HonestSender honest = HonestSender.start(cluster, HONEST_SETS, HONEST_SPACING,
          () -> started.get() > 0);
      started.set(1);
      long deadline = System.nanoTime() + AttackCluster.RECEIVE_TIMEOUT.plusSeconds(5).toNanos();
      RawAttacker.Slow s = cluster.attacker().slowDeclare(SLOW_STREAMS, SLOW_DECLARED, SLOW_CHUNK,
          SLOW_INTERVAL, deadline);
      honest.floodEnded();
      honest.join();
      awaitSettled(honestId(), honest.sent());
      awaitSettled(attackerId(), s.opened());
      Map<RejectReason, Long> byReason = cluster.recorder().refusedByReason(attackerId());
      List<Duration> late = s.resetAfter().stream()
          .filter(d -> d.compareTo(AttackCluster.RECEIVE_TIMEOUT.dividedBy(2)) >= 0).toList();
      long attackLogs = logs.linesMentioning(attackerId());
      Outcome h = honestOutcome(honest.sent());
      Figures.print("slow-declare flood, " + SLOW_STREAMS + " streams declaring 100 MiB, "
          + SLOW_CHUNK / 1024 + " KiB per " + SLOW_INTERVAL.toMillis() + " ms",
          h.inTime(), honest.sent(), h.latencies(), String.format(Locale.ROOT,
              "opened %d, open failed %d, still opening at the end %d, reset at once %d, reset at"
                  + " the deadline %d (p50 %s, max %s), still open %d; attack refusals %s; log lines %d; heap live +%d MiB"
                  + " (bound %d MiB, peak used %d MiB)",
              s.opened(), s.failed(), s.stillOpening(), s.resetAfter().size() - late.size(), late.size(),
              Figures.ms(Figures.pct(late, 0.5)), Figures.ms(Figures.pct(late, 1.0)),
              s.unanswered(), byReason, attackLogs, heap.liveGrowthMib(), HEAP_BOUND_MIB,
              heap.peakUsedMib()));
      assertThat(h.inTime()).as("honest sets delivered within the receive timeout")
          .isEqualTo(honest.sent());
      assertThat(s.unanswered()).as("slow streams not reset by their deadline").isZero();
      assertThat(late).as("slow streams are reset at their receive deadline")
          .allMatch(d -> d.compareTo(AttackCluster.RECEIVE_TIMEOUT.plusSeconds(2)) <= 0);
      assertThat(heap.liveGrowthMib()).as("live heap growth, MiB").isLessThanOrEqualTo(
          HEAP_BOUND_MIB);
      assertThat(byReason.values().stream().mapToLong(Long::longValue).sum())
          .as("every opened stream refused exactly once: %s", byReason).isEqualTo(s.opened());
      assertThat(attackLogs).as("log lines mentioning the attacker").isLessThanOrEqualTo(
          MAX_LOG_LINES);
    }
  }

  @Test
  @Timeout(120)
  void rawByteFloodDoesNotTakeTheOtherMembersShare() throws Exception {
    cluster = AttackCluster.start(AttackCluster.Setup.standard(), work);
    byte[] frame = garbageFrame(BYTE_FRAME);
    Map<String, java.util.function.LongSupplier> parts = new java.util.LinkedHashMap<>();
    parts.put("victim inbound budget", () -> cluster.victim().inboundBytes());
    parts.put("netty heap buffers", () -> ((io.netty.buffer.ByteBufAllocatorMetricProvider)
        io.netty.buffer.ByteBufAllocator.DEFAULT).metric().usedHeapMemory());
    try (LogCapture logs = new LogCapture(); HeapSampler heap = new HeapSampler(parts)) {
      AtomicLong issued = new AtomicLong();
      HonestSender honest = HonestSender.start(cluster, HONEST_SETS, HONEST_SPACING,
          () -> issued.get() >= BYTE_WINDOW);
      long bytesBefore = cluster.attacker().bytesOut();
      RawAttacker.Flood f = cluster.attacker().flood(Long.MAX_VALUE, BYTE_WINDOW, i -> {
            issued.incrementAndGet();
            return frame;
          }, System.nanoTime() + BYTE_FLOOD.toNanos());
      honest.floodEnded();
      honest.join();
      awaitSettled(honestId(), honest.sent());
      awaitSettled(attackerId(), f.opened());
      Map<RejectReason, Long> byReason = cluster.recorder().refusedByReason(attackerId());
      Outcome h = honestOutcome(honest.sent());
      double mibPerSecond = (cluster.attacker().bytesOut() - bytesBefore) / (double) (1 << 20)
          / (f.elapsed().toNanos() / 1e9);
      Figures.print("raw-frame byte flood, " + BYTE_FRAME / (1 << 20) + " MiB garbage frames, "
          + BYTE_WINDOW + " streams at a time, " + BYTE_FLOOD.toSeconds()
          + " s", h.inTime(), honest.sent(), h.latencies(), String.format(Locale.ROOT,
              "%d honest sent during the flood; attacker wrote %d whole frames (%.0f MiB/s), %d streams"
                  + " reset, %d failed; attack refusals %s; log lines %d; heap live +%d MiB"
                  + " (peak used %d MiB)",
              honest.sentDuringFlood(), f.written(), mibPerSecond, f.reset(), f.failed(), byReason,
              logs.linesMentioning(attackerId()), heap.liveGrowthMib(), heap.peakUsedMib()));
      System.out.println("attack: byte flood heap at its live peak: " + heap.atPeak());
      assertThat(h.inTime()).as("honest sets delivered within the receive timeout")
          .isEqualTo(honest.sent());
      assertThat(cluster.recorder().refused(honestId())).as("honest refusals").isEmpty();
      assertThat(byReason.values().stream().mapToLong(Long::longValue).sum())
          .as("every attack stream refused exactly once: %s", byReason).isEqualTo(f.opened());
      assertThat(logs.linesMentioning(attackerId())).as("log lines mentioning the attacker")
          .isLessThanOrEqualTo(MAX_LOG_LINES);
    }
  }

  @Test
  @Timeout(120)
  void hungVerifierDoesNotStopVerification() throws Exception {
    cluster = AttackCluster.start(new AttackCluster.Setup(true, HUNG_CALL_TIMEOUT, false), work);
    RawAttacker.Flood f = cluster.attacker().flood(HUNG_SETS, FLOOD_WINDOW,
        cluster::attackerValidFrame, System.nanoTime() + Duration.ofSeconds(30).toNanos());
    awaitSettled(attackerId(), f.opened());
    Map<RejectReason, Long> byReason = cluster.recorder().refusedByReason(attackerId());
    HonestSender honest = HonestSender.start(cluster, HONEST_SETS, Duration.ofMillis(20), () -> true);
    honest.floodEnded();
    honest.join();
    awaitSettled(honestId(), honest.sent());
    Outcome h = honestOutcome(honest.sent());
    double timeouts = cluster.pluginFailures(HangingVerifier.ID, "timeout");
    Figures.print("hung verifier plugin, " + f.written() + " sets that hang it (call timeout "
        + HUNG_CALL_TIMEOUT.toMillis() + " ms), then honest sets", h.inTime(), honest.sent(),
        h.latencies(), String.format(Locale.ROOT, "attack refusals %s; honest refusals %s;"
            + " plugin timeouts counted %.0f", byReason,
            cluster.recorder().refusedByReason(honestId()), timeouts));
    assertThat(h.inTime()).as("honest sets verified within the receive timeout")
        .isEqualTo(honest.sent());
    // plugin_timeout, or plugin_failed once a circuit breaker has taken the plugin out of service
    // for A's sets; on a loaded machine some of A's sets also wait past their deadline behind the
    // hung calls (overloaded): every refusal is the node's fault, none blamed on the peer
    assertThat(byReason.keySet()).as("the hung plugin's refusals blame the plugin, not the peer")
        .isSubsetOf(RejectReason.PLUGIN_TIMEOUT, RejectReason.PLUGIN_FAILED,
            RejectReason.OVERLOADED);
    assertThat(byReason.get(RejectReason.PLUGIN_TIMEOUT)).as("plugin_timeout refusals")
        .isNotNull().isPositive();
    assertThat(byReason.values().stream().mapToLong(Long::longValue).sum())
        .as("every hanging set refused exactly once: %s", byReason).isEqualTo(f.opened());
    assertThat(timeouts).as("parsigex_plugin_failures_total{plugin=hung-verifier,kind=timeout}")
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  @Timeout(180)
  void sustainableRateAndOldestFirstShedding() throws Exception {
    cluster = AttackCluster.start(AttackCluster.Setup.standard(), work);
    long slot = HONEST_SLOT;
    step(slot, WARM_UP_SETS, WARM_UP_RATE);
    slot += WARM_UP_SETS;
    int sustainable = 0;
    int topRate = 0;
    for (int rate : RATES) {
      int sets = (int) (rate * RATE_STEP.toMillis() / 1_000);
      Step st = step(slot, sets, rate);
      slot += sets;
      topRate = rate;
      st.print("sustained rate " + rate + " sets/s, 1-entry RANDAO, verification on");
      if (st.refused().isEmpty() && st.outcome().inTime() == sets) {
        sustainable = rate;
      } else {
        break;
      }
    }
    int overloadRate = topRate * 2;
    int overloadSets = (int) Math.min(OVERLOAD_SETS, overloadRate * OVERLOAD_MAX.toSeconds());
    long overloadFirst = slot;
    long shedBefore = cluster.victim().shedStreams();
    Step over = step(slot, overloadSets, overloadRate);
    long shedStreams = cluster.victim().shedStreams() - shedBefore;
    over.print("overload at " + overloadRate + " sets/s (sustainable here: " + sustainable
        + " sets/s)");
    System.out.println("attack: sustainable verified-set rate on this machine: " + sustainable
        + " sets/s (1-entry RANDAO, bls-verifier, "
        + Runtime.getRuntime().availableProcessors() + " cores)");
    // refusals of a set (its slot known) apart from refusals of a stream before its set was read
    List<DeliveryRecorder.Refused> refused = over.refused().stream().filter(r -> r.slot() >= 0)
        .toList();
    long streamRefusals = over.refused().size() - refused.size();
    long timeouts = refused.stream().filter(r -> r.reason() == RejectReason.TIMEOUT).count();
    // only this step's slots: late outcomes of the step before can arrive during this one
    long settledSlots = java.util.stream.Stream.concat(
        over.delivered().stream().map(DeliveryRecorder.Delivered::slot),
        refused.stream().map(DeliveryRecorder.Refused::slot))
        .filter(sl -> sl >= overloadFirst && sl < overloadFirst + overloadSets).distinct().count();
    assertThat(sustainable).as("some rate is sustained").isPositive();
    // Far above the sustainable rate, the event loops cannot read streams as fast as they open,
    // and the per-peer stream cap takes the excess: its oldest stream when that one is a
    // straggler (shed), else the new stream (refused at open); both are counted as overloaded (the
    // node's fault), without a slot. Every set still gets exactly one outcome.
    System.out.println("attack: overload step: " + streamRefusals + " of " + overloadSets
        + " streams refused by the per-peer stream cap (" + shedStreams + " of them in-flight"
        + " stragglers shed for newer streams, the rest refused at open), " + refused.size()
        + " sets shed by slot");
    // Stream refusals carry no slot; those of the step before that arrive during this one are
    // counted here too, so this is a lower bound: no set of this step is left without an outcome.
    assertThat(settledSlots + streamRefusals + over.sendFailures())
        .as("every set of the overload step settled, at the victim or as a failed send")
        .isGreaterThanOrEqualTo(overloadSets);
    assertThat(over.refused().stream().filter(r -> r.slot() < 0))
        .as("stream refusals are the node's overload, not blamed on the peer")
        .allMatch(r -> r.reason() == RejectReason.OVERLOADED);
    assertThat(timeouts).as("overload is shed by policy, not by mass timeouts")
        .isLessThanOrEqualTo(overloadSets / 100);
    assertThat(refused).as("shed sets are refused as overloaded")
        .allMatch(r -> r.reason() == RejectReason.OVERLOADED);
    // oldest first: when a set was shed, no older set was still waiting to be delivered
    for (DeliveryRecorder.Refused r : refused) {
      assertThat(over.delivered()).as("a set older than shed slot %d delivered after it", r.slot())
          .noneMatch(d -> d.slot() < r.slot() && d.atNanos() > r.atNanos());
    }
  }

  /** One rate step's result. */
  private record Step(int sets, int rate, Outcome outcome, List<DeliveryRecorder.Delivered> delivered,
      List<DeliveryRecorder.Refused> refused, Map<RejectReason, Long> byReason, int sendFailures) {
    void print(String what) {
      Figures.print(what, outcome.inTime(), sets, outcome.latencies(), "refused " + refused.size()
          + " " + byReason + ", sends failed at the sender " + sendFailures);
    }
  }

  private Step step(long firstSlot, int sets, int rate) throws Exception {
    cluster.recorder().clear();
    long spacing = 1_000_000_000L / rate;
    long start = System.nanoTime();
    List<CompletableFuture<BroadcastResult>> sends = new ArrayList<>(sets);
    for (int i = 0; i < sets; i++) {
      long due = start + i * spacing;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      sends.add(cluster.sendHonest(firstSlot + i));
    }
    awaitSettled(honestId(), sets);
    // Sends the victim never saw (its Yamux refused the stream, or the send timed out) have
    // their outcome at the sender: a failed peer outcome for the victim.
    String victim = cluster.peer(AttackCluster.V).toString();
    int sendFailures = 0;
    for (CompletableFuture<BroadcastResult> f : sends) {
      BroadcastResult r = f.get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
      if (r.outcomes().stream().anyMatch(o -> o.peerId().equals(victim) && !o.isSent())) {
        sendFailures++;
      }
    }
    return new Step(sets, rate, honestOutcome(sets), cluster.recorder().delivered(honestId()),
        cluster.recorder().refused(honestId()), cluster.recorder().refusedByReason(honestId()),
        sendFailures);
  }

  @Test
  @Timeout(120)
  void silentSocketsDoNotKeepAClusterPeerOut() throws Exception {
    cluster = AttackCluster.start(new AttackCluster.Setup(false, Duration.ofSeconds(5), true),
        work);
    List<Socket> sockets = new ArrayList<>();
    try {
      long openStart = System.nanoTime();
      int refusedAtConnect = 0;
      for (int i = 0; i < SILENT_SOCKETS; i++) {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
              cluster.victimPort()), 2_000);
          sockets.add(s);
        } catch (IOException e) {
          refusedAtConnect++;
          s.close();
        }
      }
      Duration opening = Duration.ofNanos(System.nanoTime() - openStart);
      Optional<Duration> joined = cluster.startLateMember(Duration.ofSeconds(20));
      HonestSender honest = HonestSender.start(cluster, HONEST_SETS, Duration.ofMillis(20),
          () -> true);
      honest.floodEnded();
      honest.join();
      awaitSettled(honestId(), honest.sent());
      Outcome h = honestOutcome(honest.sent());
      long stillOpen = sockets.stream().filter(s -> !isClosedByPeer(s)).count();
      Figures.print(SILENT_SOCKETS + " silent TCP sockets (opened in " + opening.toMillis()
          + " ms, " + refusedAtConnect + " refused at connect)", h.inTime(), honest.sent(),
          h.latencies(), "a cluster peer connected in " + joined.map(Figures::ms)
              .orElse("> 20 s (never)") + "; sockets still open afterwards " + stillOpen);
      assertThat(joined).as("the late cluster peer connected").isPresent();
      assertThat(joined.get()).as("time for a cluster peer to connect past the silent sockets")
          .isLessThanOrEqualTo(CONNECT_AT_ONCE);
      assertThat(h.inTime()).as("honest sets delivered within the receive timeout")
          .isEqualTo(honest.sent());
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** Whether the victim closed a silent socket (after reading what it wrote, its multistream header). */
  private static boolean isClosedByPeer(Socket s) {
    try {
      s.setSoTimeout(20);
      byte[] buf = new byte[256];
      for (int i = 0; i < 64; i++) {
        if (s.getInputStream().read(buf) < 0) {
          return true;
        }
      }
      return false;
    } catch (java.net.SocketTimeoutException open) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** The honest member's sets as the victim saw them. */
  private record Outcome(long inTime, List<Duration> latencies) {}

  private Outcome honestOutcome(long sent) {
    List<Duration> latencies = cluster.recorder().delivered(honestId()).stream()
        .map(DeliveryRecorder.Delivered::latency).toList();
    long inTime = latencies.stream()
        .filter(d -> d.compareTo(AttackCluster.RECEIVE_TIMEOUT) <= 0).count();
    return new Outcome(Math.min(inTime, sent), latencies);
  }

  private void awaitSettled(String peer, long n) throws InterruptedException {
    long end = System.nanoTime() + SETTLE.toNanos();
    while (cluster.recorder().settled(peer) < n && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  private static byte[] garbageFrame(int size) {
    byte[] prefix = UnsignedVarint.encode(size);
    byte[] frame = new byte[prefix.length + size];
    System.arraycopy(prefix, 0, frame, 0, prefix.length);
    byte[] body = new byte[size];
    new Random(19).nextBytes(body);
    // a protobuf field 1 (duty) that claims the whole body: well framed, garbage inside
    body[0] = (byte) 0xff;
    System.arraycopy(body, 0, frame, prefix.length, size);
    return frame;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The honest member's sender: one set per spacing, from when a condition holds. */
  private static final class HonestSender {
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong duringFlood = new AtomicLong();
    private volatile boolean floodRunning = true;

    private HonestSender(AttackCluster cluster, int sets, Duration spacing,
        BooleanSupplier startWhen) {
      thread = new Thread(() -> {
        try {
          long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
          while (!startWhen.getAsBoolean() && floodRunning && System.nanoTime() < end) {
            Thread.sleep(5);
          }
          for (int i = 0; i < sets; i++) {
            cluster.sendHonest(HONEST_SLOT + i);
            sent.incrementAndGet();
            if (floodRunning) {
              duringFlood.incrementAndGet();
            }
            Thread.sleep(spacing.toMillis());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "attack-honest-sender");
      thread.setDaemon(true);
    }

    static HonestSender start(AttackCluster cluster, int sets, Duration spacing,
        BooleanSupplier startWhen) {
      HonestSender s = new HonestSender(cluster, sets, spacing, startWhen);
      s.thread.start();
      return s;
    }

    void floodEnded() {
      floodRunning = false;
    }

    void join() throws InterruptedException {
      thread.join(Duration.ofSeconds(60).toMillis());
    }

    long sent() {
      return sent.get();
    }

    long sentDuringFlood() {
      return duringFlood.get();
    }
  }
}
