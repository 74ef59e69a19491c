package io.parsigex.core.extensions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Per-plugin call metrics: {@code parsigex_plugin_calls_total{plugin,point}},
 * {@code parsigex_plugin_failures_total{plugin,point,kind}} and
 * {@code parsigex_plugin_call_seconds{plugin,point}} (time spent in the extension); the breaker's
 * {@code parsigex_plugin_state{plugin,point}} (0 in service, 1 probing, 2 out of service) and
 * {@code parsigex_plugin_breaker_transitions_total{plugin,point,to}}; and per extension point
 * {@code parsigex_plugin_workers{point}} (live workers), {@code
 * parsigex_plugin_abandoned_threads{point}}
 * (hung threads not yet returned) and {@code parsigex_plugin_abandoned_calls_total{point}}.
 */
final class ExtensionMetrics {

  static final String CALLS = "parsigex.plugin.calls";
  static final String FAILURES = "parsigex.plugin.failures";
  static final String LATENCY = "parsigex.plugin.call";
  static final String STATE = "parsigex.plugin.state";
  static final String TRANSITIONS = "parsigex.plugin.breaker.transitions";
  static final String WORKERS = "parsigex.plugin.workers";
  static final String ABANDONED = "parsigex.plugin.abandoned.threads";
  static final String ABANDONED_CALLS = "parsigex.plugin.abandoned.calls";

  private final MeterRegistry registry;

  ExtensionMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  void called(String pluginId, ExtensionPointKind point) {
    Counter.builder(CALLS).description("Calls into plugin extensions")
        .tag("plugin", pluginId).tag("point", point.label()).register(registry).increment();
  }

  void failed(String pluginId, ExtensionPointKind point, RejectionKind kind) {
    Counter.builder(FAILURES).description("Plugin extension calls that timed out, threw, "
            + "answered nonsense or could not be scheduled")
        .tag("plugin", pluginId).tag("point", point.label()).tag("kind", kind.label())
        .register(registry).increment();
  }

  <T> void stateGauge(String pluginId, ExtensionPointKind point, T breaker,
      java.util.function.ToDoubleFunction<T> value) {
    io.micrometer.core.instrument.Gauge.builder(STATE, breaker, value)
        .description("Plugin circuit breaker: 0 in service, 1 probing, 2 out of service")
        .tag("plugin", pluginId).tag("point", point.label()).strongReference(true)
        .register(registry);
    for (BreakerState to : BreakerState.values()) {
      transitionCounter(pluginId, point, to);
    }
  }

  void transition(String pluginId, ExtensionPointKind point, BreakerState to) {
    transitionCounter(pluginId, point, to).increment();
  }

  private Counter transitionCounter(String pluginId, ExtensionPointKind point, BreakerState to) {
    return Counter.builder(TRANSITIONS).description("Plugin circuit breaker state changes")
        .tag("plugin", pluginId).tag("point", point.label()).tag("to", to.label())
        .register(registry);
  }

  void workerGauges(ExtensionPointKind point, ExtensionWorkers workers) {
    io.micrometer.core.instrument.Gauge.builder(WORKERS, workers, ExtensionWorkers::liveWorkers)
        .description("Plugin worker threads that take calls").tag("point", point.label())
        .strongReference(true).register(registry);
    io.micrometer.core.instrument.Gauge.builder(ABANDONED, workers,
            ExtensionWorkers::abandonedThreads)
        .description("Plugin worker threads abandoned in a hung call that have not returned")
        .tag("point", point.label()).strongReference(true).register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(ABANDONED_CALLS, workers,
            ExtensionWorkers::abandonedTotal)
        .description("Plugin calls abandoned at their deadline (their worker was replaced)")
        .tag("point", point.label()).register(registry);
  }

  void latency(String pluginId, ExtensionPointKind point, long nanos) {
    Timer.builder(LATENCY).description("Time spent inside plugin extensions")
        .tag("plugin", pluginId).tag("point", point.label()).register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
