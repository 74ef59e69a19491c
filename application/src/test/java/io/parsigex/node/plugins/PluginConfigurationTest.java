package io.parsigex.node.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.RejectionKind;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.testsupport.PluginArtifacts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        {"parsigex.plugins.queue", "2147483647"}, {"parsigex.plugins.call-timeout", "0s"}}) {
      runner().withPropertyValues("parsigex.plugins.dir=" + tmp.resolve("none"),
              "parsigex.verification.enabled=false", bad[0] + "=" + bad[1])
          .run(ctx -> assertThat(ctx).getFailure().as(bad[0]).rootCause()
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith(bad[0] + " must be"));
    }
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
