package io.parsigex.bench;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NodeJs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Receiver CPU per received set on the small-stream path, Java against js-libp2p, on the same
 * sender workload: a js-libp2p sender ({@code parsigex-peer.mjs}, its own process) opens a new
 * stream per one-entry set, 16 streams in flight, with lazy multistream ({@code negotiateFully:
 * false}), and sends a valid Charon JSON randao set (verification off). The receiver is either a
 * Java node alone in a fresh JVM ({@link ReceiverProcess}) or another {@code parsigex-peer.mjs}.
 *
 * <p>The figure is the receiving process's CPU time (user + system, all its threads: event loops,
 * pipeline, JIT compiler, GC) from just after the connection is up until it has received the last
 * set, divided by the sets. "Cold" is the first {@link #COLD_SETS} sets of the fresh process;
 * "warm" is {@link #WARM_SETS} sets after {@link #WARM_UP_SETS} more. The rounds alternate Java
 * and js, each round with fresh processes, so load from other processes hits both alike.
 *
 * <p>A second Java configuration can join the rounds, for comparing JVM options on the same
 * workload in alternating rounds ("java-b"): {@code -Dbench.receiver.b.jvmArgs=...} and/or
 * {@code -Dbench.receiver.b.java=<java executable>}; {@code -Dbench.receiver.b.train=...} runs one
 * untimed round of B's JVM with those options first (for example to write the class data sharing
 * archive or AOT cache that B's options then read). {@code -Dbench.receiver.java=...} sets the
 * first configuration's executable. The receiver's class path is made of jars only (the build's
 * class directories are packed into jars once per run), as class data sharing needs.
 */
public final class ReceiverCpuBench {

  static final int COLD_SETS = 6_000;
  static final int WARM_UP_SETS = 18_000;
  static final int WARM_SETS = 20_000;
  static final int IN_FLIGHT = 16;
  static final int ROUNDS = Integer.getInteger("bench.receiver.rounds", 2);
  /** For profiling: {@code -Dbench.receiver.jsToo=false} runs the Java receiver only. */
  private static final boolean JS_TOO = Boolean.parseBoolean(
      System.getProperty("bench.receiver.jsToo", "true"));
  /** The second Java configuration, when one of its properties is given. */
  private static final String B_JAVA = System.getProperty("bench.receiver.b.java", "");
  private static final String B_ARGS = System.getProperty("bench.receiver.b.jvmArgs", "");
  private static final String B_TRAIN = System.getProperty("bench.receiver.b.train", "");
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration EXIT = Duration.ofSeconds(30);
  private static final Duration DRAIN = Duration.ofSeconds(180);
  private static final long POLL_MILLIS = 50;
  private static final int DIAL_ATTEMPTS = 5;
  private static final double NANOS_PER_MICRO = 1_000.0;

  /** One receiver's figures in one round. */
  record Result(String who, int round, double coldMicros, double warmMicros, long failures) {

    String format() {
      return String.format(Locale.ROOT,
          "%-4s round %d | receiver CPU per set: cold (first %,d) %,7.1f µs | warm (%,d after"
              + " %,d) %,7.1f µs | failures %d",
          who, round, COLD_SETS, coldMicros, WARM_SETS, COLD_SETS + WARM_UP_SETS, warmMicros,
          failures);
    }
  }

  private ReceiverCpuBench() {}

  /**
   * Runs the rounds; prints every result as it comes.
   *
   * @return Java and js results, in run order
   */
  static List<Result> runAll() throws Exception {
    List<Result> out = new ArrayList<>();
    JavaSetup a = new JavaSetup("java", System.getProperty("bench.receiver.java", ""),
        System.getProperty("bench.receiver.jvmArgs", ""));
    JavaSetup b = B_JAVA.isBlank() && B_ARGS.isBlank() && B_TRAIN.isBlank() ? null
        : new JavaSetup("java-b", B_JAVA.isBlank() ? a.java() : B_JAVA, B_ARGS);
    // the Java receiver signs the set; the js receiver then gets the very same bytes
    String[] message = new String[1];
    if (b != null && !B_TRAIN.isBlank()) {
      Result training = run(new JavaSetup("train", b.java(), B_TRAIN), 0, message);
      System.out.println(training.format() + " (training, not counted)");
    }
    for (int round = 1; round <= ROUNDS; round++) {
      for (JavaSetup setup : b == null ? List.of(a) : List.of(a, b)) {
        Result java = run(setup, round, message);
        System.out.println(java.format());
        out.add(java);
      }
      if (JS_TOO) {
        Result js = run(null, round, message);
        System.out.println(js.format());
        out.add(js);
      }
    }
    return out;
  }

  /** A Java receiver's executable (blank: this JVM's) and JVM options, under a label. */
  record JavaSetup(String label, String java, String jvmArgs) {}

  /**
   * The ratio line for a list of results: medians of each side.
   *
   * @param results as from {@link #runAll}
   * @return text
   */
  static String summary(List<Result> results) {
    double jc = median(results, "java", true);
    double jw = median(results, "java", false);
    double sc = median(results, "js", true);
    double sw = median(results, "js", false);
    String line = String.format(Locale.ROOT,
        "receiver CPU per set, medians: warm Java %.1f µs vs js %.1f µs (Java = 1/%.1f of js);"
            + " cold Java %.1f µs vs js %.1f µs (Java = 1/%.1f of js)",
        jw, sw, sw / jw, jc, sc, sc / jc);
    double bc = median(results, "java-b", true);
    if (Double.isNaN(bc)) {
      return line;
    }
    double bw = median(results, "java-b", false);
    return line + String.format(Locale.ROOT, "%njava-b (%s %s): warm %.1f µs (%.2f× java's),"
        + " cold %.1f µs (%.2f× java's)", B_JAVA.isBlank() ? "same java" : B_JAVA, B_ARGS,
        bw, bw / jw, bc, bc / jc);
  }

  static double median(List<Result> results, String who, boolean cold) {
    double[] v = results.stream().filter(r -> r.who().equals(who))
        .mapToDouble(r -> cold ? r.coldMicros() : r.warmMicros()).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static Result run(JavaSetup setup, int round, String[] message) throws Exception {
    boolean java = setup != null;
    NodeJs nodeJs = NodeJs.get();
    SecureRandom random = new SecureRandom();
    Secp256k1PrivateKey senderKey = Secp256k1PrivateKey.generate(random);
    Secp256k1PrivateKey receiverKey = Secp256k1PrivateKey.generate(random);
    String senderId = PeerId.fromPublicKey(senderKey.publicKey()).toString();
    String receiverId = PeerId.fromPublicKey(receiverKey.publicKey()).toString();
    int senderPort = freePort();
    String senderAddr = "/ip4/127.0.0.1/tcp/" + senderPort;
    try (NodeJs.JsProcess sender = nodeJs.start("parsigex-peer.mjs",
            HexFormat.of().formatHex(senderKey.bytes()), Integer.toString(senderPort), receiverId);
        NodeJs.JsProcess receiver = java
            ? startJava(setup, receiverKey, senderId, senderAddr)
            : nodeJs.start("parsigex-peer.mjs", HexFormat.of().formatHex(receiverKey.bytes()),
                "0", senderId)) {
      sender.awaitLine("listening ", START);
      if (java) {
        message[0] = receiver.awaitLine("message ", START).substring("message ".length());
      }
      String addr = receiver.awaitLine("listening ", START).split(" ")[1];
      if (!java) {
        receiver.send("quiet true");
        receiver.awaitLine("quiet-ok", START);
      }
      // The Java receiver may dial the sender at the same moment (the sender is in its roster);
      // one of the two connections is then reset, and a second dial finds the other one.
      for (int attempt = 1; ; attempt++) {
        sender.send("dial " + addr);
        if (sender.awaitLine("dial", START).startsWith("dialed")) {
          break;
        }
        if (attempt == DIAL_ATTEMPTS) {
          throw new IllegalStateException("the sender could not connect to the receiver");
        }
        Thread.sleep(POLL_MILLIS * 10);
      }
      Counter counter = java ? new JavaCounter(receiver) : new JsCounter(receiver);
      double cold = measure(sender, receiverId, message[0], COLD_SETS, counter);
      measure(sender, receiverId, message[0], WARM_UP_SETS, counter);
      double warm = measure(sender, receiverId, message[0], WARM_SETS, counter);
      // a clean exit, so that a flight recording (bench.receiver.jvmArgs) is written
      receiver.send("exit");
      receiver.process().waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS);
      return new Result(java ? setup.label() : "js", round, cold, warm, counter.failures());
    }
  }

  /** Floods {@code sets} sets and returns the receiver's CPU µs per set while it took them. */
  private static double measure(NodeJs.JsProcess sender, String receiverId, String message,
      int sets, Counter counter) throws Exception {
    long before = counter.settled();
    long cpu0 = counter.cpuNanos();
    sender.send("flood " + receiverId + " " + message + " " + sets + " " + IN_FLIGHT + " lazy");
    sender.awaitLine("flood-ok", DRAIN);
    long end = System.nanoTime() + DRAIN.toNanos();
    while (counter.settled() < before + sets && System.nanoTime() < end) {
      Thread.sleep(POLL_MILLIS);
    }
    long cpu1 = counter.cpuNanos();
    if (counter.settled() < before + sets) {
      throw new IllegalStateException("the receiver settled " + (counter.settled() - before)
          + " of " + sets + " sets within " + DRAIN);
    }
    return (cpu1 - cpu0) / NANOS_PER_MICRO / sets;
  }

  private static NodeJs.JsProcess startJava(JavaSetup setup, Secp256k1PrivateKey key,
      String senderId, String senderAddr) {
    List<String> cmd = new ArrayList<>();
    cmd.add(!setup.java().isBlank() ? setup.java() : ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (!setup.jvmArgs().isBlank()) {
      cmd.addAll(List.of(setup.jvmArgs().trim().split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(JarClassPath.of(System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"))));
    cmd.add(ReceiverProcess.class.getName());
    cmd.add(HexFormat.of().formatHex(key.bytes()));
    cmd.add(Integer.toString(freePort()));
    cmd.add(senderId);
    cmd.add(senderAddr);
    try {
      return new NodeJs.JsProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start(),
          "java receiver");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the receiver has taken, and its CPU time. */
  private interface Counter {
    long settled() throws Exception;

    long cpuNanos() throws Exception;

    long failures();
  }

  /** The Java receiver reports its own counts and its process CPU time. */
  private static final class JavaCounter implements Counter {
    private final NodeJs.JsProcess p;
    private long rejected;

    JavaCounter(NodeJs.JsProcess p) {
      this.p = p;
    }

    private String[] stats() {
      p.send("stats");
      return p.awaitLine("stats ", START).split(" ");
    }

    @Override
    public long settled() {
      String[] s = stats();
      rejected = Long.parseLong(s[2]);
      return Long.parseLong(s[1]) + rejected;
    }

    @Override
    public long cpuNanos() {
      return Long.parseLong(stats()[3]);
    }

    @Override
    public long failures() {
      return rejected;
    }
  }

  /** The js receiver reports its counts; its CPU time is read from the OS (/proc on Linux). */
  private static final class JsCounter implements Counter {
    private final NodeJs.JsProcess p;
    private long errors;

    JsCounter(NodeJs.JsProcess p) {
      this.p = p;
    }

    @Override
    public long settled() {
      p.send("stats");
      String[] s = p.awaitLine("stats ", START).split(" ");
      errors = Long.parseLong(s[2]);
      return Long.parseLong(s[1]) + errors;
    }

    @Override
    public long cpuNanos() {
      return p.process().toHandle().info().totalCpuDuration()
          .orElseThrow(() -> new IllegalStateException("this OS does not report process CPU"))
          .toNanos();
    }

    @Override
    public long failures() {
      return errors;
    }
  }

  private static int freePort() {
    return io.parsigex.testsupport.FreePorts.loopbackPort();
  }
}
