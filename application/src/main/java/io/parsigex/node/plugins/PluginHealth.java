package io.parsigex.node.plugins;

import io.parsigex.core.extensions.BreakerState;
import io.parsigex.core.extensions.GuardedExtensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Status;

/**
 * The plugins' contribution to the {@code parsigex} health component: every plugin at every
 * extension point with its circuit breaker state, and the status that follows from them. UP while
 * every plugin is in service; {@link #DEGRADED} while one is not (probing or out of service);
 * DOWN when verification is enabled and a verifier is not in service (every verifier must accept
 * each set, so no set can then be verified: such sets are refused as {@code plugin_failed}, never
 * accepted unverified). Immutable.
 *
 * @param status UP, DEGRADED or DOWN
 * @param plugins one map per plugin and point: {@code plugin}, {@code point}, {@code state}, and
 *     {@code consecutive_failures} / {@code last_failure} when relevant, and for a verifier out of
 *     service for some senders' sets only, {@code out_of_service_for_peers}
 * @param verificationUnavailable whether sets cannot be verified now
 */
public record PluginHealth(Status status, List<Map<String, Object>> plugins,
    boolean verificationUnavailable) {

  /**
   * A plugin is out of service (or being probed) while the node still verifies. Ordered between
   * OUT_OF_SERVICE and UP ({@code management.endpoint.health.status.order} in application.yml) and
   * answered with HTTP 200.
   */
  public static final Status DEGRADED = new Status("DEGRADED",
      "a plugin is out of service; see details.plugins");

  /** Validates and copies. */
  public PluginHealth {
    Objects.requireNonNull(status, "status");
    plugins = List.copyOf(plugins);
  }

  /**
   * Reads the breakers.
   *
   * @param guarded the guarded plugin calls
   * @param verificationEnabled {@code parsigex.verification.enabled}
   * @return the contribution
   */
  public static PluginHealth of(GuardedExtensions guarded, boolean verificationEnabled) {
    List<Map<String, Object>> states = new ArrayList<>();
    boolean pluginOut = false;
    for (GuardedExtensions.PluginStatus st : guarded.pluginStates()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("plugin", st.pluginId());
      m.put("point", st.point().label());
      m.put("state", st.state().label());
      if (st.consecutiveFailures() > 0) {
        m.put("consecutive_failures", st.consecutiveFailures());
      }
      if (!st.lastFailure().isEmpty() && st.state() != BreakerState.IN_SERVICE) {
        m.put("last_failure", st.lastFailure());
      }
      if (!st.outOfServiceFor().isEmpty()) {
        // a plugin that hung or failed on these peers' input only: still in service for others
        m.put("out_of_service_for_peers", st.outOfServiceFor());
      }
      pluginOut |= st.state() != BreakerState.IN_SERVICE;
      states.add(Map.copyOf(m));
    }
    boolean unavailable = verificationEnabled && !guarded.verifiersInService();
    Status status = unavailable ? Status.DOWN : pluginOut ? DEGRADED : Status.UP;
    return new PluginHealth(status, states, unavailable);
  }
}
