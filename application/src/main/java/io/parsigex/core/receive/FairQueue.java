package io.parsigex.core.receive;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * The verify queue: one FIFO queue per peer, served round-robin (one set per peer per turn), so a
 * peer's flood delays only that peer's own sets. Bounded by count, per peer and for the node; and
 * when the oldest waiting set is late (less than the late margin left before its deadline), sets
 * are shed until it is not, so overload turns into shedding rather than timeouts. The policy sheds
 * the set of the OLDEST duty (lowest slot, then earliest arrival) of the peer concerned (for the node
 * bound: of the peer with the longest queue; when late: of the late set's peer), keeping the
 * newest work. Expired sets are taken out without being verified. Thread-safe (one lock).
 *
 * @param <T> what is queued
 */
final class FairQueue<T> {

  /** Why a set was shed. */
  enum Cause {
    /** Its peer's queue was full. */
    PEER_QUEUE("peer_queue"),
    /** The node's queue was full. */
    NODE_QUEUE("node_queue"),
    /** The oldest queued set was late: the workers are not keeping up within the deadline. */
    DEADLINE("deadline"),
    /** Its bytes were needed for a newer message of the same peer (its share or the total). */
    BYTES("bytes");

    private final String label;

    Cause(String label) {
      this.label = label;
    }

    /**
     * The metric label.
     *
     * @return the label
     */
    String label() {
      return label;
    }
  }

  /** A shed set and why. */
  record Shed<T>(T item, Cause cause) {}

  private static final class Entry<T> {
    final String peer;
    final long slot;
    final long seq;
    final long deadline;
    final long bytes;
    final T item;

    Entry(String peer, long slot, long seq, long deadline, long bytes, T item) {
      this.peer = peer;
      this.slot = slot;
      this.seq = seq;
      this.deadline = deadline;
      this.bytes = bytes;
      this.item = item;
    }
  }

  private static final Comparator<Entry<?>> OLDEST_DUTY_FIRST =
      Comparator.<Entry<?>>comparingLong(e -> e.slot).thenComparingLong(e -> e.seq);

  private final class PeerQueue {
    final String peer;
    final TreeMap<Long, Entry<T>> fifo = new TreeMap<>();
    final TreeSet<Entry<T>> bySlot = new TreeSet<>(OLDEST_DUTY_FIRST);
    long bytes;
    boolean inRing;

    PeerQueue(String peer) {
      this.peer = peer;
    }

    void add(Entry<T> e) {
      fifo.put(e.seq, e);
      bySlot.add(e);
      bytes += e.bytes;
      size++;
    }

    void remove(Entry<T> e) {
      fifo.remove(e.seq);
      bySlot.remove(e);
      bytes -= e.bytes;
      size--;
    }

    int depth() {
      return fifo.size();
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  private final Map<String, PeerQueue> peers = new HashMap<>();
  private final ArrayDeque<PeerQueue> ring = new ArrayDeque<>();
  private final int nodeLimit;
  private final ToIntFunction<String> peerLimit;
  private final long lateMargin;
  private int size;
  private long seq;
  private boolean closed;

  /**
   * A queue.
   *
   * @param nodeLimit sets all peers together may queue
   * @param peerLimit sets one peer may queue now (smaller for a throttled peer)
   * @param lateMargin a queued set with less than this left before its deadline (millis) is late:
   *     the workers are not keeping up, and sets of the oldest duties are shed until the oldest
   *     waiting set is no longer late
   */
  FairQueue(int nodeLimit, ToIntFunction<String> peerLimit, long lateMargin) {
    this.nodeLimit = nodeLimit;
    this.peerLimit = peerLimit;
    this.lateMargin = lateMargin;
  }

  /**
   * Queues a set, then sheds what the bounds no longer allow (possibly this set itself, when it
   * is the oldest duty of its peer).
   *
   * @param peer the sender
   * @param slot its duty's slot (for the shedding order)
   * @param deadline when it expires (clock millis)
   * @param bytes bytes it holds
   * @param item the set
   * @param now clock millis
   * @return the sets shed, with why; the caller refuses them
   */
  List<Shed<T>> offer(String peer, long slot, long deadline, long bytes, T item, long now) {
    List<Shed<T>> shed = new ArrayList<>(1);
    lock.lock();
    try {
      if (closed) {
        shed.add(new Shed<>(item, Cause.NODE_QUEUE));
        return shed;
      }
      PeerQueue q = peers.computeIfAbsent(peer, PeerQueue::new);
      q.add(new Entry<>(peer, slot, seq++, deadline, bytes, item));
      int mine = Math.max(1, peerLimit.applyAsInt(peer));
      while (q.depth() > mine) {
        shed.add(evictOldest(q, Cause.PEER_QUEUE));
      }
      while (size > nodeLimit) {
        shed.add(evictOldest(longest(), Cause.NODE_QUEUE));
      }
      shedLate(now, shed);
      if (q.depth() > 0 && !q.inRing) {
        q.inRing = true;
        ring.addLast(q);
        nonEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
    return shed;
  }

  /**
   * Sheds queued sets, oldest duty first, to free bytes for a newer message.
   *
   * @param peer whose sets to shed
   * @param need bytes wanted
   * @return the sets shed (none when the queue holds too few bytes to free {@code need})
   */
  List<Shed<T>> shedBytes(String peer, long need) {
    List<Shed<T>> shed = new ArrayList<>();
    lock.lock();
    try {
      PeerQueue q = peers.get(peer);
      if (q == null || q.bytes < need) {
        return shed;
      }
      long freed = 0;
      while (freed < need && q.depth() > 0) {
        Entry<T> e = q.bySlot.first();
        freed += e.bytes;
        q.remove(e);
        shed.add(new Shed<>(e.item, Cause.BYTES));
      }
    } finally {
      lock.unlock();
    }
    return shed;
  }

  /**
   * The next set, round-robin over the peers with queued sets; waits while there is none.
   *
   * @param maxWait longest wait
   * @param unit its unit
   * @return the set, or null after {@code maxWait} or once closed
   * @throws InterruptedException when interrupted
   */
  T take(long maxWait, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(maxWait);
    lock.lock();
    try {
      while (true) {
        if (closed) {
          return null;
        }
        PeerQueue q = ring.pollFirst();
        if (q != null) {
          q.inRing = false;
          if (q.depth() == 0) {
            continue;
          }
          Entry<T> e = q.fifo.firstEntry().getValue();
          q.remove(e);
          if (q.depth() > 0) {
            q.inRing = true;
            ring.addLast(q);
          }
          return e.item;
        }
        if (nanos <= 0) {
          return null;
        }
        nanos = nonEmpty.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes out every queued set whose deadline has passed (checking each peer's queue from its
   * head, which is in arrival order and so in deadline order).
   *
   * @param now clock millis
   * @return the expired sets
   */
  List<T> expire(long now) {
    List<T> out = new ArrayList<>();
    lock.lock();
    try {
      for (PeerQueue q : peers.values()) {
        while (q.depth() > 0) {
          Entry<T> e = q.fifo.firstEntry().getValue();
          if (e.deadline > now) {
            break;
          }
          q.remove(e);
          out.add(e.item);
        }
      }
    } finally {
      lock.unlock();
    }
    return out;
  }

  /**
   * Closes the queue: {@link #take} answers null, and every queued set is returned.
   *
   * @return the sets still queued
   */
  List<T> close() {
    List<T> out = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      for (PeerQueue q : peers.values()) {
        q.fifo.values().forEach(e -> out.add(e.item));
        q.fifo.clear();
        q.bySlot.clear();
        q.bytes = 0;
      }
      size = 0;
      ring.clear();
      nonEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    return out;
  }

  /**
   * Sets one peer has queued.
   *
   * @param peer the peer
   * @return the count
   */
  int depth(String peer) {
    lock.lock();
    try {
      PeerQueue q = peers.get(peer);
      return q == null ? 0 : q.depth();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Bytes one peer's queued sets hold.
   *
   * @param peer the peer
   * @return the count
   */
  long bytes(String peer) {
    lock.lock();
    try {
      PeerQueue q = peers.get(peer);
      return q == null ? 0 : q.bytes;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sets queued by all peers.
   *
   * @return the count
   */
  int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  private Shed<T> evictOldest(PeerQueue q, Cause cause) {
    Entry<T> e = q.bySlot.first();
    q.remove(e);
    return new Shed<>(e.item, cause);
  }

  /**
   * Sheds while the oldest waiting set is late (about to miss its deadline): each time the oldest
   * duty of that set's peer, so the workers get to sets they can still verify in time. Called on
   * each arrival and by the deadline sweeper.
   *
   * @param now clock millis
   * @return the sets shed
   */
  List<Shed<T>> shedLate(long now) {
    List<Shed<T>> shed = new ArrayList<>();
    lock.lock();
    try {
      shedLate(now, shed);
    } finally {
      lock.unlock();
    }
    return shed;
  }

  private void shedLate(long now, List<Shed<T>> shed) {
    for (PeerQueue late = lateHead(now); late != null; late = lateHead(now)) {
      shed.add(evictOldest(late, Cause.DEADLINE));
    }
  }

  private PeerQueue lateHead(long now) {
    PeerQueue oldest = null;
    long first = Long.MAX_VALUE;
    for (PeerQueue q : peers.values()) {
      if (q.depth() > 0) {
        Entry<T> head = q.fifo.firstEntry().getValue();
        if (head.seq < first) {
          first = head.seq;
          oldest = q;
        }
      }
    }
    if (oldest == null || oldest.fifo.firstEntry().getValue().deadline - now >= lateMargin) {
      return null;
    }
    return oldest;
  }

  private PeerQueue longest() {
    PeerQueue best = null;
    for (PeerQueue q : peers.values()) {
      if (best == null || q.depth() > best.depth()) {
        best = q;
      }
    }
    return best;
  }
}
