package io.parsigex.eth2.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.eth2.fork.Fork;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Chain presets, the custom builder's validation, fork lookup and the wall clock. */
class ChainSpecTest {

  @Test
  void presetsCarryTheirSlotTimingAndGenesisTimes() {
    assertThat(ChainPreset.MAINNET.spec().genesisTime()).isEqualTo(1606824023L);
    assertThat(ChainPreset.HOODI.spec().genesisTime()).isEqualTo(1742213400L);
    assertThat(ChainPreset.SEPOLIA.spec().genesisTime()).isEqualTo(1655733600L);
    assertThat(ChainPreset.GNOSIS.spec().genesisTime()).isEqualTo(1638993340L);
    assertThat(ChainPreset.CHIADO.spec().genesisTime()).isEqualTo(1665396300L);
    for (ChainPreset p : ChainPreset.values()) {
      boolean gnosisLike = p == ChainPreset.GNOSIS || p == ChainPreset.CHIADO;
      assertThat(p.spec().secondsPerSlot()).as(p.label()).isEqualTo(gnosisLike ? 5 : 12);
      assertThat(p.spec().slotsPerEpoch()).as(p.label()).isEqualTo(gnosisLike ? 16 : 32);
      assertThat(ChainPreset.fromName(" " + p.label().toUpperCase() + " ")).isSameAs(p);
    }
  }

  @Test
  void forkLookupPicksTheLastActivatedFork() {
    ForkSchedule mainnet = ChainPreset.MAINNET.spec().forks();
    HexFormat hex = HexFormat.of();
    assertThat(hex.formatHex(mainnet.versionAt(0))).isEqualTo("00000000");
    assertThat(hex.formatHex(mainnet.versionAt(74_239))).isEqualTo("00000000");
    assertThat(hex.formatHex(mainnet.versionAt(74_240))).isEqualTo("01000000");
    assertThat(hex.formatHex(mainnet.versionAt(194_048))).isEqualTo("03000000");
    assertThat(hex.formatHex(mainnet.versionAt(411_391))).isEqualTo("05000000");
    assertThat(hex.formatHex(mainnet.versionAt(411_392))).isEqualTo("06000000");
    assertThat(hex.formatHex(mainnet.versionAt(ScheduledFork.UNSCHEDULED))).isEqualTo("06000000");
    ForkSchedule hoodi = ChainPreset.HOODI.spec().forks();
    assertThat(hoodi.forkAt(0).fork()).isEqualTo(Fork.DENEB);
    assertThat(hex.formatHex(hoodi.versionAt(132_351))).isEqualTo("70000910");
    assertThat(hex.formatHex(hoodi.versionAt(132_352))).isEqualTo("80000910");
    assertThat(mainnet.fork(Fork.GLOAS).scheduled()).isFalse();
  }

  @Test
  void unknownPresetNamesTheChoices() {
    assertThatThrownBy(() -> ChainPreset.fromName("holesky"))
        .isInstanceOf(UnknownChainPresetException.class)
        .hasMessageContaining("holesky").hasMessageContaining("mainnet, hoodi, sepolia");
    assertThatThrownBy(() -> ChainPreset.fromName(null))
        .isInstanceOf(UnknownChainPresetException.class);
  }

  @Test
  void customChainValidatesEveryValue() {
    ChainSpec.Builder good = ChainPreset.GNOSIS.spec().toBuilder().name("my-gnosis");
    assertThat(good.build().forks()).isEqualTo(ChainPreset.GNOSIS.spec().forks());
    ChainSpec.Builder noGloas = ChainSpec.custom().genesisTime(0)
        .genesisValidatorsRoot("0x" + "11".repeat(32));
    for (Fork f : Fork.values()) {
      if (f != Fork.GLOAS) {
        noGloas.fork(f, "0x0" + f.ordinal() + "000000", 0);
      }
    }
    assertThat(noGloas.build().forks().fork(Fork.GLOAS).scheduled()).isFalse();
    assertThatThrownBy(() -> ChainSpec.custom().genesisValidatorsRoot("0x" + "00".repeat(32)).build())
        .isInstanceOf(InvalidChainSpecException.class).hasMessageContaining("genesis-time");
    assertThatThrownBy(() -> ChainPreset.MAINNET.spec().toBuilder()
        .fork(Fork.DENEB, "0x04000000", 100).build())
        .isInstanceOf(InvalidChainSpecException.class)
        .hasMessageContaining("deneb fork epoch 100 is before the capella");
    assertThatThrownBy(() -> ChainPreset.MAINNET.spec().toBuilder().genesisValidatorsRoot("0x12"))
        .isInstanceOf(InvalidChainSpecException.class).hasMessageContaining("64 hex");
    assertThatThrownBy(() -> ChainPreset.MAINNET.spec().toBuilder()
        .fork(Fork.ALTAIR, "0xzz000000", 5))
        .isInstanceOf(InvalidChainSpecException.class).hasMessageContaining("altair");
    assertThatThrownBy(() -> ChainPreset.MAINNET.spec().toBuilder().slotsPerEpoch(0).build())
        .isInstanceOf(InvalidChainSpecException.class).hasMessageContaining("slots-per-epoch");
    assertThatThrownBy(() -> ChainPreset.MAINNET.spec().toBuilder()
        .fork(Fork.PHASE0, "0x00000000", 3).build())
        .isInstanceOf(InvalidChainSpecException.class).hasMessageContaining("epoch 0");
  }

  @Test
  void presetValuesAreDefensivelyCopied() {
    byte[] gvr = ChainPreset.MAINNET.spec().genesisValidatorsRoot();
    gvr[0] ^= 1;
    assertThat(ChainPreset.MAINNET.spec().genesisValidatorsRoot()).isNotEqualTo(gvr);
  }

  @Test
  void clockCountsSlotsAndEpochsFromGenesis() {
    ChainSpec gnosis = ChainPreset.GNOSIS.spec();
    Instant at = Instant.ofEpochSecond(gnosis.genesisTime() + 5 * 16 * 10 + 7);
    ChainClock clock = new ChainClock(gnosis, Clock.fixed(at, ZoneOffset.UTC));
    assertThat(clock.currentSlot()).isEqualTo(161);
    assertThat(clock.currentEpoch()).isEqualTo(10);
    assertThat(clock.slotAt(Instant.ofEpochSecond(0))).isZero();
    assertThat(clock.slotStart(161)).isEqualTo(Instant.ofEpochSecond(gnosis.genesisTime() + 805));
    assertThat(clock.epochOfSlot(-1L)).isEqualTo(Long.divideUnsigned(-1L, 16));
    assertThatThrownBy(() -> clock.slotStart(-1L)).isInstanceOf(ArithmeticException.class);
  }
}
