package io.parsigex.bench;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NodeJs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end throughput and latency of {@code /charon/parsigex/2.0.0} between two Java nodes on
 * loopback ({@link BenchPair}), for 1-entry and 100-entry sets, with verification off and on (the
 * real bls-verifier plugin), and, in the same run, between two js-libp2p peers
 * ({@code parsigex-peer.mjs}) sending the same messages.
 *
 * <p>Java: the sender keeps a window of sets in flight end to end (a set leaves the window when the
 * receiver's listener gets it). Latency "e2e" runs from the broadcast call to the receiver's
 * listener; "recv→event" from the moment the receiver read the whole frame to its listener. js: the
 * sender keeps the same window of streams in flight; its latency runs from the send (the time written
 * into the duty slot) to the receiver's decode (and, with verification on, its batch check of the
 * set with {@code @chainsafe/blst}).
 *
 * <p>Run with {@code ./mvnw -q -o -B -pl application -am test -Dtest=ParSigExBenchTest
 * -Dparsigex.bench=true -Dsurefire.failIfNoSpecifiedTests=false}; the figures are in
 * {@code application/target/surefire-reports/io.parsigex.bench.ParSigExBenchTest-output.txt}.
 */
public final class ParSigExBench {

  private static final int WARM_UP_RUNS = 2;
  /** Sets in flight at once when a profiling run names none. */
  static final int WINDOW = 256;
  private static final Duration STALL = Duration.ofSeconds(20);
  private static final Duration JS_TIMEOUT = Duration.ofSeconds(120);
  private static final long NANOS_PER_MICRO = 1_000;
  private static final double P50 = 0.50;
  private static final double P99 = 0.99;

  /** One measured scenario. */
  record Result(String who, int entries, boolean verify, int sets, double setsPerSecond,
      long p50Micros, long p99Micros, long recvP50Micros, long recvP99Micros, long failures,
      double cpuMicrosPerSet) {

    String format() {
      return String.format(Locale.ROOT,
          "%-5s %3d entr. verify %-3s | %7d sets | %9.0f sets/s | e2e p50 %8d µs p99 %8d µs"
              + " | recv→event p50 %6s µs p99 %6s µs | cpu %s µs/set | failures %d",
          who, entries, verify ? "on" : "off", sets, setsPerSecond, p50Micros, p99Micros,
          recvP50Micros < 0 ? "-" : Long.toString(recvP50Micros),
          recvP99Micros < 0 ? "-" : Long.toString(recvP99Micros),
          cpuMicrosPerSet < 0 ? "-" : String.format(Locale.ROOT, "%.0f", cpuMicrosPerSet),
          failures);
    }
  }

  /**
   * What to run.
   *
   * @param entries validators per set
   * @param verify whether the receiver verifies
   * @param sets sets to send (after two unrecorded runs of as many)
   * @param window sets in flight at once: small enough that the receiver's queue drains well
   *     within Charon's 5 s receive timeout
   */
  record Scenario(int entries, boolean verify, int sets, int window) {}

  static final List<Scenario> SCENARIOS = List.of(
      new Scenario(1, false, 60_000, 256),
      new Scenario(100, false, 4_000, 32),
      new Scenario(1, true, 3_000, 32),
      new Scenario(100, true, 200, 8));

  private ParSigExBench() {}

  /**
   * Runs everything and prints a table; or, with arguments, only the Java scenarios named
   * {@code <entries>:<on|off>:<sets>} (for profiling).
   *
   * @param args none, or scenarios
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      for (Result r : runAll(true)) {
        System.out.println(r.format());
      }
      return;
    }
    Path work = Files.createTempDirectory("parsigex-bench");
    for (String a : args) {
      String[] p = a.split(":");
      Scenario s = new Scenario(Integer.parseInt(p[0]), "on".equals(p[1]), Integer.parseInt(p[2]),
          p.length > 3 ? Integer.parseInt(p[3]) : WINDOW);
      warmUp(s, work);
      System.out.println(runJava(s, work).format());
    }
  }

  /**
   * Runs every Java scenario and, when asked, the js pair.
   *
   * @param withJs whether to run the js reference too
   * @return the results, Java first
   */
  static List<Result> runAll(boolean withJs) throws Exception {
    Path work = Files.createTempDirectory("parsigex-bench");
    List<Result> out = new ArrayList<>();
    for (Scenario s : SCENARIOS) {
      warmUp(s, work);
      Result r = runJava(s, work);
      System.out.println(r.format());
      out.add(r);
    }
    if (withJs) {
      for (Scenario s : SCENARIOS) {
        Result r = runJs(s, work);
        System.out.println(r.format());
        out.add(r);
      }
    }
    return out;
  }

  /** Two full unrecorded runs, so that the measured one runs compiled code (C2), not the JIT. */
  private static void warmUp(Scenario s, Path work) throws Exception {
    for (int i = 0; i < WARM_UP_RUNS; i++) {
      runJava(s, work);
    }
  }

  /** Receiver-side bookkeeping of one Java run. */
  private static final class Receipts implements ReceiveListener {
    final long[] sentAt;
    final long[] e2e;
    final long[] recv;
    final AtomicInteger done = new AtomicInteger();
    final AtomicLong rejected = new AtomicLong();
    final Semaphore window;
    volatile long lastAt;

    Receipts(int sets, int window) {
      this.window = new Semaphore(window);
      sentAt = new long[sets];
      e2e = new long[sets];
      recv = new long[sets];
    }

    @Override
    public void onAccepted(VerifiedSet s) {
      long now = System.nanoTime();
      int i = (int) s.duty().slot();
      if (i >= 0 && i < sentAt.length) {
        e2e[i] = (now - sentAt[i]) / NANOS_PER_MICRO;
        Duration r = Duration.between(s.receivedAt(), Instant.now());
        recv[i] = r.toNanos() / NANOS_PER_MICRO;
        lastAt = now;
        done.incrementAndGet();
      }
      window.release();
    }

    @Override
    public void onRejected(Rejection r) {
      rejected.incrementAndGet();
      done.incrementAndGet();
      window.release();
    }
  }

  static Result runJava(Scenario s, Path work) throws Exception {
    Receipts receipts = new Receipts(s.sets(), s.window());
    AtomicLong failures = new AtomicLong();
    try (BenchPair pair = BenchPair.start(s.entries(), s.verify(), receipts, work)) {
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      for (int i = 0; i < s.sets(); i++) {
        if (!receipts.window.tryAcquire(STALL.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("no progress for " + STALL + " at set " + i
              + "; received " + receipts.done.get());
        }
        receipts.sentAt[i] = System.nanoTime();
        pair.sender().broadcast(new Duty(i, DutyType.RANDAO), pair.set()).thenAccept(r -> {
          for (PeerOutcome o : r.outcomes()) {
            if (!o.isSent()) {
              failures.incrementAndGet();
              receipts.window.release();
            }
          }
        });
      }
      if (!receipts.window.tryAcquire(s.window(), STALL.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the last sets did not arrive within " + STALL);
      }
      double seconds = (receipts.lastAt - start) / 1e9;
      double cpuPerSet = (processCpuNanos() - cpuStart) / (double) NANOS_PER_MICRO / s.sets();
      long[] e2e = Arrays.copyOf(receipts.e2e, s.sets());
      long[] recv = Arrays.copyOf(receipts.recv, s.sets());
      Arrays.sort(e2e);
      Arrays.sort(recv);
      return new Result("java", s.entries(), s.verify(), s.sets(),
          receipts.done.get() / seconds, pct(e2e, P50), pct(e2e, P99), pct(recv, P50),
          pct(recv, P99), failures.get() + receipts.rejected.get(), cpuPerSet);
    }
  }

  static Result runJs(Scenario s, Path work) throws Exception {
    NodeJs nodeJs = NodeJs.get();
    SecureRandom random = new SecureRandom();
    Secp256k1PrivateKey keyA = Secp256k1PrivateKey.generate(random);
    Secp256k1PrivateKey keyB = Secp256k1PrivateKey.generate(random);
    String idA = PeerId.fromPublicKey(keyA.publicKey()).toString();
    String idB = PeerId.fromPublicKey(keyB.publicKey()).toString();
    Map<String, byte[]> entries;
    String verification;
    try (BenchPair pair = BenchPair.start(s.entries(), false, new ReceiveListener() {
      @Override
      public void onAccepted(VerifiedSet set) {}

      @Override
      public void onRejected(Rejection r) {}
    }, work)) {
      entries = pair.encodedEntries();
      verification = pair.jsVerification();
    }
    StringBuilder msg = new StringBuilder("{\"slot\":\"0\",\"type\":").append(DutyType.RANDAO.code())
        .append(",\"entries\":[");
    boolean first = true;
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      msg.append(first ? "" : ",").append("{\"pubkey\":\"").append(e.getKey())
          .append("\",\"data\":\"").append(HexFormat.of().formatHex(e.getValue()))
          .append("\",\"signature\":\"").append("00".repeat(96)).append("\",\"share_idx\":1}");
      first = false;
    }
    msg.append("]}");
    try (NodeJs.JsProcess b = nodeJs.start("parsigex-peer.mjs",
            HexFormat.of().formatHex(keyB.bytes()), "0", idA);
        NodeJs.JsProcess a = nodeJs.start("parsigex-peer.mjs",
            HexFormat.of().formatHex(keyA.bytes()), "0", idB)) {
      String addrB = b.awaitLine("listening ", JS_TIMEOUT).split(" ")[1];
      a.awaitLine("listening ", JS_TIMEOUT);
      b.send("quiet true");
      b.awaitLine("quiet-ok", JS_TIMEOUT);
      if (s.verify()) {
        b.send("verify " + verification);
        b.awaitLine("verify-ok", JS_TIMEOUT);
      }
      a.send("dial " + addrB);
      a.awaitLine("dialed", JS_TIMEOUT);
      int sets = s.sets();
      int warm = Math.max(s.window(), sets / 5);
      a.send("flood " + idB + " " + msg + " " + warm + " " + s.window());
      a.awaitLine("flood-ok", JS_TIMEOUT);
      awaitJsReceived(b, warm);
      b.send("reset");
      b.awaitLine("reset-ok", JS_TIMEOUT);
      a.send("flood " + idB + " " + msg + " " + sets + " " + s.window());
      a.awaitLine("flood-ok", JS_TIMEOUT);
      String[] st = awaitJsReceived(b, sets);
      long received = Long.parseLong(st[1]);
      double seconds = Long.parseLong(st[5]) / 1e6;
      return new Result("js", s.entries(), s.verify(), sets, received / seconds,
          (long) Double.parseDouble(st[3]), (long) Double.parseDouble(st[4]), -1, -1,
          Long.parseLong(st[2]) + (sets - received), -1);
    }
  }

  private static String[] awaitJsReceived(NodeJs.JsProcess b, int sets) throws Exception {
    long end = System.nanoTime() + JS_TIMEOUT.toNanos();
    String[] st;
    do {
      b.send("stats");
      st = b.awaitLine("stats ", JS_TIMEOUT).split(" ");
      if (Long.parseLong(st[1]) + Long.parseLong(st[2]) >= sets) {
        return st;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < end);
    return st;
  }

  /** CPU time of this process (both Java nodes), all threads. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
  }
}
