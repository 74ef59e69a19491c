package io.parsigex.node.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code parsigex} health component: UP while the libp2p host listens; details give the
 * connected and configured peers and whether signatures are verified.
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
    Health.Builder b = runtime.isListening() ? Health.up() : Health.down();
    return b.withDetails(details).build();
  }
}
