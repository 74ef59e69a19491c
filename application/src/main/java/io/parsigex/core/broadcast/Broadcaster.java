package io.parsigex.core.broadcast;

import io.parsigex.api.CodecException;
import io.parsigex.api.Duty;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.core.wire.WireEntry;
import io.parsigex.core.wire.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends this node's partial signatures to every other cluster member, as Charon's
 * {@code ParSigEx.Broadcast} does: encode once, one send per peer in parallel (never to self), each
 * with its own deadline, one retry after {@link #RETRY_DELAY} on a stream reset. Every broadcast ends
 * with exactly one outcome per peer; nothing stays pending past the deadline.
 */
public final class Broadcaster {

  /** Charon's send timeout: 5 s plus 2 s for relay hops. */
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(7);

  /** Charon's {@code withRelayRetry} pause before the single retry. */
  public static final Duration RETRY_DELAY = Duration.ofMillis(100);

  private final CodecRegistry codecs;
  private final List<String> members;
  private final String self;
  private final PeerSender sender;
  private final Duration sendTimeout;

  /**
   * Creates a broadcaster.
   *
   * @param codecs encodes payloads
   * @param members every cluster member's peer id, in cluster order (this node included)
   * @param self this node's peer id
   * @param sender the transport
   * @param sendTimeout deadline per peer
   */
  public Broadcaster(CodecRegistry codecs, List<String> members, String self, PeerSender sender,
      Duration sendTimeout) {
    this.codecs = Objects.requireNonNull(codecs, "codecs");
    this.members = List.copyOf(members);
    this.self = Objects.requireNonNull(self, "self");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    if (!this.members.contains(self)) {
      throw new IllegalArgumentException("this node (" + self + ") is not a cluster member");
    }
  }

  /**
   * Encodes a set the way it goes on the wire.
   *
   * @param duty the duty
   * @param set the partial signatures
   * @return the complete frame
   * @throws CodecException when an entry cannot be encoded; for a plugin's value whose codec or
   *     methods failed (threw, timed out) an {@code ExtensionCallException} naming the plugin
   */
  public byte[] encode(Duty duty, ParSignedDataSet set) throws CodecException {
    Map<PubKey, WireEntry> entries = new LinkedHashMap<>();
    for (Map.Entry<PubKey, ParSignedData> e : set.entries().entrySet()) {
      ParSignedData d = e.getValue();
      EncodedPayload p = codecs.encode(duty.type(), d.data());
      // A plugin's value is read through its guard (bounded by the plugin call timeout).
      byte[] signature = codecs.read(duty.type(), d.data(), SignedData::signature);
      entries.put(e.getKey(), new WireEntry(p.bytes(), signature, d.shareIndex()));
    }
    return ParSigExFraming.encodeFrame(new WireMessage(duty, entries));
  }

  /**
   * Broadcasts a set to every other member.
   *
   * @param duty the duty
   * @param set the partial signatures
   * @return completes (never exceptionally) once every peer has an outcome; at once when this node
   *     is the only member
   * @throws CodecException when an entry cannot be encoded (nothing is sent then)
   */
  public CompletableFuture<BroadcastResult> broadcast(Duty duty, ParSignedDataSet set)
      throws CodecException {
    byte[] frame = encode(duty, set);
    List<CompletableFuture<PeerOutcome>> sends = new ArrayList<>();
    for (String peer : members) {
      if (!peer.equals(self)) {
        sends.add(sendWithRetry(peer, "parsigex_" + duty.type().charonName(), frame));
      }
    }
    return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .thenApply(v -> new BroadcastResult(duty, set, sends.stream().map(CompletableFuture::join)
            .toList()));
  }

  private CompletableFuture<PeerOutcome> sendWithRetry(String peer, String topic, byte[] frame) {
    return attempt(peer, topic, frame).thenCompose(first -> {
      if (first.failure().filter(f -> f == SendFailure.RESET).isEmpty()) {
        return CompletableFuture.completedFuture(first);
      }
      // Runs on the JDK's shared delay thread: attempt() only starts an asynchronous send.
      Executor later = CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis(),
          TimeUnit.MILLISECONDS, Runnable::run);
      return CompletableFuture.supplyAsync(() -> null, later)
          .thenCompose(x -> attempt(peer, topic, frame));
    });
  }

  private CompletableFuture<PeerOutcome> attempt(String peer, String topic, byte[] frame) {
    CompletableFuture<Void> send;
    try {
      send = sender.send(peer, topic, frame, sendTimeout);
    } catch (RuntimeException e) {
      send = CompletableFuture.failedFuture(e);
    }
    if (send == null) {
      send = CompletableFuture.failedFuture(new IllegalStateException("sender returned nothing"));
    }
    return send.orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((ok, err) -> err == null ? PeerOutcome.sent(peer) : failed(peer, err));
  }

  private PeerOutcome failed(String peer, Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (t instanceof SendException s) {
      return PeerOutcome.failed(peer, s.failure(), s.getMessage());
    }
    if (t instanceof TimeoutException) {
      return PeerOutcome.failed(peer, SendFailure.TIMEOUT,
          "not sent within " + sendTimeout.toMillis() + " ms");
    }
    return PeerOutcome.failed(peer, SendFailure.OTHER, String.valueOf(t));
  }
}
