package io.parsigex.core.protocol;

import java.util.concurrent.atomic.AtomicLong;

/** A shared bound on bytes held by unfinished inbound messages. Thread-safe. */
final class ByteBudget {

  private final long max;
  private final AtomicLong used = new AtomicLong();

  ByteBudget(long max) {
    this.max = max;
  }

  boolean tryReserve(long n) {
    while (true) {
      long u = used.get();
      if (u + n > max) {
        return false;
      }
      if (used.compareAndSet(u, u + n)) {
        return true;
      }
    }
  }

  void release(long n) {
    used.addAndGet(-n);
  }

  long used() {
    return used.get();
  }
}
