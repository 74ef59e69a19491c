package io.parsigex.core.protocol;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The parsigex streams one peer has in flight (opened, message not yet read), in the order they
 * were opened, under the per-peer cap. At the cap, {@link #admit} either frees the slot of the
 * peer's oldest in-flight stream, when that one is a straggler, or refuses the new stream.
 *
 * <p>A straggler has been open at least the minimum shedding age and at least
 * {@link #STRAGGLER_FACTOR} times the peer's typical time in flight: an average over its recent
 * streams ({@link #WEIGHT} per stream), those shed included. The oldest is not always a
 * straggler: if every stream of a peer needs about the same while to deliver (a slow link, a
 * sender far behind), shedding the oldest would reset each stream just before it completes, and
 * none would (thrashing). Because a shed stream's age counts in the average too, shedding raises
 * its own bar: a run of sheds stops by itself, and only streams far slower than the peer's others
 * are ever shed. Until a peer's streams have taught it, the typical time is assumed to be the
 * minimum shedding age. Thread-safe (one monitor; a peer's streams may arrive on more than one
 * connection).
 */
final class PeerStreams {

  /** How many times the typical time in flight a stream must be open to be shed. */
  static final double STRAGGLER_FACTOR = 2.0;
  /** The weight of each stream that leaves flight in the typical time in flight. */
  static final double WEIGHT = 1.0 / 8;

  /** One in-flight stream's slot: released exactly once, by whoever claims it first. */
  static final class Slot {
    final long openedAtNanos;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Runnable shedder;
    private volatile io.netty.channel.EventLoop loop;

    Slot(long openedAtNanos) {
      this.openedAtNanos = openedAtNanos;
    }

    /**
     * What resets this stream when it is shed, and the event loop it must run on (set once the
     * stream's reader exists; a slot without it is never shed).
     */
    void onShed(io.netty.channel.EventLoop eventLoop, Runnable shed) {
      this.loop = eventLoop;
      this.shedder = shed;
    }

    Runnable shedder() {
      return shedder;
    }

    io.netty.channel.EventLoop loop() {
      return loop;
    }

    private boolean claim() {
      return released.compareAndSet(false, true);
    }
  }

  /** What {@link #admit} decided. */
  record Admission(Slot slot, Slot shed) {
    /** Whether the new stream may be read. */
    boolean admitted() {
      return slot != null;
    }
  }

  private final LinkedHashSet<Slot> open = new LinkedHashSet<>();
  private double typicalNanos;

  /**
   * No stream in flight yet.
   *
   * @param initialTypicalNanos the typical time in flight assumed until the peer's streams teach
   *     it otherwise (the minimum shedding age: a new peer's streams are shed only after twice that)
   */
  PeerStreams(long initialTypicalNanos) {
    this.typicalNanos = initialTypicalNanos;
  }

  /**
   * Takes a slot for a new stream. Below {@code cap}, always. At the cap, the oldest in-flight
   * stream is shed for the new one if it is a straggler (open at least {@code minShedAgeNanos}
   * and {@link #STRAGGLER_FACTOR} times the typical time in flight) and its reader is attached;
   * otherwise the new stream is refused.
   *
   * @param cap streams the peer may have in flight
   * @param minShedAgeNanos the youngest age at which an in-flight stream may be shed
   * @param nowNanos the current time
   * @return the new stream's slot (null when refused) and the shed stream's slot (or null)
   */
  synchronized Admission admit(int cap, long minShedAgeNanos, long nowNanos) {
    Slot shed = null;
    if (open.size() >= cap) {
      Iterator<Slot> it = open.iterator();
      Slot oldest = it.hasNext() ? it.next() : null;
      if (oldest == null || oldest.shedder() == null
          || nowNanos - oldest.openedAtNanos < shedAgeNanos(minShedAgeNanos) || !oldest.claim()) {
        return new Admission(null, null);
      }
      it.remove();
      left(nowNanos - oldest.openedAtNanos);
      shed = oldest;
    }
    Slot slot = new Slot(nowNanos);
    open.add(slot);
    return new Admission(slot, shed);
  }

  /**
   * Gives a slot back (its stream's message was read, or the stream ended); no-op when it was
   * given back or shed already.
   *
   * @param slot the slot
   * @param nowNanos the current time
   * @return true when this call released it
   */
  synchronized boolean release(Slot slot, long nowNanos) {
    if (!slot.claim()) {
      return false;
    }
    open.remove(slot);
    left(nowNanos - slot.openedAtNanos);
    return true;
  }

  /**
   * The age from which the oldest in-flight stream is shed at the cap.
   *
   * @param minShedAgeNanos the least age
   * @return nanoseconds
   */
  synchronized long shedAgeNanos(long minShedAgeNanos) {
    return Math.max(minShedAgeNanos, Math.round(STRAGGLER_FACTOR * typicalNanos));
  }

  private void left(long inFlightNanos) {
    typicalNanos += WEIGHT * (Math.max(0, inFlightNanos) - typicalNanos);
  }

  /**
   * Streams in flight.
   *
   * @return the count
   */
  synchronized int size() {
    return open.size();
  }

  /**
   * How long the oldest in-flight stream has been open.
   *
   * @param nowNanos the current time
   * @return nanoseconds, 0 when none is in flight
   */
  synchronized long oldestAgeNanos(long nowNanos) {
    return open.isEmpty() ? 0 : nowNanos - open.iterator().next().openedAtNanos;
  }
}
