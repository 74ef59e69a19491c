package io.parsigex.libp2p.bench;

import io.netty.util.ResourceLeakDetector;
import io.parsigex.libp2p.noise.ChaChaPolyProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Plain bench main (not a test): our libp2p stack (TCP, Noise, Yamux, multistream) against
 * js-libp2p, measured in the same run. Two Java {@code Host}s and two js-libp2p peers (from
 * {@code libp2p-bench.mjs}) each do the same work on loopback: bulk throughput on one stream, and
 * one new stream per {@value BenchWorkload#MESSAGE_BYTES}-byte message (full multistream
 * negotiation, as js-libp2p 3 always does) with 1 and with 16 in flight. The two sides alternate
 * (and swap who goes first every round) so that load from other processes hits both alike; the
 * table shows medians. Run it through {@code Libp2pBenchTest} ({@code ./mvnw -Pbench -pl
 * application -am verify}), or with the test classpath:
 * {@code java -cp <test classpath> io.parsigex.libp2p.bench.Libp2pBench [bulkMiB] [rounds]
 * [streams with 1 in flight] [streams with 16 in flight]}.
 */
public final class Libp2pBench {

  /** Bulk transfer size. */
  static final int DEFAULT_BULK_MIB = 256;
  /** Measured rounds (each side once per round and measurement). */
  static final int DEFAULT_ROUNDS = 5;
  /** Streams per run with one in flight. */
  static final int DEFAULT_STREAMS_ONE = 1000;
  /** Streams per run with sixteen in flight. */
  static final int DEFAULT_STREAMS_MANY = 2000;
  /** The concurrency of the second stream-rate measurement. */
  static final int MANY_IN_FLIGHT = 16;
  /** Unrecorded runs of each measurement on each side before the rounds (JIT warm-up). */
  static final int WARM_UP_RUNS = 6;
  /** The goal for the Java/js ratio. */
  static final double TARGET_RATIO = 3.0;
  private static final long MIB = 1024L * 1024L;
  /** System property: run only the measurements whose label starts with it ("bulk", "new"). */
  static final String ONLY_PROPERTY = "bench.libp2p.only";

  private Libp2pBench() {}

  /**
   * Runs the bench and prints the table.
   *
   * @param args optional: bulk MiB, rounds, streams with 1 in flight, streams with 16 in flight
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    int bulkMib = arg(args, 0, DEFAULT_BULK_MIB);
    int rounds = arg(args, 1, DEFAULT_ROUNDS);
    int streamsOne = arg(args, 2, DEFAULT_STREAMS_ONE);
    int streamsMany = arg(args, 3, DEFAULT_STREAMS_MANY);
    List<Measurement> measurements = List.of(
        new Measurement(String.format(Locale.ROOT, "bulk, 1 stream, %d MiB (MiB/s)", bulkMib),
            w -> w.bulk(bulkMib * MIB)),
        new Measurement(String.format(Locale.ROOT,
            "new stream per %d-byte msg, 1 in flight (streams/s)", BenchWorkload.MESSAGE_BYTES),
            w -> w.streams(streamsOne, 1)),
        new Measurement(String.format(Locale.ROOT,
            "new stream per %d-byte msg, %d in flight (streams/s)", BenchWorkload.MESSAGE_BYTES,
            MANY_IN_FLIGHT), w -> w.streams(streamsMany, MANY_IN_FLIGHT)));
    // -Dbench.libp2p.only=bulk (or streams) keeps the rows whose label starts with it
    String only = System.getProperty(ONLY_PROPERTY, "");
    measurements = measurements.stream().filter(m -> m.label().startsWith(only)).toList();
    List<Row> rows = run(measurements, rounds);
    System.out.print(table(rows, rounds));
  }

  /**
   * Warms both sides up ({@value #WARM_UP_RUNS} unrecorded runs each), then runs every
   * measurement {@code rounds} times on each side, alternating.
   *
   * @param measurements what to measure
   * @param rounds how many times
   * @return one row per measurement, with medians
   * @throws Exception when a run fails
   */
  static List<Row> run(List<Measurement> measurements, int rounds) throws Exception {
    try (BenchWorkload javaSide = JavaHostsWorkload.start();
        BenchWorkload jsSide = JsPeersWorkload.start()) {
      for (int i = 0; i < WARM_UP_RUNS; i++) {
        for (Measurement m : measurements) {
          m.run().run(javaSide);
          m.run().run(jsSide);
        }
      }
      Samples java = new Samples(measurements.size(), rounds);
      Samples js = new Samples(measurements.size(), rounds);
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < measurements.size(); i++) {
          Measurement m = measurements.get(i);
          // who goes first alternates, so a slow spell on the machine hits both sides alike
          if (r % 2 == 0) {
            java.put(i, r, m.run().run(javaSide));
            js.put(i, r, m.run().run(jsSide));
          } else {
            js.put(i, r, m.run().run(jsSide));
            java.put(i, r, m.run().run(javaSide));
          }
          System.out.printf(Locale.ROOT, "round %d, %s: Java %.1f (%.1f per CPU s), js %.1f (%.1f "
              + "per CPU s)%n", r + 1, m.label(), java.perSecond[i][r], java.perCpuSecond[i][r],
              js.perSecond[i][r], js.perCpuSecond[i][r]);
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < measurements.size(); i++) {
        rows.add(new Row(measurements.get(i).label(), median(java.perSecond[i]),
            median(js.perSecond[i]), median(java.perCpuSecond[i]), median(js.perCpuSecond[i])));
      }
      return rows;
    }
  }

  /** Per measurement and round: the figures of one side. */
  private static final class Samples {
    private final double[][] perSecond;
    private final double[][] perCpuSecond;

    Samples(int measurements, int rounds) {
      perSecond = new double[measurements][rounds];
      perCpuSecond = new double[measurements][rounds];
    }

    void put(int measurement, int round, RunResult r) {
      perSecond[measurement][round] = r.perSecond();
      perCpuSecond[measurement][round] = r.perCpuSecond();
    }
  }

  /**
   * The median of some samples (the mean of the middle two for an even count).
   *
   * @param samples at least one value
   * @return the median
   */
  static double median(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] s = samples.clone();
    Arrays.sort(s);
    int mid = s.length / 2;
    return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }

  /**
   * Formats the result as a Markdown table.
   *
   * @param rows the medians
   * @param rounds how many rounds they come from
   * @return the table
   */
  static String table(List<Row> rows, int rounds) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%nlibp2p on loopback, TCP + Noise + Yamux, median of %d "
        + "alternating rounds (%d cores, Java %s)%n", rounds,
        Runtime.getRuntime().availableProcessors(), Runtime.version()));
    b.append("| measurement | Java | js-libp2p | Java / js | Java / js per CPU second |\n"
        + "|---|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx%s | %.2fx |%n", r.label(),
          r.java(), r.js(), r.ratio(), r.ratio() >= TARGET_RATIO ? "" : " (below the 3x target)",
          r.cpuRatio()));
    }
    b.append("Per CPU second: work per second of CPU time of the process hosting both peers.\n");
    b.append("ChaCha20-Poly1305: ").append(ChaChaPolyProvider.describe()).append('\n');
    return b.toString();
  }

  private static int arg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  /** One run of a workload, giving its figures. */
  @FunctionalInterface
  interface Run {
    RunResult run(BenchWorkload w) throws Exception;
  }

  /**
   * A measurement: its table label and one run.
   *
   * @param label the row label
   * @param run the run
   */
  record Measurement(String label, Run run) {}

  /**
   * A table row (medians).
   *
   * @param label what was measured
   * @param java our figure per second
   * @param js js-libp2p's figure per second
   * @param javaPerCpu our figure per CPU second
   * @param jsPerCpu js-libp2p's figure per CPU second
   */
  record Row(String label, double java, double js, double javaPerCpu, double jsPerCpu) {
    /**
     * Java over js, per second.
     *
     * @return the ratio
     */
    double ratio() {
      return java / js;
    }

    /**
     * Java over js, per CPU second.
     *
     * @return the ratio
     */
    double cpuRatio() {
      return javaPerCpu / jsPerCpu;
    }
  }
}
