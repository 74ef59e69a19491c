package io.parsigex.core.extensions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Per-plugin call metrics: {@code parsigex_plugin_calls_total{plugin,point}},
 * {@code parsigex_plugin_failures_total{plugin,point,kind}} and
 * {@code parsigex_plugin_call_seconds{plugin,point}} (time spent in the extension).
 */
final class ExtensionMetrics {

  static final String CALLS = "parsigex.plugin.calls";
  static final String FAILURES = "parsigex.plugin.failures";
  static final String LATENCY = "parsigex.plugin.call";

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

  void latency(String pluginId, ExtensionPointKind point, long nanos) {
    Timer.builder(LATENCY).description("Time spent inside plugin extensions")
        .tag("plugin", pluginId).tag("point", point.label()).register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
