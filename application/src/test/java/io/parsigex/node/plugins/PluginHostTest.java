package io.parsigex.node.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.PluginApi;
import io.parsigex.api.PluginContext;
import io.parsigex.core.extensions.NamedExtension;
import io.parsigex.testsupport.PluginArtifacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host loading the real built plugin artifacts, and broken variants of them. */
class PluginHostTest {

  @TempDir Path tmp;

  private static Function<String, PluginContext> contexts(Map<String, Map<String, String>> settings) {
    ChainTiming timing = new ChainTiming(Instant.ofEpochSecond(1_606_824_023L),
        Duration.ofSeconds(12), 32);
    return id -> new PluginContext(id, ClusterShares.empty(), timing, Clock.systemUTC(),
        settings.getOrDefault(id, Map.of()));
  }

  private PluginHost host(Path dir, boolean verification) {
    return new PluginHost(dir, List.of(), List.of(), contexts(Map.of()), verification);
  }

  @Test
  void loadsEveryBuiltInPluginWithItsExtensions() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier", "epoch-gater",
        "example-codec");
    try (PluginHost host = host(dir, true)) {
      assertThat(host.diagnostics()).isEmpty();
      assertThat(host.verifiers()).extracting(NamedExtension::pluginId)
          .containsExactly("bls-verifier");
      assertThat(host.gaters()).extracting(NamedExtension::pluginId).containsExactly("epoch-gater");
      assertThat(host.codecs()).extracting(NamedExtension::pluginId)
          .containsExactly("example-codec");
      // Each extension comes from its plugin's class loader, not from the node's class path.
      assertThat(host.verifiers().get(0).extension().getClass().getClassLoader())
          .isNotSameAs(PluginHost.class.getClassLoader());
      assertThat(host.manager().getPlugin("bls-verifier").getDescriptor().getRequires())
          .isEqualTo(">=1.0.0 & <2.0.0");
    }
  }

  @Test
  void enableAndDisableByPluginId() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier", "epoch-gater",
        "example-codec");
    try (PluginHost host = new PluginHost(dir, List.of(), List.of("epoch-gater"),
        contexts(Map.of()), true)) {
      assertThat(host.gaters()).isEmpty();
      assertThat(host.codecs()).hasSize(1);
    }
    try (PluginHost host = new PluginHost(dir, List.of("bls-verifier"), List.of(),
        contexts(Map.of()), true)) {
      assertThat(host.gaters()).isEmpty();
      assertThat(host.codecs()).isEmpty();
      assertThat(host.verifiers()).hasSize(1);
    }
  }

  @Test
  void refusesToStartWithoutAVerifierUnlessVerificationIsDisabled() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "epoch-gater");
    assertThatThrownBy(() -> host(dir, true))
        .isInstanceOf(MissingVerifierException.class)
        .hasMessageContaining("parsigex.verification.enabled=false")
        .hasMessageContaining(dir.toAbsolutePath().toString());
    try (PluginHost host = host(dir, false)) {
      assertThat(host.verifiers()).isEmpty();
      assertThat(host.gaters()).hasSize(1);
    }
    try (PluginHost host = host(tmp.resolve("absent"), false)) {
      assertThat(host.gaters()).isEmpty();
    }
  }

  @Test
  void refusesToStartNamingAPluginThatRequiresAnotherApiVersion() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier");
    Path gater = PluginArtifacts.artifact("epoch-gater");
    String props = new String(PluginArtifacts.entry(gater, "plugin.properties"),
        StandardCharsets.UTF_8).replace(">=1.0.0 & <2.0.0", ">=2.0.0");
    PluginArtifacts.rewriteZip(gater, dir.resolve("epoch-gater-1.0.0.zip"),
        Map.of("plugin.properties", props.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> host(dir, true))
        .isInstanceOf(IncompatiblePluginException.class)
        .hasMessageContaining("plugin epoch-gater")
        .hasMessageContaining("requires plugin-api >=2.0.0")
        .hasMessageContaining("provides plugin-api " + PluginApi.version());
  }

  @Test
  void corruptJarAndZipAreDiagnosedAndTheOtherPluginsStillLoad() throws IOException {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier");
    Files.write(dir.resolve("broken-1.0.0.jar"), "not a jar at all".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("truncated-1.0.0.zip"),
        java.util.Arrays.copyOf(Files.readAllBytes(PluginArtifacts.artifact("epoch-gater")), 200));
    try (PluginHost host = host(dir, true)) {
      assertThat(host.verifiers()).hasSize(1);
      assertThat(host.diagnostics()).extracting(PluginDiagnostic::source)
          .contains("broken-1.0.0.jar", "truncated-1.0.0.zip");
      assertThat(host.diagnostics()).allSatisfy(d -> assertThat(d.problem())
          .containsAnyOf("not a readable PF4J plugin", "corrupt plugin zip"));
    }
  }

  @Test
  void aPluginBundlingPluginApiIsDiagnosedAndLeftOut() throws IOException, URISyntaxException {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier");
    PluginArtifacts.rewriteZip(PluginArtifacts.artifact("epoch-gater"),
        dir.resolve("epoch-gater-1.0.0.zip"),
        Map.of("lib/parsigex-plugin-api-1.0.0.jar", pluginApiJar()));
    try (PluginHost host = host(dir, true)) {
      assertThat(host.gaters()).isEmpty();
      assertThat(host.diagnostics()).singleElement().satisfies(d -> {
        assertThat(d.source()).isEqualTo("epoch-gater");
        assertThat(d.problem()).contains("bundles its own copy of plugin-api")
            .contains("<scope>provided</scope>");
      });
    }
  }

  @Test
  void aPluginWhoseExtensionThrowsOnCreationIsDiagnosed() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier", "epoch-gater");
    try (PluginHost host = new PluginHost(dir, List.of(), List.of(),
        contexts(Map.of("epoch-gater", Map.of("allowed-future-epochs", "soon"))), true)) {
      assertThat(host.gaters()).isEmpty();
      assertThat(host.verifiers()).hasSize(1);
      assertThat(host.diagnostics()).singleElement().satisfies(d -> {
        assertThat(d.source()).isEqualTo("epoch-gater");
        assertThat(d.problem()).contains("EpochGater could not be created")
            .contains("parsigex.plugins.settings.epoch-gater.allowed-future-epochs")
            .contains("\"soon\"");
      });
    }
  }

  /** The node's own plugin-api classes as a jar, as a careless plugin build would bundle them. */
  private static byte[] pluginApiJar() throws IOException, URISyntaxException {
    Path location = Path.of(PluginApi.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    if (Files.isRegularFile(location)) {
      return Files.readAllBytes(location);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(location)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        zip.putNextEntry(new ZipEntry(location.relativize(f).toString().replace('\\', '/')));
        zip.write(Files.readAllBytes(f));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
