package io.parsigex.node.runtime;

import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.libp2p.host.HostStats;
import io.parsigex.libp2p.relay.RelayState;
import io.parsigex.node.events.NodeEventBridge;
import io.parsigex.node.plugins.PluginDiagnostic;
import io.parsigex.node.plugins.PluginHealth;
import io.parsigex.node.plugins.PluginHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code parsigex} health component: UP while the libp2p host listens; details give the
 * connected and configured peers, whether signatures are verified, and each circuit relay's state
 * (connected, reserved, relayed connections, latest error). An unreachable relay is reported here,
 * not made fatal. It also reports what the node refused or lost without stopping: refused streams,
 * dropped events, the libp2p host's refused and failed connections, and plugins left out.
 *
 * <p>{@code details.plugins} lists every plugin at every extension point with its circuit breaker
 * state ({@code in_service}, {@code probing}, {@code out_of_service}). The status is
 * {@link PluginHealth#DEGRADED} while a plugin is not in service or was left out or contributes no
 * extension ({@code plugins_left_out}, {@code plugins_without_extensions}), and DOWN when verification is enabled and a
 * verifier is not in service (no set can then be verified; such sets are refused, never accepted
 * unverified).
 */
@Component("parsigex")
public class ParSigExHealthIndicator implements HealthIndicator {

  private final NodeRuntime runtime;
  private final NodeEventBridge bridge;
  private final PluginHost plugins;
  private final GuardedExtensions guarded;

  /**
   * Creates the indicator.
   *
   * @param runtime the node
   * @param bridge the event bridge (its dropped events)
   * @param plugins the plugin host (plugins it left out)
   * @param guarded the guarded plugin calls (each plugin's circuit breaker)
   */
  public ParSigExHealthIndicator(NodeRuntime runtime, NodeEventBridge bridge,
      PluginHost plugins, GuardedExtensions guarded) {
    this.runtime = runtime;
    this.bridge = bridge;
    this.plugins = plugins;
    this.guarded = guarded;
  }

  @Override
  public Health health() {
    if (!runtime.isRunning()) {
      return Health.outOfService().withDetail("node", "not started, or stopped").build();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("peer_id", runtime.peerId().toString());
    details.put("mode", runtime.setup().isDemo() ? "demo" : "cluster");
    details.put("connected_peers", runtime.connectedPeers());
    details.put("configured_peers", runtime.setup().cluster().others().size());
    details.put("verification", runtime.verificationEnabled() ? "enabled"
        : "DISABLED: received partial signatures are not verified");
    details.put("refused_streams", runtime.node().refusedStreams());
    details.put("throttled_peers", runtime.node().throttledPeers());
    details.put("shed_sets", runtime.node().shedSets());
    details.put("dropped_events", runtime.node().droppedOutcomes() + bridge.droppedEvents());
    HostStats p2p = runtime.node().host().stats();
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("gated_connections", p2p.gatedPeers());
    host.put("handshake_failures", p2p.handshakeFailures());
    host.put("stream_negotiation_failures", p2p.streamNegotiationFailures());
    host.put("refused_connections", p2p.refusedOverLimit());
    host.put("connection_errors", p2p.connectionErrors());
    host.put("refused_relay_stops", p2p.refusedRelayStops());
    host.put("relay_resolution_failures", runtime.relayResolutionFailures());
    host.put("preauth_pending", p2p.preAuth().pending());
    Map<String, Long> preAuth = new java.util.TreeMap<>();
    p2p.preAuth().refused().forEach((r, n) -> preAuth.put(r.label(), n));
    host.put("preauth_refused", preAuth);
    Map<String, Long> yamux = new java.util.TreeMap<>();
    p2p.yamuxRefusals().forEach((r, n) -> yamux.put(r.label(), n));
    host.put("yamux_refused_streams", yamux);
    details.put("p2p", host);
    if (!plugins.diagnostics().isEmpty()) {
      details.put("plugins_left_out",
          plugins.diagnostics().stream().map(PluginDiagnostic::toString).toList());
    }
    if (!plugins.withoutExtensions().isEmpty()) {
      details.put("plugins_without_extensions",
          plugins.withoutExtensions().stream().map(PluginDiagnostic::toString).toList());
    }
    List<RelayState> relays = runtime.relayStates();
    if (!relays.isEmpty() || !runtime.relayUrlErrors().isEmpty()) {
      details.put("relays_reserved", relays.stream().filter(RelayState::reserved).count() + "/"
          + relays.size());
      List<Map<String, Object>> list = new ArrayList<>();
      for (RelayState r : relays) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peer_id", r.relay().toString());
        m.put("address", r.address().toString());
        m.put("connected", r.connected());
        m.put("reserved", r.reserved());
        r.reservation().ifPresent(res -> m.put("reservation_expires", res.expires().toString()));
        m.put("relayed_connections", r.relayedConnections());
        r.lastError().ifPresent(e -> m.put("error", e));
        list.add(m);
      }
      details.put("relays", list);
      if (!runtime.relayUrlErrors().isEmpty()) {
        details.put("relay_url_errors", runtime.relayUrlErrors());
      }
    }
    PluginHealth ph = PluginHealth.of(guarded, plugins, runtime.verificationEnabled());
    if (!ph.plugins().isEmpty()) {
      details.put("plugins", ph.plugins());
    }
    if (ph.verificationUnavailable()) {
      details.put("verification", "UNAVAILABLE: a verifier is out of service; received sets are "
          + "refused as plugin_failed until it is back");
    }
    Health.Builder b = !runtime.isListening() ? Health.down() : Health.status(ph.status());
    return b.withDetails(details).build();
  }
}
