package io.parsigex.node.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.api.ClusterView;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.NamedExtension;
import io.parsigex.core.extensions.PipelineExtensions;
import io.parsigex.eth2.charon.Eth2Codecs;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.libp2p.host.PreAuthRefusal;
import io.parsigex.libp2p.yamux.YamuxRefusal;
import io.parsigex.node.config.ParsigexProperties;
import io.parsigex.node.config.PeerInfoProperties;
import io.parsigex.node.events.NodeEventBridge;
import io.parsigex.node.metrics.ParSigExMetrics;
import io.parsigex.node.plugins.VerificationProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring of the running node: setup, chain, codecs, events, metrics and the runtime. */
@Configuration(proxyBeanMethods = false)
public class NodeConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NodeConfiguration.class);

  /**
   * What this process runs (validated settings or the generated demo).
   *
   * @param props the settings
   * @return the setup
   */
  @Bean
  public ClusterSetup clusterSetup(ParsigexProperties props) {
    return ClusterSetup.from(props);
  }

  /**
   * The chain.
   *
   * @param setup the setup
   * @return the chain spec
   */
  @Bean
  public ChainSpec chainSpec(ClusterSetup setup) {
    return setup.chain();
  }

  /**
   * The cluster as plugins see it.
   *
   * @param setup the setup
   * @return public shares and share indices
   */
  @Bean
  public ClusterView clusterView(ClusterSetup setup) {
    return setup.pluginView();
  }

  /**
   * The metrics.
   *
   * @param registry Micrometer
   * @param labels peer labels and the lock's labels
   * @return the metrics
   */
  @Bean
  public ParSigExMetrics parSigExMetrics(MeterRegistry registry,
      io.parsigex.node.metrics.MetricLabels labels) {
    return new ParSigExMetrics(registry, labels);
  }

  /**
   * Outcomes to events, metrics and subscribers.
   *
   * @param events Spring's publisher
   * @param metrics the metrics
   * @return the bridge
   */
  @Bean(destroyMethod = "close")
  public NodeEventBridge nodeEventBridge(ApplicationEventPublisher events,
      ParSigExMetrics metrics) {
    return new NodeEventBridge(events, metrics);
  }

  /**
   * Plugin codecs (guarded) ahead of the built-in eth2 codecs; by priority, a plugin codec can
   * add a duty type or override a built-in one.
   *
   * @param guarded the guarded plugin extensions
   * @return the registry
   */
  @Bean
  public CodecRegistry codecRegistry(GuardedExtensions guarded) {
    List<SignedDataCodec> codecs = new ArrayList<>();
    for (NamedExtension<SignedDataCodec> c : guarded.codecRouting().values().stream().distinct()
        .toList()) {
      codecs.add(PipelineExtensions.codec(guarded, c));
    }
    codecs.addAll(Eth2Codecs.builtIns());
    return CodecRegistry.of(codecs);
  }

  /**
   * The node, prepared and validated; {@link NodeLifecycle} starts it.
   *
   * @param setup what to run
   * @param props settings
   * @param verification whether signatures are verified
   * @param codecs codecs
   * @param guarded plugin gaters and verifiers
   * @param bridge events
   * @param metrics metrics
   * @param registry Micrometer, for the connected-peers gauge
   * @param peerInfo what peerinfo announces
   * @return the runtime
   */
  @Bean(destroyMethod = "close")
  public NodeRuntime nodeRuntime(ClusterSetup setup, ParsigexProperties props,
      VerificationProperties verification, CodecRegistry codecs, GuardedExtensions guarded, NodeEventBridge bridge,
      ParSigExMetrics metrics, MeterRegistry registry, PeerInfoProperties peerInfo) {
    boolean verify = verification.enabled();
    if (!verify) {
      log.warn("parsigex.verification.enabled=false: received partial signatures are NOT verified");
    }
    NodeRuntime runtime = new NodeRuntime(setup, props, codecs,
        PipelineExtensions.gater(guarded),
        verify ? Optional.of(PipelineExtensions.verifier(guarded)) : Optional.empty(),
        bridge, metrics, peerInfo);
    Gauge.builder("parsigex.connected.peers", runtime, NodeRuntime::connectedPeers)
        .description("Cluster peers with an open connection").register(registry);
    Gauge.builder("parsigex.configured.peers", runtime,
        r -> r.setup().cluster().others().size())
        .description("Cluster peers configured").register(registry);
    failureCounters(registry, runtime, bridge);
    return runtime;
  }

  /**
   * Starts the node after the context is built and stops it before the beans are destroyed.
   *
   * @param runtime the node
   * @return the lifecycle
   */
  @Bean
  public NodeLifecycle nodeLifecycle(NodeRuntime runtime) {
    return new NodeLifecycle(runtime);
  }

  /**
   * Counters of everything refused or lost before it became a set: dropped events, refused
   * streams, the libp2p host's refused, failed and broken connections, and failed relay URL
   * queries.
   */
  private static void failureCounters(MeterRegistry registry, NodeRuntime runtime,
      NodeEventBridge bridge) {
    FunctionCounter.builder("parsigex.dropped.events", runtime, r -> r.node().droppedOutcomes())
        .tag("queue", "receive")
        .description("Events dropped because listeners were too slow and the queue was full")
        .register(registry);
    FunctionCounter.builder("parsigex.dropped.events", bridge, NodeEventBridge::droppedEvents)
        .tag("queue", "events")
        .description("Events dropped because listeners were too slow and the queue was full")
        .register(registry);
    FunctionCounter.builder("parsigex.refused.streams", runtime, r -> r.node().refusedStreams())
        .description("Inbound parsigex streams refused by the per-peer or node-wide cap")
        .register(registry);
    p2pCounter(registry, runtime, "gated.connections",
        "Connections refused because the peer is not a cluster member or relay",
        r -> r.node().host().stats().gatedPeers());
    p2pCounter(registry, runtime, "handshake.failures",
        "Connections that failed security or muxer negotiation",
        r -> r.node().host().stats().handshakeFailures());
    p2pCounter(registry, runtime, "stream.negotiation.failures",
        "Inbound streams whose protocol negotiation failed",
        r -> r.node().host().stats().streamNegotiationFailures());
    p2pCounter(registry, runtime, "refused.connections",
        "Connections closed at once because the connection limit was reached",
        r -> r.node().host().stats().refusedOverLimit());
    p2pCounter(registry, runtime, "connection.errors",
        "Established connections that ended on an error (protocol, decryption or I/O)",
        r -> r.node().host().stats().connectionErrors());
    p2pCounter(registry, runtime, "refused.relay.stops",
        "Circuit relay stop streams refused (malformed or late stop message, not our relay, "
            + "announced peer refused)",
        r -> r.node().host().stats().refusedRelayStops());
    for (PreAuthRefusal reason : PreAuthRefusal.values()) {
      FunctionCounter.builder("parsigex.p2p.preauth.refused", runtime,
              r -> r.node().host().stats().preAuth().refused(reason))
          .tag("reason", reason.label())
          .description("Inbound connections closed before they authenticated: per_ip and total "
              + "(pre-authentication budget full), evicted (silent, made room for a newer one), "
              + "handshake_timeout")
          .register(registry);
    }
    Gauge.builder("parsigex.p2p.preauth.pending", runtime,
            r -> r.node().host().stats().preAuth().pending())
        .description("Inbound connections whose handshake is under way (not yet authenticated)")
        .register(registry);
    for (YamuxRefusal reason : YamuxRefusal.values()) {
      FunctionCounter.builder("parsigex.p2p.yamux.refused.streams", runtime,
              r -> r.node().host().stats().yamuxRefusals().get(reason))
          .tag("reason", reason.label()).tag("fault", reason.faultLabel())
          .description("Streams refused and sessions ended by Yamux's own limits and checks")
          .register(registry);
    }
    p2pCounter(registry, runtime, "relay.resolution.failures",
        "Relay URL queries that failed (unreachable, timeout, HTTP error, no usable relay address)",
        NodeRuntime::relayResolutionFailures);
  }

  private static void p2pCounter(MeterRegistry registry, NodeRuntime runtime, String name,
      String description, java.util.function.ToDoubleFunction<NodeRuntime> value) {
    FunctionCounter.builder("parsigex.p2p." + name, runtime, value).description(description)
        .register(registry);
  }
}
