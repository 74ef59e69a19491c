package io.parsigex.node.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.DutyGater;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.PluginApi;
import io.parsigex.api.PluginContext;
import io.parsigex.core.extensions.ExtensionRejection;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.NamedExtension;
import io.parsigex.testsupport.Prerequisite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin author does, end to end: copy {@code plugins/example-project} to a folder outside
 * the repository, build it with Maven against the installed plugin API (JDK 17, and JDK 25 where
 * present), drop the jar into a plugin folder and see the node load it and call its extension
 * through the guarded path that counts {@code parsigex_plugin_calls_total}.
 *
 * <p>The plugin API under test (the one on this test's class path) is first installed into the
 * build's local repository, as {@code ./mvnw install} would, so that the test also works in a
 * reactor {@code verify} where nothing is installed yet. Maven is the one running this build
 * ({@code build.maven-home}), else {@code mvn} on the PATH; without either the test is
 * skipped locally and fails under {@code CI=true}.
 */
class PluginAuthorTest {

  /** Where a JDK 25 is looked for (the CI image's Temurin). */
  static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  /** Bound on one Maven build of the example (the machine may be loaded). */
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(6);
  static final String EXAMPLE = "plugins/example-project";
  static final String PLUGIN_ID = "exit-gater";
  static final String EXTENSION = "com.example.parsigex.ExitGater";

  private static Path repoRoot;
  private static Path mvn;
  private static Optional<Path> localRepo;

  @TempDir Path tmp;

  @BeforeAll
  static void installPluginApi() throws Exception {
    repoRoot = repoRoot();
    mvn = maven();
    localRepo = Optional.ofNullable(System.getProperty("build.maven-repo"))
        .filter(s -> !s.isBlank() && !s.contains("${")).map(Path::of);
    Path jar = pluginApiJar();
    // A folder without a pom, so that install-file runs once, not once per reactor module.
    Path neutral = Files.createTempDirectory("parsigex-install-");
    List<String> install = new ArrayList<>(List.of(
        "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
        "-Dfile=" + jar, "-DpomFile=" + repoRoot.resolve("plugin-api/pom.xml")));
    run(javaHome(), neutral, install);
    // plugin-api's pom names the parent pom; a consumer resolves it too.
    run(javaHome(), neutral, List.of(
        "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
        "-Dfile=" + repoRoot.resolve("pom.xml"), "-DpomFile=" + repoRoot.resolve("pom.xml"),
        "-Dpackaging=pom"));
  }

  @Test
  void theExampleProjectStatesTheNodesVersions() throws IOException {
    String pom = Files.readString(repoRoot.resolve(EXAMPLE).resolve("pom.xml"));
    assertThat(property(pom, "parsigex-plugin-api.version")).isEqualTo(PluginApi.version());
    assertThat(property(pom, "pf4j.version")).isEqualTo(jarVersion(org.pf4j.Extension.class));
    assertThat(property(pom, "slf4j.version"))
        .isEqualTo(jarVersion(org.slf4j.LoggerFactory.class));
    assertThat(property(pom, "plugin.requires")).isEqualTo("&gt;=1.0.0 &amp; &lt;2.0.0");
  }

  @Test
  void buildsWithJdk17AndTheNodeCallsIt() throws Exception {
    Path jdk17 = jdk(17).orElse(null);
    if (jdk17 == null) {
      Prerequisite.missing("no JDK 17 found (neither this test's JVM nor /usr/lib/jvm/*17*)");
    }
    Path jar = buildExample(jdk17, tmp.resolve("jdk17"), false);
    loadAndCall(jar);
  }

  @Test
  void buildsWithJdk25AndTheNodeCallsIt() throws Exception {
    if (!Files.isExecutable(JDK25.resolve("bin/javac"))) {
      Prerequisite.optional("no JDK 25 at " + JDK25 + "; the JDK 25 build is not tried");
    }
    Path jar = buildExample(JDK25, tmp.resolve("jdk25"), false);
    loadAndCall(jar);
  }

  /** The failure the example's build avoids, reproduced: JDK 25, processor left to discovery. */
  @Test
  void aJdk25BuildWithoutTheProcessorConfigurationIsWarnedAbout() throws Exception {
    if (!Files.isExecutable(JDK25.resolve("bin/javac"))) {
      Prerequisite.optional("no JDK 25 at " + JDK25 + "; the JDK 25 build is not tried");
    }
    Path jar = buildExample(JDK25, tmp.resolve("naive"), true);
    try (JarFile j = new JarFile(jar.toFile())) {
      assertThat(j.getEntry("META-INF/extensions.idx")).as("javac 25 ran no processor").isNull();
    }
    Path plugins = Files.createDirectories(tmp.resolve("plugins-naive"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    try (PluginHost host = new PluginHost(plugins, List.of(), List.of(), contexts(Map.of()),
        false)) {
      assertThat(host.gaters()).isEmpty();
      assertThat(host.withoutExtensions()).singleElement().satisfies(d -> {
        assertThat(d.source()).isEqualTo(PLUGIN_ID);
        assertThat(d.problem()).contains("has no META-INF/extensions.idx")
            .contains(EXTENSION + " is annotated @Extension").contains("JDK 23");
      });
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new PluginSdkMetrics().pluginsWithoutExtensionsGauge(host).bindTo(registry);
      assertThat(registry.get("parsigex.plugins.without.extensions").gauge().value())
          .isEqualTo(1.0);
    }
  }

  /** Loads the built jar as the node does and calls its gater through the guarded path. */
  private void loadAndCall(Path jar) throws Exception {
    try (JarFile j = new JarFile(jar.toFile())) {
      Attributes manifest = j.getManifest().getMainAttributes();
      assertThat(manifest.getValue("Plugin-Id")).isEqualTo(PLUGIN_ID);
      assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
      try (InputStream in = j.getInputStream(j.getEntry("META-INF/extensions.idx"))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(EXTENSION);
      }
      try (InputStream in = j.getInputStream(
          j.getEntry(EXTENSION.replace('.', '/') + ".class"))) {
        byte[] head = in.readNBytes(8);
        assertThat(((head[6] & 0xff) << 8) | (head[7] & 0xff)).as("class file major version")
            .isEqualTo(61); // Java 17, whatever JDK compiled it
      }
      assertThat(j.stream().map(JarEntry::getName)).noneMatch(n -> n.startsWith("io/parsigex/")
          || n.startsWith("org/pf4j/") || n.startsWith("org/slf4j/"));
    }
    Path plugins = Files.createDirectories(tmp.resolve("plugins-" + jar.getParent().getParent()
        .getFileName()));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    for (boolean allowExits : new boolean[] {false, true}) {
      Map<String, Map<String, String>> settings = allowExits
          ? Map.of(PLUGIN_ID, Map.of("allow-exits", "true")) : Map.of();
      try (PluginHost host = new PluginHost(plugins, List.of(), List.of(), contexts(settings),
          false)) {
        assertThat(host.diagnostics()).isEmpty();
        assertThat(host.withoutExtensions()).isEmpty();
        assertThat(host.gaters()).singleElement().satisfies(g -> {
          assertThat(g.pluginId()).isEqualTo(PLUGIN_ID);
          assertThat(g.className()).isEqualTo(EXTENSION);
        });
        DutyGater gater = host.gaters().get(0).extension();
        ClassLoader plugin = gater.getClass().getClassLoader();
        assertThat(plugin).isNotSameAs(PluginHost.class.getClassLoader());
        // The host packages the plugin sees are the node's own classes, not copies.
        for (Class<?> shared : List.of(PluginApi.class, org.pf4j.Extension.class,
            org.slf4j.LoggerFactory.class)) {
          assertThat(plugin.loadClass(shared.getName())).isSameAs(shared);
        }
        callThroughTheNode(host, allowExits);
      }
    }
  }

  private static void callThroughTheNode(PluginHost host, boolean allowExits) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (GuardedExtensions guarded = new GuardedExtensions(host.gaters(), host.verifiers(),
        host.codecs(), GuardedExtensions.Limits.of(Duration.ofSeconds(30)), registry)) {
      Optional<ExtensionRejection> exit = guarded.gate(new Duty(7, DutyType.EXIT))
          .get(1, TimeUnit.MINUTES);
      Optional<ExtensionRejection> attester = guarded.gate(new Duty(7, DutyType.ATTESTER))
          .get(1, TimeUnit.MINUTES);
      assertThat(attester).isEmpty();
      if (allowExits) {
        assertThat(exit).isEmpty();
      } else {
        assertThat(exit).hasValueSatisfying(r -> {
          assertThat(r.pluginId()).isEqualTo(PLUGIN_ID);
          assertThat(r.reason()).contains("voluntary exits are refused (slot 7)")
              .contains("parsigex.plugins.settings.exit-gater.allow-exits=true");
        });
      }
      assertThat(registry.get("parsigex.plugin.calls").tag("plugin", PLUGIN_ID).counter().count())
          .isEqualTo(2.0);
    }
  }

  /**
   * Copies the example project outside the repository and builds it.
   *
   * @param naive whether to strip the explicit annotation processor configuration first (the
   *     build most plugin authors start from)
   */
  private Path buildExample(Path jdk, Path where, boolean naive) throws IOException {
    Path project = copyTree(repoRoot.resolve(EXAMPLE), where.resolve("exit-gater"));
    assertThat(project.toAbsolutePath().normalize().startsWith(repoRoot)).isFalse();
    if (naive) {
      Path pom = project.resolve("pom.xml");
      String text = Files.readString(pom);
      String stripped = text.replaceAll("(?s)<annotationProcessorPaths>.*</annotationProcessors>",
          "");
      assertThat(stripped).isNotEqualTo(text).doesNotContain("annotationProcessor");
      Files.writeString(pom, stripped);
    }
    List<String> args = new ArrayList<>(List.of("package"));
    run(jdk, project, args);
    Path jar = project.resolve("target").resolve(PLUGIN_ID + "-1.0.0.jar");
    assertThat(jar).isRegularFile();
    return jar;
  }

  /** Runs {@code mvn -o -q -B <args>} in a folder with a JDK; fails with Maven's output. */
  private static void run(Path jdk, Path dir, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-o", "-q", "-B"));
    localRepo.ifPresent(r -> cmd.add("-Dmaven.repo.local=" + r));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", jdk.toString());
    pb.environment().remove("MAVEN_OPTS");
    pb.environment().remove("MAVEN_ARGS");
    try {
      Process p = pb.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread drain = new Thread(() -> {
        try (InputStream in = p.getInputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // the process was killed; what was read is reported
        }
      }, "mvn-output");
      drain.setDaemon(true);
      drain.start();
      boolean exited = p.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      drain.join(TimeUnit.SECONDS.toMillis(10));
      String output = out.toString(StandardCharsets.UTF_8);
      if (!exited || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", cmd) + " in " + dir + " with JAVA_HOME=" + jdk
            + (exited ? " exited with " + p.exitValue() : " did not finish within "
                + BUILD_TIMEOUT) + ":\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Function<String, PluginContext> contexts(
      Map<String, Map<String, String>> settings) {
    ChainTiming timing = new ChainTiming(Instant.ofEpochSecond(1_606_824_023L),
        Duration.ofSeconds(12), 32);
    return id -> new PluginContext(id, ClusterShares.empty(), timing, Clock.systemUTC(),
        settings.getOrDefault(id, Map.of()));
  }

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve(EXAMPLE))) {
        return p.normalize();
      }
    }
    throw new AssertionError("not run inside the repository: " + Path.of("").toAbsolutePath());
  }

  /** The Maven running this build, else {@code mvn} on the PATH; skips or fails without one. */
  private static Path maven() {
    String home = System.getProperty("build.maven-home", "");
    if (!home.isBlank() && !home.contains("${")) {
      Path m = Path.of(home, "bin", "mvn");
      if (Files.isExecutable(m)) {
        return m;
      }
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path m = Path.of(d, "mvn");
      if (!d.isEmpty() && Files.isExecutable(m)) {
        return m;
      }
    }
    Prerequisite.missing("Maven is not on the PATH (and the test was not started by Maven), so "
        + "the example plugin project cannot be built");
    throw new AssertionError("unreachable");
  }

  private static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  /** A JDK of a feature version: this JVM when it is one, else one under /usr/lib/jvm. */
  private static Optional<Path> jdk(int feature) throws IOException {
    if (Runtime.version().feature() == feature
        && Files.isExecutable(javaHome().resolve("bin/javac"))) {
      return Optional.of(javaHome());
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(jvms)) {
      return s.filter(p -> p.getFileName().toString().matches(".*\\b" + feature + "\\b.*"))
          .filter(p -> Files.isExecutable(p.resolve("bin/javac")))
          .sorted().findFirst();
    }
  }

  /** The plugin-api on this test's class path as a jar (jarring target/classes when needed). */
  private static Path pluginApiJar() throws IOException, URISyntaxException {
    Path location = Path.of(PluginApi.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Path jar = Files.createTempFile("parsigex-plugin-api-", ".jar");
    jar.toFile().deleteOnExit();
    if (Files.isRegularFile(location)) {
      // A copy: install-file refuses to install a file onto itself.
      return Files.copy(location, jar, StandardCopyOption.REPLACE_EXISTING);
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(location)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(location.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</").matcher(pom);
    assertThat(m.find()).as(name + " in the example pom").isTrue();
    return m.group(1);
  }

  /** The version in the name of the jar a class comes from, e.g. {@code 3.14.1}. */
  private static String jarVersion(Class<?> c) {
    String file = c.getProtectionDomain().getCodeSource().getLocation().getPath();
    Matcher m = Pattern.compile("-(\\d+\\.\\d+\\.\\d+)\\.jar$").matcher(file);
    assertThat(m.find()).as("a versioned jar: " + file).isTrue();
    return m.group(1);
  }

  private static Path copyTree(Path src, Path dst) throws IOException {
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String rel = src.relativize(f).toString();
        if (rel.startsWith("target")) {
          continue;
        }
        Path t = dst.resolve(rel);
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dst;
  }
}
