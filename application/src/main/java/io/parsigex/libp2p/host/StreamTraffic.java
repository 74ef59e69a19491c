package io.parsigex.libp2p.host;

import io.parsigex.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes and open streams of a host, by peer and protocol: the payload bytes of every stream on
 * which a protocol was agreed (what go-libp2p's bandwidth reporter counts per stream, without the
 * multistream negotiation of streams negotiated before use), counted since the host started. Each
 * stream looks its counters up once, when its protocol is agreed; a frame costs one add. The keys
 * are bounded: only admitted peers have streams, and only protocols this host answers or asks for.
 * Thread-safe.
 */
public final class StreamTraffic {

  private final Map<Key, Counters> counters = new ConcurrentHashMap<>();

  /** A peer and protocol. */
  private record Key(PeerId peer, String protocol) {}

  /** The live counters of one peer and protocol. */
  public static final class Counters {
    private final PeerId peer;
    private final String protocol;
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final AtomicInteger inbound = new AtomicInteger();
    private final AtomicInteger outbound = new AtomicInteger();

    private Counters(PeerId peer, String protocol) {
      this.peer = peer;
      this.protocol = protocol;
    }

    /**
     * The peer.
     *
     * @return its id
     */
    public PeerId peer() {
      return peer;
    }

    /**
     * The protocol.
     *
     * @return its id
     */
    public String protocol() {
      return protocol;
    }

    /**
     * Payload bytes received on this peer's streams of this protocol.
     *
     * @return bytes since the host started
     */
    public long receivedBytes() {
      return received.sum();
    }

    /**
     * Payload bytes written to this peer's streams of this protocol.
     *
     * @return bytes since the host started
     */
    public long sentBytes() {
      return sent.sum();
    }

    /**
     * Streams of this protocol open now with this peer.
     *
     * @param direction who opened them
     * @return the count
     */
    public int openStreams(Direction direction) {
      return (direction == Direction.INBOUND ? inbound : outbound).get();
    }

    void received(long bytes) {
      received.add(bytes);
    }

    void sent(long bytes) {
      sent.add(bytes);
    }

    void opened(boolean outboundStream) {
      (outboundStream ? outbound : inbound).incrementAndGet();
    }

    void closed(boolean outboundStream) {
      (outboundStream ? outbound : inbound).decrementAndGet();
    }
  }

  StreamTraffic() {}

  Counters of(PeerId peer, String protocol) {
    return counters.computeIfAbsent(new Key(Objects.requireNonNull(peer, "peer"),
        Objects.requireNonNull(protocol, "protocol")), k -> new Counters(k.peer(), k.protocol()));
  }

  /**
   * Every peer and protocol that had a stream, with its live counters.
   *
   * @return the counters (they keep counting after this call)
   */
  public List<Counters> all() {
    return new ArrayList<>(counters.values());
  }
}
