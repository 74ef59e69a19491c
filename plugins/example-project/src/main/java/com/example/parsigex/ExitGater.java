package com.example.parsigex;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.DutyType;
import io.parsigex.api.GateDecision;
import io.parsigex.api.PluginContext;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses partial signatures for voluntary exits unless the operator allows them with
 * {@code parsigex.plugins.settings.exit-gater.allow-exits=true}; allows every other duty.
 *
 * <p>The node creates one instance when it starts and calls it from several threads (in the demo,
 * for every member of the process), so it keeps no mutable state.
 */
@Extension
public class ExitGater implements DutyGater {

  /** The setting, after {@code parsigex.plugins.settings.<plugin-id>.}. */
  public static final String ALLOW_EXITS = "allow-exits";

  private static final Logger log = LoggerFactory.getLogger(ExitGater.class);

  private final boolean allowExits;

  /**
   * Created by the node with this plugin's context.
   *
   * @param context the cluster, chain timing, clock and this plugin's settings
   */
  public ExitGater(PluginContext context) {
    this.allowExits = Boolean.parseBoolean(context.setting(ALLOW_EXITS).orElse("false").strip());
    log.info("{}: voluntary exits are {} ({} members in the cluster)", context.pluginId(),
        allowExits ? "allowed" : "refused", context.cluster().members());
  }

  @Override
  public GateDecision gate(Duty duty) {
    if (duty.type() == DutyType.EXIT && !allowExits) {
      return GateDecision.deny("voluntary exits are refused (slot " + duty.slot()
          + "); set parsigex.plugins.settings.exit-gater." + ALLOW_EXITS + "=true to allow them");
    }
    return GateDecision.allow();
  }
}
