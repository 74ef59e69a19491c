package io.parsigex.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.cluster.ClusterLockGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Start-up as an operator meets it, each case a separate node JVM: every mistake a user can make
 * at start-up ends the process with a non-zero exit code and Spring Boot's failure report (a
 * description and an action naming the fix), with no stack trace at the default log level, and
 * the node never answers health UP. {@code --help} prints the usage and exits 0; the demo, asked
 * for, starts and answers UP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupProcessTest {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration UP_TIMEOUT = Duration.ofSeconds(120);
  /** A stack trace line as Logback or the JVM prints it. */
  private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");
  private static final String REPORT = "APPLICATION FAILED TO START";

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final List<NodeProcess> started = new ArrayList<>();
  private Path dir;
  private Path lock;
  private Path key;

  @BeforeAll
  void cluster() throws IOException {
    dir = Files.createTempDirectory("parsigex-startup");
    ClusterLockGenerator.GeneratedCluster g = new ClusterLockGenerator(new SecureRandom())
        .generate(new ClusterLockGenerator.Spec(3, 1, 2, Bytes.of(new byte[] {0, 0, 0, 0}),
            List.of(NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()),
            "2026-11-23T00:00:00Z"));
    g.writeTo(dir.resolve("cluster"));
    lock = dir.resolve("cluster").resolve(ClusterLockGenerator.LOCK_FILE);
    key = dir.resolve("cluster").resolve("node0").resolve(ClusterLockGenerator.KEY_FILE);
  }

  @AfterAll
  void cleanUp() {
    started.forEach(NodeProcess::close);
    NodeProcess.deleteTree(dir);
  }

  @Test
  void aMistypedClusterPropertyIsReportedWithTheIntendedName() throws Exception {
    String out = refused("typo", List.of("--parsigex.cluster.lock-fille=" + lock,
        "--parsigex.identity.key-file=" + key, "--parsigex.plugins.dir=" + plugins("typo")),
        Map.of());
    assertThat(out).contains("parsigex.cluster.lock-fille")
        .contains("did you mean parsigex.cluster.lock-file?")
        .contains("Correct or remove the misspelt name");
  }

  @Test
  void aMistypedEnvironmentVariableIsReportedWithTheIntendedName() throws Exception {
    String out = refused("env-typo", List.of("--parsigex.plugins.dir=" + plugins("env-typo")),
        Map.of("PARSIGEX_CLUSTER_LOKFILE", lock.toString(),
            "PARSIGEX_IDENTITY_KEYFILE", key.toString()));
    assertThat(out).contains("PARSIGEX_CLUSTER_LOKFILE")
        .contains("did you mean parsigex.cluster.lock-file (environment variable "
            + "PARSIGEX_CLUSTER_LOCKFILE)?");
  }

  @Test
  void withNothingConfiguredTheNodeRefusesAndNamesWhatItLookedFor() throws Exception {
    String out = refused("nothing", List.of("--parsigex.plugins.dir=" + plugins("nothing")),
        Map.of());
    assertThat(out).contains("no cluster is configured")
        .contains("parsigex.cluster.lock-file with parsigex.identity.key-file")
        .contains("parsigex.cluster.peers with parsigex.cluster.validators")
        .contains("--parsigex.mode=demo");
  }

  @Test
  void aMissingKeyFileIsNamed() throws Exception {
    String out = refused("no-key", List.of("--parsigex.cluster.lock-file=" + lock,
        "--parsigex.identity.key-file=" + dir.resolve("no-such-key"),
        "--parsigex.plugins.dir=" + plugins("no-key")), Map.of());
    assertThat(out).contains("The setting 'parsigex.identity.key-file' cannot be used")
        .contains("no-such-key").contains("Correct 'parsigex.identity.key-file'");
  }

  @Test
  void aCorruptLockFileIsNamed() throws Exception {
    Path corrupt = dir.resolve("corrupt-lock.json");
    String json = Files.readString(lock, StandardCharsets.UTF_8);
    Files.writeString(corrupt, json.substring(0, json.length() / 2), StandardCharsets.UTF_8);
    String out = refused("corrupt-lock", List.of("--parsigex.cluster.lock-file=" + corrupt,
        "--parsigex.identity.key-file=" + key, "--parsigex.plugins.dir=" + plugins("corrupt")),
        Map.of());
    assertThat(out).contains("The setting 'parsigex.cluster.lock-file' cannot be used")
        .contains("corrupt-lock.json is refused")
        .contains("Point parsigex.cluster.lock-file at the cluster's cluster-lock.json");
  }

  @Test
  void aRefusedLockNamesTheOverrideProperty() throws Exception {
    Path tampered = dir.resolve("tampered-lock.json");
    String json = Files.readString(lock, StandardCharsets.UTF_8);
    String edited = json.replaceFirst("\"name\"\\s*:\\s*\"[^\"]*\"",
        "\"name\" : \"edited by hand\"");
    assertThat(edited).as("the lock has a name to edit").isNotEqualTo(json);
    Files.writeString(tampered, edited, StandardCharsets.UTF_8);
    String out = refused("tampered-lock", List.of("--parsigex.cluster.lock-file=" + tampered,
        "--parsigex.identity.key-file=" + key, "--parsigex.plugins.dir=" + plugins("tampered")),
        Map.of());
    assertThat(out).contains("tampered-lock.json is refused")
        .contains("parsigex.cluster.lock-verification=hashes-only")
        .contains("parsigex.cluster.lock-verification=none");
  }

  @Test
  void aMissingVerifierPluginNamesTheFolderSearched() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty-plugins"));
    String out = refused("no-verifier", List.of("--parsigex.mode=demo",
        "--parsigex.plugins.dir=" + empty), Map.of());
    assertThat(out).contains("no partial-signature verifier plugin was found in "
            + empty.toAbsolutePath())
        .contains("parsigex.plugins.dir").contains("parsigex.verification.enabled=false");
  }

  @Test
  void anIncompatiblePluginNamesBothVersions() throws Exception {
    Path folder = plugins("incompatible");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().putValue("Plugin-Id", "from-the-future");
    m.getMainAttributes().putValue("Plugin-Version", "1.0.0");
    m.getMainAttributes().putValue("Plugin-Requires", ">=99.0.0");
    try (OutputStream o = Files.newOutputStream(folder.resolve("from-the-future.jar"));
        JarOutputStream jar = new JarOutputStream(o, m)) {
      jar.flush();
    }
    String out = refused("incompatible", List.of("--parsigex.mode=demo",
        "--parsigex.plugins.dir=" + folder), Map.of());
    assertThat(out).contains("The plugin from-the-future")
        .contains("declares Plugin-Requires: >=99.0.0")
        .contains("Install a version of from-the-future built against plugin-api");
  }

  @Test
  void aListenAddressInUseIsNamed() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String out = refused("busy-port", List.of("--parsigex.cluster.lock-file=" + lock,
          "--parsigex.identity.key-file=" + key,
          "--parsigex.p2p.listen[0]=/ip4/127.0.0.1/tcp/" + busy.getLocalPort(),
          "--parsigex.plugins.dir=" + plugins("busy")), Map.of());
      assertThat(out).contains("The setting 'parsigex.p2p.listen' cannot be used")
          .contains("cannot listen on [/ip4/127.0.0.1/tcp/" + busy.getLocalPort() + "]")
          .contains("choose a free port in parsigex.p2p.listen");
    }
  }

  @Test
  void helpPrintsTheUsageAndStartsNothing() throws Exception {
    for (String flag : List.of("--help", "-h")) {
      NodeProcess p = launch("help" + flag, List.of(flag, "--parsigex.mode=demo"), Map.of());
      NodeProcess.Exit exit = p.awaitExit(EXIT_TIMEOUT);
      assertThat(exit.exitCode()).as(flag + "\n" + exit.output()).isZero();
      assertThat(exit.sawHealthUp()).isFalse();
      assertThat(exit.output()).contains("Usage:").contains("--parsigex.mode=demo")
          .contains("parsigex.cluster.lock-file").contains("\"Configuration\" section")
          .doesNotContain("Started ParsigexApplication").doesNotContain("Demo cluster");
    }
  }

  @Test
  void theDemoAskedForByItsProfileStartsAndAnswersUp() throws Exception {
    NodeProcess p = launch("demo", List.of("--spring.profiles.active=demo",
        "--parsigex.plugins.dir=" + plugins("demo"), "--parsigex.demo.signing=false"),
        Map.of());
    String health = p.awaitGet("/actuator/health", b -> b.contains("\"status\":\"UP\""),
        UP_TIMEOUT);
    assertThat(health).contains("\"mode\":\"demo\"");
    p.close();
  }

  /** Starts a node that must refuse; returns its output after the common checks. */
  private String refused(String name, List<String> args, Map<String, String> env)
      throws Exception {
    NodeProcess p = launch(name, args, env);
    NodeProcess.Exit exit = p.awaitExit(EXIT_TIMEOUT);
    String out = exit.output();
    assertThat(exit.exitCode()).as(name + " exit code\n" + out).isNotZero();
    assertThat(exit.sawHealthUp()).as(name + " answered health UP").isFalse();
    assertThat(out).as(name).contains(REPORT).contains("Description:").contains("Action:");
    assertThat(STACK_LINE.matcher(out).find()).as(name + " printed a stack trace\n" + out)
        .isFalse();
    assertThat(out).doesNotContain("Demo cluster of");
    return out;
  }

  private NodeProcess launch(String name, List<String> args, Map<String, String> env) {
    NodeProcess p = NodeProcess.start(name, NodeProcess.freePort(), args, env,
        dir.resolve(name + ".log"), http);
    started.add(p);
    return p;
  }

  private Path plugins(String name) throws IOException {
    return NodeProcess.pluginCopy(dir.resolve(name + "-plugins"));
  }
}
