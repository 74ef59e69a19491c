package io.parsigex.node.e2e;

import io.parsigex.testsupport.Prerequisite;
import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.testsupport.PluginArtifacts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built executable jar, {@code application/target/parsigex-node.jar}, started with
 * {@code java -jar} as the README's examples start it: without {@code parsigex.plugins.dir} it finds
 * the built plugins in {@code application/target/plugins}, beside the jar, from the repository's
 * root and from an unrelated folder alike (the demo verifies, so it needs the verifier plugin, and
 * answers UP); a relative {@code parsigex.plugins.dir} is resolved against the working directory,
 * and a plugin there without extensions turns health DEGRADED with its id and the fix.
 *
 * <p>The jar exists only after {@code package}: the build runs this class in the
 * {@code integration-test} phase ({@code ./mvnw -pl application verify}, the surefire execution
 * {@code jar-tests}, which sets {@value #JAR_PHASE}); started in the {@code test} phase it is
 * skipped with a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginFolderJarProcessTest {

  /** Set by the surefire execution that runs after the jar is built. */
  static final String JAR_PHASE = "parsigex.jar-built";
  private static final Duration UP_TIMEOUT = Duration.ofSeconds(150);
  private static final Path JAR = Path.of("target", "parsigex-node.jar").toAbsolutePath();
  private static final List<String> DEMO = List.of("--parsigex.mode=demo",
      "--parsigex.demo.signing=false", "--parsigex.demo.nodes=3", "--parsigex.demo.threshold=2");

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final List<NodeProcess> started = new ArrayList<>();
  private Path scratch;

  @BeforeAll
  void jar() throws IOException {
    Prerequisite.optIn(JAR_PHASE, "PluginFolderJarProcessTest starts the packaged jar and runs in "
        + "the integration-test phase (./mvnw -pl application verify); it");
    assertThat(JAR).as("the executable jar built by this build").isRegularFile();
    Path classes = Path.of("target", "classes", "io", "parsigex", "node",
        "ParsigexApplication.class");
    FileTime built = Files.getLastModifiedTime(JAR);
    assertThat(built).as("the jar is at least as new as the compiled classes")
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(classes));
    scratch = Files.createTempDirectory("parsigex-jar-cwd");
  }

  @AfterAll
  void cleanUp() {
    started.forEach(NodeProcess::close);
    NodeProcess.deleteTree(scratch);
  }

  @Test
  void withoutPluginsDirTheJarFindsThePluginsBesideItFromAnyWorkingDirectory() throws Exception {
    Path besideJar = JAR.resolveSibling("plugins");
    Path repoRoot = Path.of("..").toAbsolutePath().normalize();
    Path elsewhere = Files.createDirectories(scratch.resolve("elsewhere"));
    for (Path cwd : List.of(repoRoot, elsewhere)) {
      String name = "cwd-" + cwd.getFileName();
      String log = upAndLog(name, cwd, DEMO, "\"status\":\"UP\"");
      assertThat(log).as(name).contains("Loading plugins from " + besideJar)
          .contains("Loaded plugin bls-verifier");
      // at the repository's root ./plugins holds the plugin modules' sources, not plugins
      assertThat(log).as(name).doesNotContain("Loading plugins from " + cwd.resolve("plugins"));
    }
  }

  @Test
  void aRelativePluginsDirIsResolvedAgainstTheWorkingDirectory() throws Exception {
    Path cwd = Files.createDirectories(scratch.resolve("operator"));
    Path mine = Files.createDirectories(cwd.resolve("my-plugins"));
    Files.copy(PluginArtifacts.artifact("bls-verifier"), mine.resolve("bls-verifier-1.0.0.zip"),
        StandardCopyOption.REPLACE_EXISTING);
    withoutIndex(PluginArtifacts.artifact("example-codec"), mine.resolve("example-codec-1.0.0.jar"));
    List<String> args = new ArrayList<>(DEMO);
    args.add("--parsigex.plugins.dir=my-plugins");
    String log = upAndLog("relative", cwd, args, "\"status\":\"DEGRADED\"");
    assertThat(log).contains("Loading plugins from " + mine.toAbsolutePath())
        .contains("Plugin example-codec contributes no extension");
  }

  /** Starts the jar, waits for its health to contain {@code status}, checks it, and stops it. */
  private String upAndLog(String name, Path cwd, List<String> args, String status)
      throws Exception {
    Path log = scratch.resolve(name + ".log");
    NodeProcess p = NodeProcess.startJar(name, NodeProcess.freePort(), JAR, cwd, args, log, http);
    started.add(p);
    String health = p.awaitGet("/actuator/health", b -> b.contains(status), UP_TIMEOUT);
    assertThat(health).as(name).contains("\"mode\":\"demo\"");
    if (status.contains("DEGRADED")) {
      assertThat(health).contains("plugins_without_extensions").contains("example-codec")
          .contains("META-INF/extensions.idx");
    }
    p.close();
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static void withoutIndex(Path source, Path target) throws IOException {
    try (ZipFile in = new ZipFile(source.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      var entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.getName().equals("META-INF/extensions.idx")) {
          out.putNextEntry(new ZipEntry(e.getName()));
          try (var is = in.getInputStream(e)) {
            is.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
  }
}
