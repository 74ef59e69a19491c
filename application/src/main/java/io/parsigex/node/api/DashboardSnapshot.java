package io.parsigex.node.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parsigex.node.feed.FeedTotals;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code GET /api/v1/dashboard}: what an operator's main screen shows, in one answer.
 * Computed on request, never on the receive path. Immutable.
 *
 * @param peerId this node's peer id
 * @param totals the node's totals since it started (also the feed's {@code totals} message)
 * @param peers how each other member is reached and this node's send latencies to it
 * @param plugins the plugins' state
 */
public record DashboardSnapshot(
    @JsonProperty("peer_id") String peerId,
    @JsonProperty("totals") FeedTotals.Snapshot totals,
    @JsonProperty("peers") List<PeerLink> peers,
    @JsonProperty("plugins") Plugins plugins) {

  /** Validates and copies. */
  public DashboardSnapshot {
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(totals, "totals");
    Objects.requireNonNull(plugins, "plugins");
    peers = List.copyOf(peers);
  }

  /**
   * The plugins: the status they give the node's health, each loaded plugin, each plugin's circuit
   * breaker at each extension point, and the plugins the node left out. Immutable.
   *
   * @param status {@code UP} (every plugin in service), {@code DEGRADED} (one probing or out of
   *     service) or {@code DOWN} (verification is enabled and a verifier is not in service)
   * @param loaded every plugin the node found and loaded, with its version and PF4J state
   * @param points one entry per plugin and extension point: {@code plugin}, {@code point},
   *     {@code state} ({@code in_service}, {@code probing}, {@code out_of_service}) and, when
   *     relevant, {@code consecutive_failures}, {@code last_failure},
   *     {@code out_of_service_for_peers}
   * @param leftOut plugins refused at startup, each as {@code "<id>: <why>"}
   * @param withoutExtensions started plugins that contribute no extension, likewise
   */
  public record Plugins(
      @JsonProperty("status") String status,
      @JsonProperty("loaded") List<LoadedPlugin> loaded,
      @JsonProperty("points") List<Map<String, Object>> points,
      @JsonProperty("left_out") List<String> leftOut,
      @JsonProperty("without_extensions") List<String> withoutExtensions) {

    /** Validates and copies. */
    public Plugins {
      Objects.requireNonNull(status, "status");
      loaded = List.copyOf(loaded);
      points = List.copyOf(points);
      leftOut = List.copyOf(leftOut);
      withoutExtensions = List.copyOf(withoutExtensions);
    }
  }

  /**
   * One plugin the node loaded. Immutable.
   *
   * @param plugin its id
   * @param version its version
   * @param state PF4J's state, lower case ({@code started}, {@code stopped}, {@code failed}, ...)
   */
  public record LoadedPlugin(
      @JsonProperty("plugin") String plugin,
      @JsonProperty("version") String version,
      @JsonProperty("state") String state) {

    /** Validates. */
    public LoadedPlugin {
      Objects.requireNonNull(plugin, "plugin");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(state, "state");
    }
  }
}
