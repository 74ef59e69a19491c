package io.parsigex.node.plugins;

import io.parsigex.core.extensions.BreakerState;
import io.parsigex.core.extensions.GuardedExtensions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Status;

/**
 * The plugins' contribution to the {@code parsigex} health component: every plugin at every
 * extension point with its circuit breaker state, and the status that follows from them. UP while
 * every plugin is in service and every plugin found was loaded with at least one extension;
 * {@link #DEGRADED} while one is not in service (probing or out of service), or when the host left
 * a plugin out at startup (unreadable, bundling its own plugin-api, failed to start, an extension
 * that could not be created) or started one that contributes no extension (most often built
 * without its {@code META-INF/extensions.idx}); DOWN when verification is enabled and a verifier is
 * not in service (every verifier must accept each set, so no set can then be verified: such sets
 * are refused as {@code plugin_failed}, never accepted unverified). Immutable.
 *
 * @param status UP, DEGRADED or DOWN
 * @param plugins one map per plugin and point: {@code plugin}, {@code point}, {@code state}, and
 *     {@code consecutive_failures} / {@code last_failure} when relevant, and for a verifier out of
 *     service for some senders' sets only, {@code out_of_service_for_peers}
 * @param verificationUnavailable whether sets cannot be verified now
 * @param problems why the status is DEGRADED apart from the breakers: one map per plugin the host
 *     left out or that contributes no extension, with {@code plugin} (its id, or the file name when
 *     it could not be read), {@code problem} ({@value #LEFT_OUT} or {@value #NO_EXTENSIONS}) and
 *     {@code reason} (what is wrong and the fix); empty without a host
 */
public record PluginHealth(Status status, List<Map<String, Object>> plugins,
    boolean verificationUnavailable, List<Map<String, Object>> problems) {

  /** {@code problem} of a plugin the host left out at startup. */
  public static final String LEFT_OUT = "left_out";
  /** {@code problem} of a started plugin that contributes no extension. */
  public static final String NO_EXTENSIONS = "no_extensions";

  /**
   * A plugin is out of service (or being probed) while the node still verifies. Ordered between
   * OUT_OF_SERVICE and UP ({@code management.endpoint.health.status.order} in application.yml) and
   * answered with HTTP 200.
   */
  public static final Status DEGRADED = new Status("DEGRADED",
      "a plugin is out of service, was left out or contributes no extension; see the details");

  /** Validates and copies. */
  public PluginHealth {
    Objects.requireNonNull(status, "status");
    plugins = List.copyOf(plugins);
    problems = List.copyOf(problems);
  }

  /**
   * Reads the breakers and what the host found wrong with the plugins at startup.
   *
   * @param guarded the guarded plugin calls
   * @param host the plugin host (plugins left out, plugins without extensions)
   * @param verificationEnabled {@code parsigex.verification.enabled}
   * @return the contribution: DEGRADED also while a plugin was left out or contributes nothing
   */
  public static PluginHealth of(GuardedExtensions guarded, PluginHost host,
      boolean verificationEnabled) {
    PluginHealth breakers = of(guarded, verificationEnabled);
    List<Map<String, Object>> problems = new ArrayList<>();
    host.diagnostics().forEach(d -> problems.add(problem(d, LEFT_OUT)));
    host.withoutExtensions().forEach(d -> problems.add(problem(d, NO_EXTENSIONS)));
    Status status = breakers.status().equals(Status.UP) && !problems.isEmpty() ? DEGRADED
        : breakers.status();
    return new PluginHealth(status, breakers.plugins(), breakers.verificationUnavailable(),
        problems);
  }

  private static Map<String, Object> problem(PluginDiagnostic d, String kind) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("plugin", d.source());
    m.put("problem", kind);
    m.put("reason", d.problem());
    return Collections.unmodifiableMap(m);
  }

  /**
   * Reads the breakers only (no host: {@link #problems()} is empty).
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
    return new PluginHealth(status, states, unavailable, List.of());
  }
}
