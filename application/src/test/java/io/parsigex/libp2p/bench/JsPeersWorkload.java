package io.parsigex.libp2p.bench;

import io.parsigex.testsupport.NodeJs;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two js-libp2p peers doing the same work, driven through {@code libp2p-bench.mjs} (the listener
 * in a worker thread, the dialer in the main thread, both kept connected between runs).
 */
final class JsPeersWorkload implements BenchWorkload {

  private static final String SCRIPT = "libp2p-bench.mjs";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final String RESULT = "result ";
  private static final double MIB = 1024.0 * 1024.0;

  private final NodeJs.JsProcess process;

  private JsPeersWorkload(NodeJs.JsProcess process) {
    this.process = process;
  }

  /**
   * Starts the script and waits until its two peers are connected.
   *
   * @return the running peers
   */
  static JsPeersWorkload start() {
    NodeJs.JsProcess p = NodeJs.get().start(SCRIPT);
    try {
      p.awaitLine("ready ", START_TIMEOUT);
      return new JsPeersWorkload(p);
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "js-libp2p";
  }

  @Override
  public RunResult bulk(long bytes) {
    String json = run("bulk " + bytes);
    return RunResult.of(bytes / MIB, figure(json, "seconds"), figure(json, "cpuSeconds"));
  }

  @Override
  public RunResult streams(int count, int inFlight) {
    String json = run(String.format(Locale.ROOT, "streams %d %d %d", count, inFlight,
        MESSAGE_BYTES));
    return RunResult.of(count, figure(json, "seconds"), figure(json, "cpuSeconds"));
  }

  private String run(String command) {
    process.send(command);
    String line = process.awaitLine(RESULT, RUN_TIMEOUT).substring(RESULT.length());
    if (!line.contains("\"kind\"") || line.contains("\"kind\":\"error\"")) {
      throw new IllegalStateException(SCRIPT + " failed on '" + command + "': " + line);
    }
    return line;
  }

  /**
   * Reads one number from the script's JSON answer.
   *
   * @param json the answer
   * @param field the field name
   * @return its value
   */
  static double figure(String json, String field) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)")
        .matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in " + json);
    }
    return Double.parseDouble(m.group(1));
  }

  @Override
  public void close() {
    try {
      process.send("exit");
    } catch (RuntimeException e) {
      // already gone
    } finally {
      process.close();
    }
  }
}
