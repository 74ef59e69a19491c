package io.parsigex.node.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gauge family with one series per peer label whose value is set (Charon's {@code GaugeVec} with
 * a {@code peer} label), or, with a value label, one series per peer whose value label changes
 * (Charon's {@code ResetGaugeVec}: the peer's old series is removed when its value changes).
 * Thread-safe.
 */
final class PeerGauges {

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final String valueLabel;
  private final Map<String, Holder> series = new ConcurrentHashMap<>();

  /** A series' value and, for value-labelled families, its label value. */
  private static final class Holder {
    private volatile double value;
    private final String label;
    private final Gauge gauge;

    Holder(PeerGauges family, String peer, String label) {
      this.label = label;
      Tags tags = Tags.of("peer", peer);
      if (family.valueLabel != null) {
        tags = tags.and(family.valueLabel, label);
      }
      this.gauge = Gauge.builder(family.name, this, h -> h.value).tags(tags)
          .description(family.description).strongReference(true).register(family.registry);
    }
  }

  private PeerGauges(MeterRegistry registry, String name, String description,
      String valueLabel) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.valueLabel = valueLabel;
  }

  /**
   * A family {@code name{peer}}.
   *
   * @param registry the registry
   * @param name the Micrometer name
   * @param description its help text
   * @return the family
   */
  static PeerGauges of(MeterRegistry registry, String name, String description) {
    return new PeerGauges(registry, name, description, null);
  }

  /**
   * A family {@code name{peer, valueLabel}}, one series per peer.
   *
   * @param registry the registry
   * @param name the Micrometer name
   * @param description its help text
   * @param valueLabel the label that carries the value (e.g. {@code version})
   * @return the family
   */
  static PeerGauges labelled(MeterRegistry registry, String name, String description,
      String valueLabel) {
    return new PeerGauges(registry, name, description, valueLabel);
  }

  /**
   * Sets a peer's series.
   *
   * @param peer the peer label
   * @param value the value
   */
  void set(String peer, double value) {
    series.computeIfAbsent(peer, p -> new Holder(this, p, null)).value = value;
  }

  /**
   * Sets a peer's value label (its series is 1), replacing its series with another value.
   *
   * @param peer the peer label
   * @param label the value label
   */
  void setLabel(String peer, String label) {
    Holder h = series.compute(peer, (p, old) -> {
      if (old != null && old.label.equals(label)) {
        return old;
      }
      if (old != null) {
        registry.remove(old.gauge);
      }
      return new Holder(this, p, label);
    });
    h.value = 1;
  }
}
