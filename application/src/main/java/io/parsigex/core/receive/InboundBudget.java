package io.parsigex.core.receive;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes inbound messages may hold, from the first byte read until the set is published or
 * refused (the verify queue included): at most {@link #perPeer()} for one peer and at most
 * {@link #total()} for all peers together, so one peer's flood cannot take another peer's share
 * (when {@code total >= peers * perPeer}). Each message holds one {@link Reservation}, which
 * grows as bytes are kept and is released exactly once. Thread-safe.
 */
public final class InboundBudget {

  /** Why a reservation could not grow. */
  public enum Refusal {
    /** It fits. */
    NONE,
    /** The peer's share is full. */
    PEER_SHARE,
    /** The node's total is full. */
    NODE_TOTAL
  }

  private final long total;
  private final long perPeer;
  private final AtomicLong used = new AtomicLong();
  private final Map<String, AtomicLong> byPeer = new ConcurrentHashMap<>();

  /**
   * A budget.
   *
   * @param total bytes all peers together may hold
   * @param perPeer bytes one peer may hold
   */
  public InboundBudget(long total, long perPeer) {
    if (total < 1 || perPeer < 1) {
      throw new IllegalArgumentException("inbound byte budgets must be positive");
    }
    this.total = total;
    this.perPeer = Math.min(perPeer, total);
  }

  /**
   * A budget without a per-peer split.
   *
   * @param total bytes all peers together may hold
   * @return the budget
   */
  public static InboundBudget unsplit(long total) {
    return new InboundBudget(total, total);
  }

  /**
   * Opens an empty reservation for one message of a peer.
   *
   * @param peer the sender
   * @return a reservation holding nothing yet
   */
  public Reservation open(String peer) {
    return new Reservation(byPeer.computeIfAbsent(peer, p -> new AtomicLong()));
  }

  /**
   * Bytes held by all peers.
   *
   * @return the count
   */
  public long used() {
    return used.get();
  }

  /**
   * Bytes held by one peer.
   *
   * @param peer the peer
   * @return the count
   */
  public long used(String peer) {
    AtomicLong a = byPeer.get(peer);
    return a == null ? 0 : a.get();
  }

  /**
   * The node-wide bound.
   *
   * @return bytes
   */
  public long total() {
    return total;
  }

  /**
   * The per-peer bound.
   *
   * @return bytes
   */
  public long perPeer() {
    return perPeer;
  }

  private Refusal tryReserve(AtomicLong peer, long n) {
    while (true) {
      long p = peer.get();
      if (p + n > perPeer) {
        return Refusal.PEER_SHARE;
      }
      if (peer.compareAndSet(p, p + n)) {
        break;
      }
    }
    while (true) {
      long u = used.get();
      if (u + n > total) {
        peer.addAndGet(-n);
        return Refusal.NODE_TOTAL;
      }
      if (used.compareAndSet(u, u + n)) {
        return Refusal.NONE;
      }
    }
  }

  private void giveBack(AtomicLong peer, long n) {
    peer.addAndGet(-n);
    used.addAndGet(-n);
  }

  /** The bytes one message holds. Released exactly once; later calls do nothing. */
  public final class Reservation {
    private final AtomicLong peer;
    private long held;
    private boolean released;

    private Reservation(AtomicLong peer) {
      this.peer = peer;
    }

    /**
     * Grows the reservation.
     *
     * @param n more bytes
     * @return {@link Refusal#NONE} when reserved, else which bound is full
     */
    public synchronized Refusal grow(long n) {
      if (released) {
        throw new IllegalStateException("reservation already released");
      }
      Refusal r = tryReserve(peer, n);
      if (r == Refusal.NONE) {
        held += n;
      }
      return r;
    }

    /**
     * Bytes held now.
     *
     * @return the count
     */
    public synchronized long held() {
      return held;
    }

    /** Gives every byte back; only the first call counts. */
    public synchronized void release() {
      if (!released) {
        released = true;
        giveBack(peer, held);
        held = 0;
      }
    }

    /**
     * Whether {@link #release()} was called.
     *
     * @return true once released
     */
    public synchronized boolean released() {
      return released;
    }
  }
}
