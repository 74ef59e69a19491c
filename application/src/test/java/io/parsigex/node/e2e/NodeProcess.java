package io.parsigex.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One parsigex node running as its own JVM: {@code java -cp <the test's runtime class path, without
 * test classes> io.parsigex.node.ParsigexApplication --…}, with its output in a log file. Closing it
 * kills the process (forcibly, after a short grace period).
 */
final class NodeProcess implements AutoCloseable {

  /** The Spring Boot main class the node JVMs run. */
  static final String MAIN_CLASS = "io.parsigex.node.ParsigexApplication";
  /** Small heap and quick start: three of these share two cores with the test JVM. */
  static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-Xshare:auto");
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final int LOG_TAIL_LINES = 60;
  private static final long POLL_MILLIS = 200;

  private final String name;
  private final int httpPort;
  private final Path log;
  private final Process process;
  private final HttpClient http;

  private NodeProcess(String name, int httpPort, Path log, Process process, HttpClient http) {
    this.name = name;
    this.httpPort = httpPort;
    this.log = log;
    this.process = process;
    this.http = http;
  }

  /**
   * Starts a node JVM.
   *
   * @param name for messages
   * @param httpPort its {@code server.port}
   * @param args Spring arguments ({@code --name=value})
   * @param log where its stdout and stderr go
   * @param http the client used to poll it
   * @return the running process
   */
  static NodeProcess start(String name, int httpPort, List<String> args, Path log,
      HttpClient http) {
    return start(name, httpPort, args, java.util.Map.of(), log, http);
  }

  /**
   * Starts a node JVM with extra environment variables.
   *
   * @param name for messages
   * @param httpPort its {@code server.port}
   * @param args Spring arguments ({@code --name=value})
   * @param env environment variables added to this JVM's
   * @param log where its stdout and stderr go
   * @param http the client used to poll it
   * @return the running process
   */
  static NodeProcess start(String name, int httpPort, List<String> args,
      java.util.Map<String, String> env, Path log, HttpClient http) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(JVM_OPTIONS);
    cmd.add("-cp");
    cmd.add(runtimeClassPath());
    cmd.add(MAIN_CLASS);
    cmd.add("--server.port=" + httpPort);
    cmd.add("--server.address=127.0.0.1");
    cmd.addAll(args);
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      return new NodeProcess(name, httpPort, log, p, http);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts the built executable jar ({@code java -jar}) in a given working directory.
   *
   * @param name for messages
   * @param httpPort its {@code server.port}
   * @param jar the executable jar
   * @param workingDirectory the process's working directory
   * @param args Spring arguments ({@code --name=value})
   * @param log where its stdout and stderr go
   * @param http the client used to poll it
   * @return the running process
   */
  static NodeProcess startJar(String name, int httpPort, Path jar, Path workingDirectory,
      List<String> args, Path log, HttpClient http) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(JVM_OPTIONS);
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    cmd.add("--server.port=" + httpPort);
    cmd.add("--server.address=127.0.0.1");
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).directory(workingDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new NodeProcess(name, httpPort, log, p, http);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The running JVM's java binary.
   *
   * @return its path
   */
  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * The test JVM's class path without the test classes, so that the node sees exactly the
   * application and its dependencies (no test configuration gets component-scanned).
   *
   * @return the class path
   */
  static String runtimeClassPath() {
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator))
        .filter(e -> !e.endsWith("test-classes") && !e.endsWith("test-classes" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * A free TCP port on loopback.
   *
   * @return the port
   */
  static int freePort() {
    return io.parsigex.testsupport.FreePorts.loopbackPort();
  }

  /**
   * Deletes a scratch folder and everything in it; what cannot be deleted is left.
   *
   * @param dir the folder
   */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // scratch space only
    }
  }

  String name() {
    return name;
  }

  int httpPort() {
    return httpPort;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * GETs a path; a refused connection is a null body.
   *
   * @param path the path
   * @return the body, or null when the node does not answer 200
   */
  String get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + httpPort + path)).timeout(HTTP_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * POSTs JSON with a bearer token.
   *
   * @param path the path
   * @param body JSON
   * @param token the bearer token
   * @param timeout how long the answer may take
   * @return the response
   */
  HttpResponse<String> post(String path, String body, String token, Duration timeout)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Polls a path until its body satisfies a condition.
   *
   * @param path the path
   * @param condition on the body
   * @param timeout the bound
   * @return the body that satisfied it
   */
  String awaitGet(String path, Predicate<String> condition, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      last = get(path);
      if (last != null && condition.test(last)) {
        return last;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new AssertionError(name + ": GET " + path + " did not satisfy the condition within "
        + timeout + "; last answer: " + last + "\n" + logTail());
  }

  /**
   * How a JVM that was expected to end ended.
   *
   * @param exitCode its exit code
   * @param sawHealthUp whether {@code /actuator/health} ever answered UP while it ran
   * @param output everything it printed
   */
  record Exit(int exitCode, boolean sawHealthUp, String output) {}

  /**
   * Waits for the JVM to end, polling its health all the while.
   *
   * @param timeout the bound
   * @return how it ended
   * @throws AssertionError when it is still running after the timeout (it is killed)
   */
  Exit awaitExit(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    boolean up = false;
    while (process.isAlive() && System.nanoTime() < end) {
      String health = get("/actuator/health");
      up |= health != null && health.contains("\"status\":\"UP\"");
      process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
    if (process.isAlive()) {
      String tail = logTail();
      kill();
      throw new AssertionError(name + " still runs after " + timeout + "\n" + tail);
    }
    try {
      return new Exit(process.exitValue(), up, Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kills the JVM at once, as a crash would.
   *
   * @return whether it is gone within the grace period
   */
  boolean kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The end of its log.
   *
   * @return the last lines
   */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "---- " + name + " log tail ----\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES),
          lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A node's own copy of the built plugin artifacts: PF4J unpacks zips beside them, and three JVMs
   * unpacking into one folder at once race.
   */
  static Path pluginCopy(Path target) throws java.io.IOException {
    Files.createDirectories(target);
    try (var files = Files.list(pluginDir())) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, target.resolve(f.getFileName()));
        }
      }
    }
    return target;
  }

  static Path pluginDir() {
    Path p = Path.of("target/plugins").toAbsolutePath();
    if (!Files.isDirectory(p)) {
      p = Path.of("application/target/plugins").toAbsolutePath();
    }
    assertThat(p).as("the built plugin folder (run with -pl application -am)").isDirectory();
    return p;
  }
}
