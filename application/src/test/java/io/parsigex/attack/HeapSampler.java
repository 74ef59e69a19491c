package io.parsigex.attack;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this JVM's heap while an attack runs: the used heap every {@link #PERIOD_MILLIS}, and the
 * live heap (the heap pools' usage right after a collection, {@link MemoryPoolMXBean#getCollectionUsage})
 * after a collection it requests every {@link #GC_EVERY} samples. Both peaks are reported above
 * the live heap measured before the attack. Every node of the fixture runs in this JVM, so this is
 * the whole cluster's heap (the victim's share dominates under attack).
 */
final class HeapSampler implements AutoCloseable {

  static final long PERIOD_MILLIS = 100;
  static final int GC_EVERY = 5;
  private static final long MIB = 1L << 20;

  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
      .stream().filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
      .toList();
  private final long baseline;
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakLive = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  HeapSampler() {
    System.gc();
    this.baseline = live();
    thread = new Thread(this::run, "attack-heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    int n = 0;
    while (running) {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      peakUsed.accumulateAndGet(used, Math::max);
      if (++n % GC_EVERY == 0) {
        System.gc();
        peakLive.accumulateAndGet(live(), Math::max);
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long live() {
    long sum = 0;
    for (MemoryPoolMXBean p : heapPools) {
      MemoryUsage u = p.getCollectionUsage();
      if (u != null) {
        sum += u.getUsed();
      }
    }
    return sum;
  }

  /**
   * The live heap before the attack.
   *
   * @return MiB
   */
  long baselineMib() {
    return baseline / MIB;
  }

  /**
   * Peak live heap above the baseline.
   *
   * @return MiB
   */
  long liveGrowthMib() {
    return Math.max(0, peakLive.get() - baseline) / MIB;
  }

  /**
   * Peak used heap (live plus garbage not yet collected).
   *
   * @return MiB
   */
  long peakUsedMib() {
    return peakUsed.get() / MIB;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
