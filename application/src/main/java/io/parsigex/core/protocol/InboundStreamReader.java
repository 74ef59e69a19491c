package io.parsigex.core.protocol;

import io.netty.buffer.ByteBuf;
import io.parsigex.core.receive.FrameBody;
import io.parsigex.core.receive.InboundBudget;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.core.wire.WireFormatException;
import io.parsigex.libp2p.yamux.StreamDeadlines;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the one length-prefixed message of an inbound parsigex stream, on the connection's event
 * loop, without blocking: the length prefix is checked against the limit before any byte of the
 * message is kept, the message grows only as bytes arrive, in chunks of at most {@link #CHUNK}
 * bytes, each reserved in the stream's {@link InboundBudget.Reservation} before it is allocated,
 * and the receive timeout bounds the whole read. A complete message is handed on together with its
 * reservation (the pipeline releases it); on every other path the reader releases it. Bytes after
 * the message are ignored, as Charon does.
 */
final class InboundStreamReader implements YamuxStreamHandler {

  /** Where a finished read goes. */
  interface Sink {
    /** A complete message body; its reservation now belongs to the sink. */
    void message(FrameBody body);

    /** A refused read: malformed, too large, truncated, timed out or over budget. */
    void refused(String reason, String message, boolean overloaded, boolean timeout);

    /** The stream ended without anything to report (reset by the peer). */
    void ended();
  }

  /** Frees budget by shedding the peer's own queued sets, oldest duty first. */
  interface Shedder {
    boolean shed(String peer, long need);
  }

  /** Largest piece of a message allocated at once (and the unit of its reservation). */
  static final int CHUNK = 64 * 1024;
  private static final int MAX_PREFIX = 9;
  /** The start of the message of a stream shed at the per-peer cap. */
  static final String SHED_REASON = "shed (stream_cap)";

  private final YamuxStream stream;
  private final InboundLimits limits;
  private final InboundBudget.Reservation reservation;
  private final String peer;
  private final Shedder shedder;
  private final Sink sink;
  private final byte[] prefix = new byte[MAX_PREFIX];
  private int prefixLength;
  private int expected = -1;
  private List<byte[]> chunks;
  private byte[] current;
  private int currentFill;
  private int size;
  private boolean done;
  private StreamDeadlines.Deadline timeout;

  InboundStreamReader(YamuxStream stream, InboundLimits limits,
      InboundBudget.Reservation reservation, String peer, Shedder shedder, Sink sink) {
    this.stream = stream;
    this.limits = limits;
    this.reservation = reservation;
    this.peer = peer;
    this.shedder = shedder;
    this.sink = sink;
  }

  void start() {
    timeout = StreamDeadlines.start(stream.session().channel().eventLoop(),
        limits.receiveTimeout(), this::timedOut);
  }

  @Override
  public void onData(YamuxStream s, ByteBuf data) {
    try {
      if (!done) {
        consume(data);
      }
    } finally {
      data.release();
    }
  }

  private void consume(ByteBuf data) {
    while (data.isReadable() && expected < 0) {
      if (prefixLength == MAX_PREFIX) {
        fail("varint_too_long", "length prefix is longer than 9 bytes");
        return;
      }
      prefix[prefixLength++] = data.readByte();
      if ((prefix[prefixLength - 1] & 0x80) == 0) {
        Optional<Integer> len;
        try {
          len = ParSigExFraming.readLength(ByteBuffer.wrap(prefix, 0, prefixLength),
              limits.maxMessageSize());
        } catch (WireFormatException e) {
          fail(e.reason(), e.getMessage());
          return;
        }
        expected = len.orElseThrow();
        chunks = new ArrayList<>(Math.max(1, Math.min(1024, expected / CHUNK + 1)));
      }
    }
    if (expected < 0) {
      return;
    }
    while (data.isReadable() && size < expected) {
      if (current == null || currentFill == current.length) {
        int n = Math.min(CHUNK, expected - size);
        if (!reserve(n)) {
          return;
        }
        current = new byte[n];
        currentFill = 0;
        chunks.add(current);
      }
      int take = Math.min(data.readableBytes(), current.length - currentFill);
      data.readBytes(current, currentFill, take);
      currentFill += take;
      size += take;
    }
    if (size == expected) {
      done = true;
      cancelTimer();
      FrameBody body = new FrameBody(chunks);
      chunks = null;
      current = null;
      sink.message(body);
      stream.closeWrite();
    }
  }

  private boolean reserve(int n) {
    InboundBudget.Refusal r = reservation.grow(n);
    if (r == InboundBudget.Refusal.NONE) {
      return true;
    }
    // Keep the newest work: shed this peer's queued sets of the oldest duties to make room, once.
    // Only its own: when the node's total is full, one peer never evicts another's sets.
    if (shedder.shed(peer, n)) {
      r = reservation.grow(n);
      if (r == InboundBudget.Refusal.NONE) {
        return true;
      }
    }
    refuse("inbound_budget", r == InboundBudget.Refusal.PEER_SHARE
        ? "this peer's messages hold its share of " + limits.maxBufferedBytesPerPeer()
            + " bytes already; stream refused"
        : "the node's inbound messages hold " + limits.maxBufferedBytes()
            + " bytes already; stream refused", true, false);
    return false;
  }

  @Override
  public void onRemoteClose(YamuxStream s) {
    if (!done) {
      fail("truncated", expected < 0
          ? "stream closed inside the length prefix (" + prefixLength + " bytes)"
          : "stream closed after " + size + " of " + expected + " message bytes");
    }
  }

  @Override
  public void onReset(YamuxStream s, YamuxException cause) {
    if (!done) {
      finish();
      sink.ended();
    }
  }

  /**
   * Sheds this stream for a newer one of the same peer (the per-peer cap is reached): resets it
   * and refuses its message as overloaded, unless it has finished already. Must run on the
   * stream's event loop.
   *
   * @param why the message of the refusal
   * @return whether it was reset
   */
  boolean shed(String why) {
    if (done) {
      return false;
    }
    refuse(SHED_REASON, why, true, false);
    return true;
  }

  /** The event loop this stream is read on. */
  io.netty.channel.EventLoop eventLoop() {
    return stream.session().channel().eventLoop();
  }

  private void timedOut() {
    if (!done) {
      refuse("timeout", "no complete message within " + limits.receiveTimeout().toMillis()
          + " ms (" + (expected < 0 ? prefixLength : size) + " bytes read)", false, true);
    }
  }

  private void fail(String reason, String message) {
    refuse(reason, message, false, false);
  }

  private void refuse(String reason, String message, boolean overloaded, boolean isTimeout) {
    finish();
    stream.reset();
    sink.refused(reason, message, overloaded, isTimeout);
  }

  private void finish() {
    done = true;
    cancelTimer();
    chunks = null;
    current = null;
    reservation.release();
  }

  private void cancelTimer() {
    if (timeout != null) {
      timeout.cancel();
    }
  }
}
