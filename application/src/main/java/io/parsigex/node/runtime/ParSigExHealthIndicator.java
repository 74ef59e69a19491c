package io.parsigex.node.runtime;

import io.parsigex.libp2p.relay.RelayState;
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
 * not made fatal.
 */
@Component("parsigex")
public class ParSigExHealthIndicator implements HealthIndicator {

  private final NodeRuntime runtime;

  /**
   * Creates the indicator.
   *
   * @param runtime the node
   */
  public ParSigExHealthIndicator(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("peer_id", runtime.peerId().toString());
    details.put("mode", runtime.setup().isDemo() ? "demo" : "cluster");
    details.put("connected_peers", runtime.connectedPeers());
    details.put("configured_peers", runtime.setup().cluster().others().size());
    details.put("verification", runtime.verificationEnabled() ? "enabled"
        : "DISABLED: received partial signatures are not verified");
    details.put("refused_streams", runtime.node().refusedStreams());
    details.put("dropped_events", runtime.node().droppedOutcomes());
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
    Health.Builder b = runtime.isListening() ? Health.up() : Health.down();
    return b.withDetails(details).build();
  }
}
