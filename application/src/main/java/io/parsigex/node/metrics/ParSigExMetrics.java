package io.parsigex.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The node's Prometheus metrics, with Charon's names and buckets where Charon has them:
 * {@code core_parsigex_set_verification_seconds{duty}}, {@code p2p_send_duration_seconds{peer,
 * protocol,topic}}, and the node's own {@code parsigex_received_total{duty}},
 * {@code parsigex_rejected_total{duty,reason,fault}} ({@code fault} is {@code peer} or {@code node}:
 * whose fault the refusal was, {@link RejectReason#fault()}), {@code parsigex_broadcast_total{duty,outcome}}.
 * The received, rejected, broadcast and verification series of every duty type parsigex carries
 * are registered at zero when the metrics are created, so that they are on
 * {@code /actuator/prometheus} before the first set arrives (interfaces.md lists them).
 */
public final class ParSigExMetrics {

  /** The {@code duty} tag of a refused message that was not readable far enough to have one. */
  public static final String UNKNOWN_DUTY = "unknown";

  /** The {@code outcome} tag values of {@code parsigex_broadcast_total}. */
  static final List<String> BROADCAST_OUTCOMES = List.of("sent", "failed");

  /** Charon's buckets for {@code core_parsigex_set_verification_seconds}. */
  static final Duration[] VERIFICATION_BUCKETS = seconds(
      .001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5);

  /** Charon's {@code ExponentialBuckets(0.0001, 2, 18)} for {@code p2p_send_duration_seconds}. */
  static final Duration[] SEND_BUCKETS = exponential(0.0001, 2, 18);

  private final MeterRegistry registry;
  private final MetricLabels labels;

  /**
   * Creates the metrics on a registry, with peer ids in {@code peer} labels.
   *
   * @param registry the Micrometer registry
   */
  public ParSigExMetrics(MeterRegistry registry) {
    this(registry, MetricLabels.withoutLock());
  }

  /**
   * Creates the metrics on a registry.
   *
   * @param registry the Micrometer registry
   * @param labels the {@code peer} label values (the operator's peer names) and the lock's
   *     labels
   */
  public ParSigExMetrics(MeterRegistry registry, MetricLabels labels) {
    this.registry = registry;
    this.labels = java.util.Objects.requireNonNull(labels, "labels");
    registerZeroSeries();
  }

  /**
   * Registers Charon's app, cluster, p2p and peerinfo metrics of a started node, and starts the
   * ping service that feeds {@code p2p_ping_*} (see {@link CharonMetrics}).
   *
   * @param node the node (member 0)
   * @return the running metrics; close them before the node
   */
  public CharonMetrics charon(io.parsigex.core.node.ParSigExNode node) {
    return CharonMetrics.start(registry, labels, node,
        io.parsigex.libp2p.ping.PingSchedule.charon());
  }

  private void registerZeroSeries() {
    for (DutyType type : DutyType.values()) {
      if (!type.isCarriedByParSigEx()) {
        continue;
      }
      String duty = type.charonName();
      received(duty);
      verification(duty);
      BROADCAST_OUTCOMES.forEach(outcome -> broadcast(duty, outcome));
      for (RejectReason reason : RejectReason.values()) {
        rejected(duty, reason);
      }
    }
    for (RejectReason reason : RejectReason.values()) {
      rejected(UNKNOWN_DUTY, reason);
    }
  }

  private Counter received(String duty) {
    return Counter.builder("parsigex.received")
        .description("Verified partial signature sets received")
        .tag("duty", duty).register(registry);
  }

  private Timer verification(String duty) {
    return Timer.builder("core.parsigex.set.verification")
        .description("Duration of verifying a set of partial signatures")
        .tag("duty", duty).serviceLevelObjectives(VERIFICATION_BUCKETS).register(registry);
  }

  private Counter rejected(String duty, RejectReason reason) {
    return Counter.builder("parsigex.rejected")
        .description("Received sets that were refused, by reason and whose fault it was")
        .tag("duty", duty).tag("reason", reason.label()).tag("fault", reason.fault().label())
        .register(registry);
  }

  private Counter broadcast(String duty, String outcome) {
    return Counter.builder("parsigex.broadcast").description("Per-peer outcomes of broadcasts")
        .tag("duty", duty).tag("outcome", outcome).register(registry);
  }

  /**
   * Counts a verified set and observes its verification time.
   *
   * @param set the set
   */
  public void accepted(VerifiedSet set) {
    String duty = set.duty().type().charonName();
    received(duty).increment();
    verification(duty).record(set.verificationTime());
  }

  /**
   * Counts a refused set.
   *
   * @param rejection why
   */
  public void rejected(Rejection rejection) {
    rejected(rejection.duty().map(Duty::type).map(DutyType::charonName).orElse(UNKNOWN_DUTY),
        rejection.reason()).increment();
  }

  /**
   * Counts each peer outcome of a broadcast.
   *
   * @param result the broadcast
   */
  public void broadcast(BroadcastResult result) {
    String duty = result.duty().type().charonName();
    for (PeerOutcome o : result.outcomes()) {
      broadcast(duty, o.outcomeLabel()).increment();
    }
  }

  /**
   * Observes one send's duration.
   *
   * @param peer the peer id (labelled by the operator's name for it, if any)
   * @param protocol the protocol id
   * @param topic {@code parsigex_<duty>}
   * @param took how long it took
   */
  public void sendDuration(String peer, String protocol, String topic, Duration took) {
    Timer.builder("p2p.send.duration").description("Duration of sending a p2p message")
        .tag("peer", labels.peers().of(peer)).tag("protocol", protocol).tag("topic", topic)
        .serviceLevelObjectives(SEND_BUCKETS).register(registry)
        .record(took.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Registers the receive path's fairness meters for one node: per peer
   * {@code parsigex_inbound_bytes{peer}} (bytes its messages hold, verify queue included) and
   * {@code parsigex_verify_queue{peer}} (its sets waiting for verification); for the node
   * {@code parsigex_inbound_bytes_total_held}, {@code parsigex_throttled_peers} and
   * {@code parsigex_shed_sets_total{reason}} (sets shed by the oldest-duty-first policy).
   *
   * @param node the node
   * @param peers the peers to show
   */
  public void fairness(io.parsigex.core.node.ParSigExNode node,
      List<io.parsigex.libp2p.peer.PeerId> peers) {
    for (io.parsigex.libp2p.peer.PeerId p : peers) {
      io.micrometer.core.instrument.Gauge.builder("parsigex.inbound.bytes", node,
          n -> n.inboundBytes(p)).tag("peer", labels.peers().of(p))
          .description("Bytes a peer's inbound messages hold, from the first byte read until "
              + "the set is published or refused").register(registry);
      io.micrometer.core.instrument.Gauge.builder("parsigex.verify.queue", node,
          n -> n.verifyQueueDepth(p)).tag("peer", labels.peers().of(p))
          .description("A peer's sets waiting for verification").register(registry);
    }
    io.micrometer.core.instrument.Gauge.builder("parsigex.throttled.peers", node,
        n -> n.throttledPeers().size())
        .description("Peers throttled because their sets keep failing").register(registry);
    for (String reason : node.shedSets().keySet()) {
      io.micrometer.core.instrument.FunctionCounter.builder("parsigex.shed.sets", node,
          n -> n.shedSets().getOrDefault(reason, 0L)).tag("reason", reason)
          .description("Received sets shed under overload, the oldest duty first")
          .register(registry);
    }
  }

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return out;
  }

  private static Duration[] exponential(double start, double factor, int count) {
    double[] v = new double[count];
    double x = start;
    for (int i = 0; i < count; i++) {
      v[i] = x;
      x *= factor;
    }
    return seconds(v);
  }

  /**
   * Registers the gauge of connections relayed through one relay (Charon's
   * {@code p2p_relay_connections{peer}}); registering the same relay again is a no-op.
   *
   * @param relayPeer the relay's peer id (labelled by the operator's name for it, if any, when the node runs from a
   *     lock)
   * @param owner the object the value is read from (held weakly by Micrometer)
   * @param value reads the count
   * @param <T> the owner type
   */
  public <T> void relayConnectionsGauge(String relayPeer, T owner,
      java.util.function.ToDoubleFunction<T> value) {
    io.micrometer.core.instrument.Gauge.builder("p2p.relay.connections", owner, value)
        .description("Connections relayed through each circuit relay")
        .tag("peer", labels.peers().of(relayPeer)).register(registry);
  }
}
