package io.parsigex.node.config;

import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.eth2.signing.ChainSpecException;
import io.parsigex.eth2.signing.ScheduledFork;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link ChainSpec} from {@code parsigex.chain.*}: a preset plus per-value overrides. */
final class ChainSettings {

  private ChainSettings() {}

  static ChainSpec resolve(ParsigexProperties.Chain chain, String defaultPreset) {
    String preset = chain.preset() == null || chain.preset().isBlank() ? defaultPreset
        : chain.preset().strip();
    ChainSpec.Builder b;
    try {
      b = ChainPreset.CUSTOM.equalsIgnoreCase(preset)
          ? ChainSpec.custom().name("custom")
          : ChainPreset.fromName(preset).spec().toBuilder();
    } catch (ChainSpecException e) {
      throw new InvalidSettingException("parsigex.chain.preset", "unknown chain preset '" + preset
          + "'; use mainnet, hoodi, sepolia, gnosis, chiado or custom (with genesis-time, "
          + "genesis-validators-root, seconds-per-slot, slots-per-epoch and fork-versions)", e);
    }
    try {
      if (chain.genesisTime() != null) {
        b.genesisTime(chain.genesisTime());
      }
      if (chain.genesisValidatorsRoot() != null) {
        b.genesisValidatorsRoot(chain.genesisValidatorsRoot());
      }
      if (chain.secondsPerSlot() != null) {
        b.secondsPerSlot(chain.secondsPerSlot());
      }
      if (chain.slotsPerEpoch() != null) {
        b.slotsPerEpoch(chain.slotsPerEpoch());
      }
      ChainSpec base = ChainPreset.CUSTOM.equalsIgnoreCase(preset) ? null : b.build();
      for (Fork f : Fork.values()) {
        String v = lookup(chain.forkVersions(), f);
        Long e = lookup(chain.forkEpochs(), f);
        if (v == null && e == null) {
          continue;
        }
        ScheduledFork current = base == null ? null : base.forks().fork(f);
        String version = v != null ? v
            : current == null ? null : "0x" + java.util.HexFormat.of().formatHex(current.version());
        long epoch = e != null ? e : current == null ? ScheduledFork.UNSCHEDULED : current.epoch();
        if (version == null) {
          throw new InvalidSettingException("parsigex.chain.fork-versions." + f.label(),
              "a fork version is required for fork " + f.label(), null);
        }
        b.fork(f, version, epoch);
      }
      return b.build();
    } catch (ChainSpecException | IllegalArgumentException e) {
      throw new InvalidSettingException("parsigex.chain", e.getMessage(), e);
    }
  }

  private static <T> T lookup(Map<String, T> map, Fork f) {
    for (Map.Entry<String, T> e : map.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(f.label())) {
        return e.getValue();
      }
    }
    return null;
  }
}
