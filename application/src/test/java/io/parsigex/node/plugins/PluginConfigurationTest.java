package io.parsigex.node.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.PubKey;
import io.parsigex.api.VerificationRequest;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.RejectionKind;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.node.config.ParsigexProperties;
import io.parsigex.node.plugins.broken.CountingVerifier;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.testsupport.PluginArtifacts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The Spring wiring: properties reach the host, the plugins' settings and the guard. */
class PluginConfigurationTest {

  @TempDir Path tmp;

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({PluginProperties.class, VerificationProperties.class})
  static class Props {}

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ParsigexProperties.class)
  static class NodeProps {}

  private ApplicationContextRunner runner() {
    ChainSpec mainnet = ChainPreset.MAINNET.spec();
    Instant now = mainnet.genesisInstant().plusSeconds(12L * 32 * 100);
    return new ApplicationContextRunner()
        .withUserConfiguration(Props.class, PluginConfiguration.class)
        .withBean(Clock.class, () -> Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void pluginSettingsAndTimeoutComeFromProperties() {
    Path dir = PluginArtifacts.install(tmp.resolve("plugins"), "bls-verifier", "epoch-gater");
    runner().withPropertyValues("parsigex.plugins.dir=" + dir,
            "parsigex.plugins.settings.epoch-gater.allowed-future-epochs=0",
            "parsigex.plugins.call-timeout=3s")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          GuardedExtensions guarded = ctx.getBean(GuardedExtensions.class);
          assertThat(guarded.hasVerifiers()).isTrue();
          // current epoch 100: with allowed-future-epochs=0 epoch 101 is refused
          assertThat(guarded.gate(new Duty(100 * 32, DutyType.ATTESTER)).join()).isEmpty();
          assertThat(guarded.gate(new Duty(101 * 32, DutyType.ATTESTER)).join())
              .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(RejectionKind.REFUSED));
        });
  }

  @Test
  void unusableCallBoundsAreRefusedNamingTheProperty() {
    for (String[] bad : new String[][] {{"parsigex.plugins.workers", "0"},
        {"parsigex.plugins.queue", "2147483647"}, {"parsigex.plugins.call-timeout", "0s"},
        {"parsigex.plugins.breaker.failure-threshold", "0"},
        {"parsigex.plugins.breaker.cool-down", "0s"},
        {"parsigex.plugins.max-abandoned-threads", "-1"}}) {
      runner().withPropertyValues("parsigex.plugins.dir=" + tmp.resolve("none"),
              "parsigex.verification.enabled=false", bad[0] + "=" + bad[1])
          .run(ctx -> assertThat(ctx).getFailure().as(bad[0]).rootCause()
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith(bad[0] + " must be"));
    }
  }

  /**
   * {@code parsigex.protocol.verify-workers} is the verification concurrency: with N workers, N
   * calls of a real verifier plugin ({@link CountingVerifier}, loaded from a zip) are seen running
   * at once. With the old shared plugin pool ({@code parsigex.plugins.workers}, 2) it was 2
   * whatever verify-workers said.
   */
  @Test
  void verifyWorkersIsTheVerificationConcurrencyMeasured() {
    Path dir = PluginArtifacts.testPlugin(tmp.resolve("counting"), "counting-verifier",
        CountingVerifier.class);
    for (int n : new int[] {4, 8}) {
      runner().withUserConfiguration(NodeProps.class)
          .withPropertyValues("parsigex.plugins.dir=" + dir,
              "parsigex.protocol.verify-workers=" + n, "parsigex.plugins.workers=2")
          .run(ctx -> {
            assertThat(ctx).hasNotFailed();
            GuardedExtensions guarded = ctx.getBean(GuardedExtensions.class);
            assertThat(guarded.limits().verifierWorkers()).isEqualTo(n);
            assertThat(guarded.limits().gaterWorkers()).isEqualTo(2);
            List<CompletableFuture<?>> calls = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 2 * n; i++) {
              calls.add(guarded.verify(List.of(request(i))));
            }
            calls.forEach(CompletableFuture::join);
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            Object ext = guarded.verifiers().get(0).extension();
            int max = (int) ext.getClass().getMethod("maxConcurrent").invoke(ext);
            System.out.println("verify-workers=" + n + ": " + max + " verify calls at once; "
                + 2 * n + " calls of " + CountingVerifier.HOLD_MILLIS + " ms took " + ms + " ms");
            assertThat(max).as("verify calls at once with verify-workers=%d", n).isEqualTo(n);
          });
    }
  }

  @Test
  void theCallTimeoutIsDerivedFromTheReceiveTimeoutAndMustBeShorter() {
    runner().withUserConfiguration(NodeProps.class)
        .withPropertyValues("parsigex.plugins.dir=" + tmp.resolve("none"),
            "parsigex.verification.enabled=false", "parsigex.protocol.receive-timeout=4s")
        .run(ctx -> assertThat(ctx.getBean(GuardedExtensions.class).limits().timeout())
            .isEqualTo(Duration.ofMillis(3200)));
    runner().withUserConfiguration(NodeProps.class)
        .withPropertyValues("parsigex.plugins.dir=" + tmp.resolve("none"),
            "parsigex.verification.enabled=false", "parsigex.plugins.call-timeout=5s")
        .run(ctx -> assertThat(ctx).getFailure().rootCause()
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("parsigex.plugins.call-timeout must be shorter than "
                + "parsigex.protocol.receive-timeout"));
    runner().withPropertyValues("parsigex.plugins.dir=" + tmp.resolve("none"),
            "parsigex.verification.enabled=false", "parsigex.plugins.breaker.failure-threshold=3",
            "parsigex.plugins.breaker.cool-down=7s", "parsigex.plugins.max-abandoned-threads=9")
        .run(ctx -> {
          GuardedExtensions.Limits l = ctx.getBean(GuardedExtensions.class).limits();
          assertThat(l.failureThreshold()).isEqualTo(3);
          assertThat(l.coolDown()).isEqualTo(Duration.ofSeconds(7));
          assertThat(l.maxAbandonedThreads()).isEqualTo(9);
          assertThat(l.timeout()).isEqualTo(Duration.ofSeconds(4));
        });
  }

  private static VerificationRequest request(int i) {
    return new VerificationRequest("peer", 2, new Duty(i, DutyType.RANDAO),
        PubKey.fromBytes(new byte[48]), 2, Optional.empty(), new byte[] {1},
        new io.parsigex.core.testing.TextData("x", new byte[] {1}));
  }

  @Test
  void theContextRefusesToStartWithoutAVerifier() {
    runner().withPropertyValues("parsigex.plugins.dir=" + tmp.resolve("none"))
        .run(ctx -> assertThat(ctx).getFailure().rootCause()
            .isInstanceOf(MissingVerifierException.class)
            .hasMessageContaining("parsigex.verification.enabled=false"));
    runner().withPropertyValues("parsigex.plugins.dir=" + tmp.resolve("none"),
            "parsigex.verification.enabled=false")
        .run(ctx -> assertThat(ctx).hasNotFailed());
  }
}
