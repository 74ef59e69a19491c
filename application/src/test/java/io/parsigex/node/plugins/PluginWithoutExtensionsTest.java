package io.parsigex.node.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.PluginContext;
import io.parsigex.node.plugins.broken.NotAnExtensionPoint;
import io.parsigex.testsupport.PluginArtifacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A started plugin that contributes no extension is reported (warning, list, gauge) with its likely
 * cause, instead of being loaded silently.
 */
class PluginWithoutExtensionsTest {

  @TempDir Path tmp;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger hostLog = (Logger) LoggerFactory.getLogger(PluginHost.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    hostLog.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    hostLog.detachAppender(logs);
  }

  private static Function<String, PluginContext> contexts() {
    ChainTiming timing = new ChainTiming(Instant.ofEpochSecond(1_606_824_023L),
        Duration.ofSeconds(12), 32);
    return id -> new PluginContext(id, ClusterShares.empty(), timing, Clock.systemUTC(), Map.of());
  }

  private static PluginHost host(Path dir) {
    return new PluginHost(dir, List.of(), List.of(), contexts(), true);
  }

  private static double gauge(PluginHost host) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new PluginSdkMetrics().pluginsWithoutExtensionsGauge(host).bindTo(registry);
    return registry.get("parsigex.plugins.without.extensions").gauge().value();
  }

  @Test
  void aJarBuiltWithoutItsIndexIsLoadedButWarnedAboutWithTheCauseAndTheFix() throws IOException {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier");
    // What a JDK 23+ build without an explicit annotation processor produces: the same classes,
    // no META-INF/extensions.idx.
    withoutEntry(PluginArtifacts.artifact("example-codec"), dir.resolve("example-codec-1.0.0.jar"),
        ExtensionIndexCheck.INDEX);
    try (PluginHost host = host(dir)) {
      assertThat(host.manager().getStartedPlugins()).extracting(p -> p.getPluginId())
          .contains("example-codec");
      assertThat(host.codecs()).isEmpty();
      assertThat(host.diagnostics()).isEmpty();
      assertThat(host.withoutExtensions()).singleElement().satisfies(d -> {
        assertThat(d.source()).isEqualTo("example-codec");
        assertThat(d.problem())
            .contains("contributes no extension")
            .contains("has no META-INF/extensions.idx")
            .contains("io.parsigex.plugins.example.SignedMessageCodec is annotated @Extension")
            .contains("JDK 23")
            .contains("<annotationProcessorPaths>")
            .contains("org.pf4j.processor.ExtensionAnnotationProcessor")
            .contains("-proc:full")
            .contains("plugins/example-project");
      });
      assertThat(gauge(host)).isEqualTo(1.0);
      assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN)
          .extracting(ILoggingEvent::getFormattedMessage)
          .singleElement().asString()
          .startsWith("Plugin example-codec contributes no extension")
          .contains("META-INF/extensions.idx");
    }
  }

  @Test
  void anIndexListingNoUsableClassIsReportedDifferently() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier");
    PluginArtifacts.testPlugin(dir, "not-an-extension", NotAnExtensionPoint.class);
    try (PluginHost host = host(dir)) {
      assertThat(host.withoutExtensions()).singleElement().satisfies(d -> {
        assertThat(d.source()).isEqualTo("not-an-extension");
        assertThat(d.problem()).contains("its META-INF/extensions.idx lists "
                + NotAnExtensionPoint.class.getName())
            .contains("none of them could be loaded as a DutyGater, PartialSignatureVerifier or "
                + "SignedDataCodec");
      });
      assertThat(gauge(host)).isEqualTo(1.0);
    }
  }

  @Test
  void pluginsWithExtensionsAreNotReported() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier", "epoch-gater",
        "example-codec");
    try (PluginHost host = host(dir)) {
      assertThat(host.withoutExtensions()).isEmpty();
      assertThat(gauge(host)).isZero();
      assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }
  }

  /** Copies a jar without one entry. */
  static void withoutEntry(Path source, Path target, String dropped) throws IOException {
    try (ZipFile in = new ZipFile(source.toFile());
        OutputStream os = Files.newOutputStream(target);
        ZipOutputStream out = new ZipOutputStream(os)) {
      var entries = in.entries();
      boolean seen = false;
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.getName().equals(dropped)) {
          seen = true;
          continue;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        try (InputStream is = in.getInputStream(e)) {
          is.transferTo(out);
        }
        out.closeEntry();
      }
      assertThat(seen).as(source + " has " + dropped).isTrue();
    }
  }
}
