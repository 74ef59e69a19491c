package io.parsigex.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.PluginContext;
import io.parsigex.core.extensions.ExtensionRejection;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.RejectionKind;
import io.parsigex.eth2.signing.ChainClock;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.node.plugins.PluginHost;
import io.parsigex.testsupport.PluginArtifacts;
import io.parsigex.testsupport.TestSeed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real epoch-gater plugin artifact gating duties against a fixed wall clock. */
@ExtendWith(TestSeed.class)
class EpochGaterPluginTest {

  @TempDir Path tmp;

  private Optional<ExtensionRejection> gate(PluginHost host, Duty duty) {
    try (GuardedExtensions g = new GuardedExtensions(host.gaters(), List.of(), List.of(),
        GuardedExtensions.Limits.of(Duration.ofSeconds(5)), new SimpleMeterRegistry())) {
      return g.gate(duty).join();
    }
  }

  private PluginHost host(ChainSpec chain, Instant now, Map<String, String> settings, String dir) {
    ChainTiming timing = new ChainTiming(chain.genesisInstant(), chain.slotDuration(),
        chain.slotsPerEpoch());
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new PluginHost(PluginArtifacts.install(tmp.resolve(dir), "epoch-gater"), List.of(),
        List.of(), id -> new PluginContext(id, ClusterShares.empty(), timing, clock, settings),
        false);
  }

  @Test
  void aFarFutureDutyIsGatedAndDutiesUpToTwoEpochsAheadPass() {
    ChainSpec gnosis = ChainPreset.GNOSIS.spec();
    Instant now = Instant.parse("2026-11-23T22:00:00Z");
    long epoch = new ChainClock(gnosis, Clock.fixed(now, ZoneOffset.UTC)).currentEpoch();
    long spe = gnosis.slotsPerEpoch();
    try (PluginHost host = host(gnosis, now, Map.of(), "a")) {
      assertThat(gate(host, new Duty((epoch + 2) * spe + spe - 1, DutyType.ATTESTER))).isEmpty();
      assertThat(gate(host, new Duty(0, DutyType.PROPOSER))).isEmpty();
      Optional<ExtensionRejection> far = gate(host, new Duty((epoch + 3) * spe, DutyType.ATTESTER));
      assertThat(far).hasValueSatisfying(r -> {
        assertThat(r.kind()).isEqualTo(RejectionKind.REFUSED);
        assertThat(r.pluginId()).isEqualTo("epoch-gater");
        assertThat(r.reason()).contains("epoch " + (epoch + 3))
            .contains("more than 2 epochs ahead of the current epoch " + epoch);
      });
      assertThat(gate(host, new Duty(-1L, DutyType.RANDAO))).isPresent();
      assertThat(gate(host, new Duty(5, DutyType.UNKNOWN)))
          .hasValueSatisfying(r -> assertThat(r.reason()).contains("invalid duty type unknown"));
    }
  }

  @Test
  void settingsChangeTheFutureLimitAndAddAPastLimit() {
    ChainSpec mainnet = ChainPreset.MAINNET.spec();
    Instant now = Instant.parse("2026-11-23T22:00:00Z");
    long epoch = new ChainClock(mainnet, Clock.fixed(now, ZoneOffset.UTC)).currentEpoch();
    try (PluginHost host = host(mainnet, now,
        Map.of("allowed-future-epochs", "0", "allowed-past-epochs", "10"), "b")) {
      assertThat(gate(host, new Duty(epoch * 32, DutyType.EXIT))).isEmpty();
      assertThat(gate(host, new Duty((epoch + 1) * 32, DutyType.EXIT))).isPresent();
      assertThat(gate(host, new Duty((epoch - 10) * 32, DutyType.EXIT))).isEmpty();
      assertThat(gate(host, new Duty((epoch - 11) * 32 + 31, DutyType.EXIT)))
          .hasValueSatisfying(r -> assertThat(r.reason()).contains("more than 10 epochs behind"));
    }
  }

  @Test
  void agreesWithCharonsRuleOnRandomDuties() {
    long seed = TestSeed.seed("EpochGaterPluginTest.agreesWithCharonsRuleOnRandomDuties");
    Random random = new Random(seed);
    ChainSpec hoodi = ChainPreset.HOODI.spec();
    Instant now = hoodi.genesisInstant().plusSeconds(random.nextInt(200_000_000));
    long current = ((now.getEpochSecond() - hoodi.genesisTime()) / 12) / 32;
    try (PluginHost host = host(hoodi, now, Map.of(), "c")) {
      for (int i = 0; i < 300; i++) {
        long slot = Math.max(0, (current - 5) * 32 + random.nextInt(10 * 32));
        DutyType type = DutyType.values()[random.nextInt(DutyType.values().length)];
        boolean expected = type.isValid() && slot / 32 <= current + 2;
        assertThat(gate(host, new Duty(slot, type)).isEmpty())
            .as("seed %d: slot %d type %s current epoch %d", seed, slot, type, current)
            .isEqualTo(expected);
      }
    }
  }
}
