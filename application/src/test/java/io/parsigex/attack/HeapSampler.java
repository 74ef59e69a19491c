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
  private final java.util.Map<String, java.util.function.LongSupplier> parts;
  private volatile String atPeak = "";
  private int histograms;
  /** Growth above the baseline from which a peak gets a heap histogram. */
  static final long HISTOGRAM_ABOVE_MIB = 64;
  static final int MAX_HISTOGRAMS = 4;
  private volatile boolean running = true;

  HeapSampler() {
    this(java.util.Map.of());
  }

  /**
   * A sampler that also reads named parts of the heap (in bytes) at each live sample, and keeps
   * them, with the largest classes of a heap histogram, for the sample where the live heap peaked.
   *
   * @param parts name to a reading in bytes
   */
  HeapSampler(java.util.Map<String, java.util.function.LongSupplier> parts) {
    this.parts = parts;
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
        long live = live();
        if (live > peakLive.get()) {
          peakLive.set(live);
          // a histogram costs a full collection: at most a few, once the growth is worth one
          if (!parts.isEmpty() && histograms < MAX_HISTOGRAMS
              && live - baseline >= HISTOGRAM_ABOVE_MIB * MIB) {
            histograms++;
            atPeak = describe(live);
          }
        }
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

  private String describe(long live) {
    StringBuilder b = new StringBuilder("live +" + Math.max(0, live - baseline) / MIB + " MiB:");
    parts.forEach((name, r) -> b.append(' ').append(name).append(' ')
        .append(r.getAsLong() / MIB).append(" MiB;"));
    b.append(" largest classes:");
    try {
      String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
          "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
      h.lines().skip(2).limit(8).forEach(l -> b.append("\n    ").append(l.strip()));
    } catch (Exception e) {
      b.append(" (no histogram: ").append(e).append(')');
    }
    return b.toString();
  }

  /**
   * The named parts and the largest classes when the live heap peaked.
   *
   * @return a description, empty without parts
   */
  String atPeak() {
    return atPeak;
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
