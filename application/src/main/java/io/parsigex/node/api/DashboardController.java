package io.parsigex.node.api;

import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.node.feed.FeedTotals;
import io.parsigex.node.plugins.PluginDiagnostic;
import io.parsigex.node.plugins.PluginHealth;
import io.parsigex.node.plugins.PluginHost;
import io.parsigex.node.plugins.VerificationProperties;
import java.util.List;
import java.util.Locale;
import org.pf4j.PluginWrapper;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/dashboard}: the node's totals, its links to the other members and its
 * plugins, for the dashboard and for scripts. Everything is read on request from state the node
 * keeps anyway (bounded), so the call costs the receive path nothing.
 */
@RestController
public class DashboardController {

  private final NodeOperations node;
  private final FeedTotals totals;
  private final PluginHost plugins;
  private final GuardedExtensions guarded;
  private final VerificationProperties verification;

  /**
   * Creates the controller.
   *
   * @param node the running node
   * @param totals the node's totals
   * @param plugins the plugin host
   * @param guarded the guarded plugin calls (their circuit breakers)
   * @param verification whether received signatures must be verified
   */
  public DashboardController(NodeOperations node, FeedTotals totals, PluginHost plugins,
      GuardedExtensions guarded, VerificationProperties verification) {
    this.node = node;
    this.totals = totals;
    this.plugins = plugins;
    this.guarded = guarded;
    this.verification = verification;
  }

  /**
   * The dashboard's snapshot.
   *
   * @return totals, peer links and plugins
   */
  @GetMapping(path = "/api/v1/dashboard", produces = "application/json")
  public DashboardSnapshot dashboard() {
    PluginHealth health = PluginHealth.of(guarded, verification.enabled());
    List<DashboardSnapshot.LoadedPlugin> loaded = plugins.manager().getPlugins().stream()
        .map(DashboardController::loaded).toList();
    DashboardSnapshot.Plugins p = new DashboardSnapshot.Plugins(health.status().getCode(), loaded,
        health.plugins(), plugins.diagnostics().stream().map(PluginDiagnostic::toString).toList(),
        plugins.withoutExtensions().stream().map(PluginDiagnostic::toString).toList());
    return new DashboardSnapshot(node.info().peerId(), totals.snapshot(), node.links(), p);
  }

  private static DashboardSnapshot.LoadedPlugin loaded(PluginWrapper w) {
    String version = w.getDescriptor().getVersion();
    return new DashboardSnapshot.LoadedPlugin(w.getPluginId(), version == null ? "" : version,
        w.getPluginState().toString().toLowerCase(Locale.ROOT));
  }
}
