package io.parsigex.node.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.PluginContext;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.testsupport.PluginArtifacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/**
 * A plugin the node survived without (left out at startup, or started without any extension) makes
 * the plugins' health DEGRADED, naming the plugin and why; with every plugin loaded and in service
 * it stays UP.
 */
class PluginHealthTest {

  @TempDir Path tmp;

  private static PluginHealth health(Path dir) {
    ChainTiming timing = new ChainTiming(Instant.ofEpochSecond(1_606_824_023L),
        Duration.ofSeconds(12), 32);
    try (PluginHost host = new PluginHost(dir, List.of(), List.of(),
            id -> new PluginContext(id, ClusterShares.empty(), timing, Clock.systemUTC(), Map.of()),
            true);
        GuardedExtensions guarded = new GuardedExtensions(host.gaters(), host.verifiers(),
            host.codecs(), GuardedExtensions.Limits.of(Duration.ofSeconds(4)),
            new SimpleMeterRegistry())) {
      return PluginHealth.of(guarded, host, true);
    }
  }

  @Test
  void everyPluginLoadedWithItsExtensionsIsUp() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier", "epoch-gater",
        "example-codec");
    PluginHealth h = health(dir);
    assertThat(h.status()).isEqualTo(Status.UP);
    assertThat(h.problems()).isEmpty();
    assertThat(h.plugins()).extracting(m -> m.get("plugin"))
        .contains("bls-verifier", "epoch-gater", "example-codec");
  }

  @Test
  void aPluginWithoutExtensionsIsDegradedWithItsIdAndWhy() throws IOException {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier");
    PluginWithoutExtensionsTest.withoutEntry(PluginArtifacts.artifact("example-codec"),
        dir.resolve("example-codec-1.0.0.jar"), ExtensionIndexCheck.INDEX);
    PluginHealth h = health(dir);
    assertThat(h.status()).isEqualTo(PluginHealth.DEGRADED);
    assertThat(h.verificationUnavailable()).isFalse();
    assertThat(h.problems()).singleElement().satisfies(p -> {
      assertThat(p).containsEntry("plugin", "example-codec")
          .containsEntry("problem", PluginHealth.NO_EXTENSIONS);
      assertThat((String) p.get("reason")).contains("has no META-INF/extensions.idx")
          .contains("org.pf4j.processor.ExtensionAnnotationProcessor");
    });
  }

  @Test
  void aPluginLeftOutIsDegradedWithItsFileAndWhy() throws IOException {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier");
    Files.writeString(dir.resolve("truncated-1.0.0.zip"), "not a zip", StandardCharsets.UTF_8);
    PluginHealth h = health(dir);
    assertThat(h.status()).isEqualTo(PluginHealth.DEGRADED);
    assertThat(h.problems()).singleElement().satisfies(p -> {
      assertThat(p).containsEntry("plugin", "truncated-1.0.0.zip")
          .containsEntry("problem", PluginHealth.LEFT_OUT);
      assertThat((String) p.get("reason")).contains("not a readable PF4J plugin");
    });
  }
}
