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
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    return new PluginHost(properties.dir(), properties.enabled(), properties.disabled(),
        id -> new PluginContext(id, view, timing, time,
            properties.settings().getOrDefault(id, Map.of())),
        verification.enabled());
  }

  /**
   * The bounded pool extension calls run on.
   *
   * @param properties pool size and queue length
   * @return the executor
   */
  @Bean(destroyMethod = "shutdownNow")
  public ExecutorService pluginExecutor(PluginProperties properties) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(properties.queue()), r -> {
          Thread t = new Thread(r, "parsigex-plugin-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Every extension call, guarded.
   *
   * @param host the plugins
   * @param pluginExecutor where the calls run
   * @param properties the call timeout
   * @param registry metrics, when a registry exists
   * @return the guarded extensions
   */
  @Bean
  public GuardedExtensions guardedExtensions(PluginHost host, ExecutorService pluginExecutor,
      PluginProperties properties, ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
    Gauge.builder("parsigex.plugins.left.out", host, h -> h.diagnostics().size())
        .description("Plugins left out at startup (unreadable, failed to start, bad extension); "
            + "the parsigex health component lists why")
        .register(meters);
    return new GuardedExtensions(host.gaters(), host.verifiers(), host.codecs(), pluginExecutor,
        properties.callTimeout(), meters);
  }
}
