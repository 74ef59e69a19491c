package io.parsigex.eth2.signing;

import io.parsigex.eth2.fork.Fork;
import java.util.Locale;

/**
 * The networks the node knows ({@code parsigex.chain.preset}). Values come from the networks'
 * published configurations: consensus-specs {@code configs/mainnet.yaml}, eth-clients/hoodi and
 * eth-clients/sepolia {@code metadata/config.yaml}, gnosischain/configs {@code mainnet/} and
 * {@code chiado/}; genesis times and validators roots as published by each network (and as listed in
 * lodestar's {@code @lodestar/config} networks). Forks that a network has not scheduled carry
 * {@link ScheduledFork#UNSCHEDULED}. Gloas is scheduled on Sepolia (epoch 353024,
 * eth-clients/sepolia) and Hoodi (epoch 132352, lodestar's hoodi config); the unscheduled Gloas
 * versions of Gnosis and Chiado follow their networks' version pattern and matter only once
 * scheduled.
 */
public enum ChainPreset {
  /** Ethereum mainnet. */
  MAINNET(ChainSpec.custom().name("mainnet").genesisTime(1606824023L)
      .genesisValidatorsRoot("0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95")
      .fork(Fork.PHASE0, "0x00000000", 0)
      .fork(Fork.ALTAIR, "0x01000000", 74240)
      .fork(Fork.BELLATRIX, "0x02000000", 144896)
      .fork(Fork.CAPELLA, "0x03000000", 194048)
      .fork(Fork.DENEB, "0x04000000", 269568)
      .fork(Fork.ELECTRA, "0x05000000", 364032)
      .fork(Fork.FULU, "0x06000000", 411392)
      .fork(Fork.GLOAS, "0x07000000", ScheduledFork.UNSCHEDULED)
      .secondsPerSlot(12).slotsPerEpoch(32)),
  /** The Hoodi testnet. */
  HOODI(ChainSpec.custom().name("hoodi").genesisTime(1742213400L)
      .genesisValidatorsRoot("0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f")
      .fork(Fork.PHASE0, "0x10000910", 0)
      .fork(Fork.ALTAIR, "0x20000910", 0)
      .fork(Fork.BELLATRIX, "0x30000910", 0)
      .fork(Fork.CAPELLA, "0x40000910", 0)
      .fork(Fork.DENEB, "0x50000910", 0)
      .fork(Fork.ELECTRA, "0x60000910", 2048)
      .fork(Fork.FULU, "0x70000910", 50688)
      .fork(Fork.GLOAS, "0x80000910", 132352)
      .secondsPerSlot(12).slotsPerEpoch(32)),
  /** The Sepolia testnet. */
  SEPOLIA(ChainSpec.custom().name("sepolia").genesisTime(1655733600L)
      .genesisValidatorsRoot("0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078")
      .fork(Fork.PHASE0, "0x90000069", 0)
      .fork(Fork.ALTAIR, "0x90000070", 50)
      .fork(Fork.BELLATRIX, "0x90000071", 100)
      .fork(Fork.CAPELLA, "0x90000072", 56832)
      .fork(Fork.DENEB, "0x90000073", 132608)
      .fork(Fork.ELECTRA, "0x90000074", 222464)
      .fork(Fork.FULU, "0x90000075", 272640)
      .fork(Fork.GLOAS, "0x90000076", 353024)
      .secondsPerSlot(12).slotsPerEpoch(32)),
  /** Gnosis chain (5 s slots, 16 slots per epoch). */
  GNOSIS(ChainSpec.custom().name("gnosis").genesisTime(1638993340L)
      .genesisValidatorsRoot("0xf5dcb5564e829aab27264b9becd5dfaa017085611224cb3036f573368dbb9d47")
      .fork(Fork.PHASE0, "0x00000064", 0)
      .fork(Fork.ALTAIR, "0x01000064", 512)
      .fork(Fork.BELLATRIX, "0x02000064", 385536)
      .fork(Fork.CAPELLA, "0x03000064", 648704)
      .fork(Fork.DENEB, "0x04000064", 889856)
      .fork(Fork.ELECTRA, "0x05000064", 1337856)
      .fork(Fork.FULU, "0x06000064", 1714688)
      .fork(Fork.GLOAS, "0x07000064", ScheduledFork.UNSCHEDULED)
      .secondsPerSlot(5).slotsPerEpoch(16)),
  /** Chiado, Gnosis' testnet (5 s slots, 16 slots per epoch). */
  CHIADO(ChainSpec.custom().name("chiado").genesisTime(1665396300L)
      .genesisValidatorsRoot("0x9d642dac73058fbf39c0ae41ab1e34e4d889043cb199851ded7095bc99eb4c1e")
      .fork(Fork.PHASE0, "0x0000006f", 0)
      .fork(Fork.ALTAIR, "0x0100006f", 90)
      .fork(Fork.BELLATRIX, "0x0200006f", 180)
      .fork(Fork.CAPELLA, "0x0300006f", 244224)
      .fork(Fork.DENEB, "0x0400006f", 516608)
      .fork(Fork.ELECTRA, "0x0500006f", 948224)
      .fork(Fork.FULU, "0x0600006f", 1353216)
      .fork(Fork.GLOAS, "0x0700006f", ScheduledFork.UNSCHEDULED)
      .secondsPerSlot(5).slotsPerEpoch(16));

  /** The preset name that means "build the chain from individual parsigex.chain.* values". */
  public static final String CUSTOM = "custom";

  private final ChainSpec spec;

  ChainPreset(ChainSpec.Builder builder) {
    this.spec = builder.build();
  }

  /**
   * The chain's values.
   *
   * @return the immutable spec
   */
  public ChainSpec spec() {
    return spec;
  }

  /**
   * The configuration name.
   *
   * @return for example {@code hoodi}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks a preset up by name, case-insensitively.
   *
   * @param name for example {@code "gnosis"}
   * @return the preset
   * @throws UnknownChainPresetException when no preset has that name ({@code custom} included: a
   *     custom chain is built with {@link ChainSpec#custom()})
   */
  public static ChainPreset fromName(String name) {
    if (name != null) {
      String wanted = name.strip().toLowerCase(Locale.ROOT);
      for (ChainPreset p : values()) {
        if (p.label().equals(wanted)) {
          return p;
        }
      }
    }
    throw new UnknownChainPresetException(String.valueOf(name));
  }
}
