package io.parsigex.libp2p.bench;

/**
 * One run's figures: work done per wall-clock second, and per second of CPU time used by the
 * process hosting both peers (robust to load from other processes on a shared machine).
 *
 * @param perSecond units (MiB or streams) per second
 * @param perCpuSecond units per CPU second
 */
record RunResult(double perSecond, double perCpuSecond) {

  /**
   * Checks that both figures are positive and finite.
   *
   * @param perSecond units per second
   * @param perCpuSecond units per CPU second
   */
  RunResult {
    if (!(perSecond > 0 && perCpuSecond > 0) || Double.isInfinite(perSecond)
        || Double.isInfinite(perCpuSecond)) {
      throw new IllegalArgumentException("figures must be positive and finite: " + perSecond
          + " per second, " + perCpuSecond + " per CPU second");
    }
  }

  /**
   * Figures from a run's measurements.
   *
   * @param units work done (MiB or streams)
   * @param seconds wall-clock time
   * @param cpuSeconds CPU time of the process
   * @return the figures
   */
  static RunResult of(double units, double seconds, double cpuSeconds) {
    return new RunResult(units / seconds, units / cpuSeconds);
  }
}
