package io.parsigex.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.core.peerinfo.LocalPeerInfo;
import io.parsigex.core.peerinfo.PeerInfoMessage;
import io.parsigex.core.peerinfo.PeerInfoProblem;
import io.parsigex.core.peerinfo.PeerInfoProtocol;
import io.parsigex.core.peerinfo.PeerInfoReport;
import io.parsigex.libp2p.peer.PeerId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charon's {@code app_peerinfo_*} gauges ({@code app/peerinfo/metrics.go}), set as Charon sets them
 * ({@code app/peerinfo/peerinfo.go}): this node's own version, git commit, nickname, client type,
 * start time and builder-API flag at start, every member's index (0-based, in cluster order), and
 * for each member's latest accepted answer its client type, {@code version_support} and, when its
 * version is supported, its nickname, clock offset, start time, version, git commit and
 * builder-API flag. Fed from {@link PeerInfoProtocol#reports()} on each {@link #refresh()}. Ours
 * beside them: {@code parsigex_peerinfo_problems_total{reason,fault}} and
 * {@code parsigex_peerinfo_answered_total}.
 */
final class PeerInfoMetrics {

  /** Charon's {@code version.Parse} pattern. */
  private static final Pattern SEMVER = Pattern.compile("^v(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:-(.+))?$");
  /** The oldest and newest minor Charon supports today ({@code version.Supported()}: v1.0 to v1.11). */
  static final int SUPPORTED_MAJOR = 1;
  static final int NEWEST_SUPPORTED_MINOR = 11;
  private static final String UNKNOWN = "unknown";

  private final PeerInfoProtocol peerInfo;
  private final PeerLabels labels;
  private final PeerGauges clockOffset;
  private final PeerGauges version;
  private final PeerGauges gitCommit;
  private final PeerGauges startTime;
  private final PeerGauges versionSupport;
  private final PeerGauges builderApi;
  private final PeerGauges nickname;
  private final PeerGauges dvClient;
  private final PeerGauges index;

  PeerInfoMetrics(MeterRegistry registry, PeerInfoProtocol peerInfo, PeerId self,
      List<PeerId> members, PeerLabels labels) {
    this.peerInfo = peerInfo;
    this.labels = labels;
    clockOffset = PeerGauges.of(registry, "app.peerinfo.clock.offset.seconds",
        "Peer clock offset in seconds");
    version = PeerGauges.labelled(registry, "app.peerinfo.version",
        "Constant gauge with version label set to peer's charon version.", "version");
    gitCommit = PeerGauges.labelled(registry, "app.peerinfo.git.commit",
        "Constant gauge with git_hash label set to peer's git commit hash.", "git_hash");
    startTime = PeerGauges.of(registry, "app.peerinfo.start.time.secs",
        "Constant gauge set to the peer start time of the binary in unix seconds");
    index = PeerGauges.of(registry, "app.peerinfo.index",
        "Constant gauge set to the peer index in the cluster definition");
    versionSupport = PeerGauges.of(registry, "app.peerinfo.version.support",
        "Set to 1 if the peer's version is supported by (compatible with) the current version, "
            + "else 0 if unsupported.");
    builderApi = PeerGauges.of(registry, "app.peerinfo.builder.api.enabled",
        "Set to 1 if builder API is enabled on this peer, else 0 if disabled.");
    nickname = PeerGauges.labelled(registry, "app.peerinfo.nickname",
        "Constant gauge with nickname label set to peer's charon nickname.", "peer_nickname");
    dvClient = PeerGauges.labelled(registry, "app.peerinfo.dv.client",
        "Constant gauge with dv_client label set to the peer's distributed validator client "
            + "type.", "dv_client");
    LocalPeerInfo local = peerInfo.local();
    String me = labels.of(self);
    version.setLabel(me, local.version());
    gitCommit.setLabel(me, local.gitHash());
    nickname.setLabel(me, local.nickname());
    dvClient.setLabel(me, LocalPeerInfo.DV_CLIENT);
    startTime.set(me, local.startedAt().getEpochSecond());
    builderApi.set(me, local.builderApiEnabled() ? 1 : 0);
    for (int i = 0; i < members.size(); i++) {
      index.set(labels.of(members.get(i)), i);
    }
    for (PeerInfoProblem problem : PeerInfoProblem.values()) {
      FunctionCounter.builder("parsigex.peerinfo.problems", peerInfo,
              p -> p.problems().getOrDefault(problem, 0L))
          .description("Peerinfo exchanges that gave nothing usable, in both directions, by "
              + "reason and whose fault it was")
          .tag("reason", problem.label()).tag("fault", problem.fault().label())
          .register(registry);
    }
    FunctionCounter.builder("parsigex.peerinfo.answered", peerInfo, PeerInfoProtocol::answered)
        .description("Peerinfo requests this node answered").register(registry);
  }

  /** Sets the series of every member that answered. */
  void refresh() {
    for (PeerInfoReport r : peerInfo.reports().values()) {
      String peer = labels.of(r.peer());
      PeerInfoMessage info = r.info();
      String client = info.effectiveDvClient();
      dvClient.setLabel(peer, client);
      boolean supported = !PeerInfoMessage.CHARON_CLIENT.equals(client)
          || isSupportedCharonVersion(info.version());
      versionSupport.set(peer, supported ? 1 : 0);
      if (!supported) {
        continue; // Charon stops here: the other series keep their last values
      }
      nickname.setLabel(peer, info.nickname());
      clockOffset.set(peer, r.clockOffset().toNanos() / 1e9);
      info.startedAt().ifPresent(t -> startTime.set(peer, t.getEpochSecond()));
      version.setLabel(peer, info.version().isEmpty() ? UNKNOWN : info.version());
      gitCommit.setLabel(peer, info.gitHash().isEmpty() ? UNKNOWN : info.gitHash());
      builderApi.set(peer, info.builderApiEnabled() ? 1 : 0);
    }
  }

  /**
   * Charon's {@code supportedPeerVersion} against its {@code version.Supported()} of today: the
   * version must parse as {@code v<major>.<minor>[.<patch>][-<pre>]}; a major.minor newer than
   * v1.11 is supported, and so is any minor from v1.0 to v1.11 (so: every parsable v1.x and
   * later).
   *
   * @param version the peer's {@code charon_version}
   * @return whether a Charon node of today supports it
   */
  static boolean isSupportedCharonVersion(String version) {
    Matcher m = SEMVER.matcher(version);
    if (!m.matches()) {
      return false;
    }
    long major = number(m.group(1));
    long minor = number(m.group(2));
    if (major > SUPPORTED_MAJOR || (major == SUPPORTED_MAJOR && minor > NEWEST_SUPPORTED_MINOR)) {
      return true;
    }
    return major == SUPPORTED_MAJOR && minor <= NEWEST_SUPPORTED_MINOR;
  }

  /** Go's {@code strconv.Atoi} as Charon uses it: an out-of-range number is the largest int. */
  private static long number(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException outOfRange) {
      return Long.MAX_VALUE;
    }
  }
}
