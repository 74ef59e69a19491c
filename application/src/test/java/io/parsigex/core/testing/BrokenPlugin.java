package io.parsigex.core.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.NamedExtension;
import io.parsigex.core.extensions.PipelineExtensions;
import io.parsigex.node.plugins.broken.BrokenCodec;
import java.time.Duration;
import java.util.List;

/**
 * The deliberately broken codec plugin ({@link BrokenCodec}, duty type {@code signature}) behind the
 * real plugin guard, as the node wires it: its own bounded worker pool, a short call timeout and a
 * meter registry to read {@code parsigex_plugin_failures_total} from. Every other duty type is
 * handled by the direct {@link TextData.Codec}, standing in for the node's built-in codecs.
 */
public final class BrokenPlugin implements AutoCloseable {

  /** The plugin id failures are counted against. */
  public static final String ID = "broken-codec";

  private static final int WORKERS = 4;
  private static final int QUEUE = 16;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GuardedExtensions guarded;
  private final CodecRegistry codecs;

  /**
   * Wires the plugin.
   *
   * @param callTimeout the plugin call timeout
   */
  public BrokenPlugin(Duration callTimeout) {
    NamedExtension<SignedDataCodec> codec = new NamedExtension<>(ID, new BrokenCodec());
    // a breaker threshold no test reaches: these tests count every failure of every call
    this.guarded = new GuardedExtensions(List.of(), List.of(), List.of(codec),
        new GuardedExtensions.Limits(callTimeout, WORKERS, WORKERS, WORKERS, QUEUE,
            Integer.MAX_VALUE, Duration.ofSeconds(30), WORKERS * 16), registry);
    // the plugin codec first: for equal priorities the first listed wins
    this.codecs = CodecRegistry.of(List.of(PipelineExtensions.codec(guarded, codec),
        new TextData.Codec()));
  }

  /**
   * The codecs: the guarded plugin for {@code signature}, the direct test codec for the rest.
   *
   * @return the registry
   */
  public CodecRegistry codecs() {
    return codecs;
  }

  /**
   * {@code parsigex_plugin_failures_total{plugin="broken-codec",point="codec",kind}}.
   *
   * @param kind for example {@code timeout}
   * @return the count
   */
  public double failures(String kind) {
    return registry.find("parsigex.plugin.failures").tag("plugin", ID).tag("point", "codec")
        .tag("kind", kind).counters().stream().mapToDouble(Counter::count).sum();
  }

  /**
   * {@code parsigex_plugin_calls_total{plugin="broken-codec",point="codec"}}: every hop onto the
   * plugin workers.
   *
   * @return the count
   */
  public double calls() {
    return registry.find("parsigex.plugin.calls").tag("plugin", ID).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    guarded.close();
  }
}
