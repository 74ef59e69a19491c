package io.parsigex.core.extensions;

import java.util.Locale;

/**
 * Whether a plugin's extension is in service (see {@link GuardedExtensions}' circuit breaker).
 * {@link #gaugeValue()} is the value of {@code parsigex_plugin_state{plugin,point}}.
 */
public enum BreakerState {
  /** Closed: calls go to the plugin. */
  IN_SERVICE(0),
  /** Half-open: the cool-down is over and one probe call is in flight. */
  PROBING(1),
  /** Open: the plugin failed too often in a row; calls are refused without calling it. */
  OUT_OF_SERVICE(2);

  private final int gaugeValue;

  BreakerState(int gaugeValue) {
    this.gaugeValue = gaugeValue;
  }

  /**
   * The gauge value.
   *
   * @return 0 in service, 1 probing, 2 out of service
   */
  public int gaugeValue() {
    return gaugeValue;
  }

  /**
   * The label in health and metrics.
   *
   * @return for example {@code out_of_service}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
