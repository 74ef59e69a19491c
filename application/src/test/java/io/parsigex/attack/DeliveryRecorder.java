package io.parsigex.attack;

import io.parsigex.api.Duty;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The victim's listener: every outcome it publishes, by sender. For the honest member it keeps the
 * latency of each delivered set, from the honest node's broadcast call ({@link #sent}) to the
 * victim's listener; for every sender, its refusals by reason, and each refusal's duty slot.
 */
final class DeliveryRecorder implements ReceiveListener {

  /**
   * One refused set.
   *
   * @param slot its duty slot, {@code -1} when the duty was not readable (a refused stream)
   * @param reason why
   * @param message the node's message
   * @param atNanos when the listener heard of it ({@link System#nanoTime})
   */
  record Refused(long slot, RejectReason reason, String message, long atNanos) {}

  /**
   * One delivered set.
   *
   * @param slot its duty slot
   * @param latency from the honest node's broadcast call to the victim's listener (zero for a
   *     set whose sending was not noted)
   * @param atNanos when the listener got it ({@link System#nanoTime})
   */
  record Delivered(long slot, Duration latency, long atNanos) {}

  private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<Delivered>> delivered = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<Refused>> refused = new ConcurrentHashMap<>();
  private final AtomicLong outcomes = new AtomicLong();

  /**
   * Notes when the set of a slot was handed to the honest node's broadcast.
   *
   * @param slot the duty slot (unique per honest set)
   */
  void sent(long slot) {
    sentAt.put(slot, System.nanoTime());
  }

  @Override
  public void onAccepted(VerifiedSet s) {
    long now = System.nanoTime();
    Long at = sentAt.get(s.duty().slot());
    Duration latency = at == null ? Duration.ZERO : Duration.ofNanos(now - at);
    delivered.computeIfAbsent(s.senderPeerId(), k -> new ConcurrentLinkedQueue<>())
        .add(new Delivered(s.duty().slot(), latency, now));
    outcomes.incrementAndGet();
  }

  @Override
  public void onRejected(Rejection r) {
    refused.computeIfAbsent(r.senderPeerId(), k -> new ConcurrentLinkedQueue<>())
        .add(new Refused(r.duty().map(Duty::slot).orElse(-1L), r.reason(), r.message(),
            System.nanoTime()));
    outcomes.incrementAndGet();
  }

  /**
   * Sets delivered from a sender so far.
   *
   * @param peer the sender
   * @return a snapshot
   */
  List<Delivered> delivered(String peer) {
    return new ArrayList<>(delivered.getOrDefault(peer, new ConcurrentLinkedQueue<>()));
  }

  /**
   * Sets refused from a sender so far.
   *
   * @param peer the sender
   * @return a snapshot
   */
  List<Refused> refused(String peer) {
    return new ArrayList<>(refused.getOrDefault(peer, new ConcurrentLinkedQueue<>()));
  }

  /**
   * Refusals of a sender by reason.
   *
   * @param peer the sender
   * @return counts
   */
  Map<RejectReason, Long> refusedByReason(String peer) {
    Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
    for (Refused r : refused(peer)) {
      out.merge(r.reason(), 1L, Long::sum);
    }
    return out;
  }

  /**
   * Outcomes of a sender so far (delivered plus refused).
   *
   * @param peer the sender
   * @return the count
   */
  long settled(String peer) {
    return delivered.getOrDefault(peer, new ConcurrentLinkedQueue<>()).size()
        + refused.getOrDefault(peer, new ConcurrentLinkedQueue<>()).size();
  }

  /** Forgets everything (between the steps of a measurement). */
  void clear() {
    sentAt.clear();
    delivered.clear();
    refused.clear();
  }
}
