package io.parsigex.node.plugins;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.ClusterView;
import io.parsigex.api.PluginContext;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.node.config.ParsigexProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of the plugin host and of the guarded extension calls the pipeline uses. The cluster
 * view and chain spec come from the cluster and chain configuration when those beans exist; until
 * then an empty cluster and mainnet are used.
 */
@Configuration(proxyBeanMethods = false)
public class PluginConfiguration {

  /**
   * The plugin host.
   *
   * @param properties plugin settings
   * @param verification whether a verifier is required
   * @param cluster the cluster view, when configured
   * @param chain the chain, when configured
   * @param clock the clock, when one is provided
   * @return the started host
   */
  @Bean(destroyMethod = "close")
  public PluginHost pluginHost(PluginProperties properties, VerificationProperties verification,
      ObjectProvider<ClusterView> cluster, ObjectProvider<ChainSpec> chain,
      ObjectProvider<Clock> clock) {
    ClusterView view = cluster.getIfAvailable(ClusterShares::empty);
    ChainSpec spec = chain.getIfAvailable(ChainPreset.MAINNET::spec);
    ChainTiming timing = new ChainTiming(spec.genesisInstant(), spec.slotDuration(),
        spec.slotsPerEpoch());
    Clock time = clock.getIfAvailable(Clock::systemUTC);
    return new PluginHost(properties.folder(), properties.enabled(), properties.disabled(),
        id -> new PluginContext(id, view, timing, time,
            properties.settings().getOrDefault(id, Map.of())),
        verification.enabled());
  }

  /**
   * Every extension call, guarded: a bounded worker pool per extension point (gaters and codecs
   * {@code parsigex.plugins.workers} threads each, verifiers {@code parsigex.protocol.verify-workers}
   * threads, so that setting is the node's verification concurrency), the call timeout (derived
   * from the receive timeout unless set), and one circuit breaker per plugin and point.
   *
   * @param host the plugins
   * @param properties the call bounds
   * @param node the protocol settings (receive timeout, verify workers), when configured
   * @param registry metrics, when a registry exists
   * @return the guarded extensions
   */
  @Bean(destroyMethod = "close")
  public GuardedExtensions guardedExtensions(PluginHost host, PluginProperties properties,
      ObjectProvider<ParsigexProperties> node, ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
    Gauge.builder("parsigex.plugins.left.out", host, h -> h.diagnostics().size())
        .description("Plugins left out at startup (unreadable, failed to start, bad extension); "
            + "the parsigex health component lists why")
        .register(meters);
    ParsigexProperties p = node.getIfAvailable();
    Duration receiveTimeout = p == null ? ReceivePipeline.Config.DEFAULT_RECEIVE_TIMEOUT
        : p.protocol().receiveTimeout();
    int verifyWorkers = verifyWorkers(p == null ? 0 : p.protocol().verifyWorkers());
    GuardedExtensions.Limits limits = new GuardedExtensions.Limits(
        properties.callTimeout(receiveTimeout), properties.workers(), verifyWorkers,
        properties.workers(), properties.queue(), properties.breaker().failureThreshold(),
        properties.breaker().coolDown(), properties.maxAbandonedThreads());
    return new GuardedExtensions(host.gaters(), host.verifiers(), host.codecs(), limits, meters);
  }

  /**
   * {@code parsigex.protocol.verify-workers} resolved: 0 means one per core, at least 2.
   *
   * @param configured the setting
   * @return the thread count
   */
  public static int verifyWorkers(int configured) {
    return configured > 0 ? configured : Math.max(2, Runtime.getRuntime().availableProcessors());
  }
}
