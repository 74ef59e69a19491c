package io.parsigex.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.core.wire.WireFormatException;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads the one length-prefixed message of an inbound parsigex stream, on the connection's event
 * loop, without blocking: the length prefix is checked against the limit before any byte of the
 * message is kept, the message grows only as bytes arrive, and the receive timeout bounds the whole
 * read. Bytes after the message are ignored, as Charon does.
 */
final class InboundStreamReader implements YamuxStreamHandler {

  /** Where a finished read goes. */
  interface Sink {
    /** A complete message body. */
    void message(byte[] body);

    /** A refused read: malformed, too large, truncated, timed out or over budget. */
    void refused(String reason, String message, boolean overloaded, boolean timeout);

    /** The stream ended without anything to report (reset by the peer). */
    void ended();
  }

  private static final int MAX_PREFIX = 9;

  private final YamuxStream stream;
  private final InboundLimits limits;
  private final ByteBudget budget;
  private final Sink sink;
  private final byte[] prefix = new byte[MAX_PREFIX];
  private int prefixLength;
  private int expected = -1;
  private ByteArrayOutputStream body;
  private long reserved;
  private boolean done;
  private ScheduledFuture<?> timeout;

  InboundStreamReader(YamuxStream stream, InboundLimits limits, ByteBudget budget, Sink sink) {
    this.stream = stream;
    this.limits = limits;
    this.budget = budget;
    this.sink = sink;
  }

  void start() {
    timeout = stream.session().channel().eventLoop().schedule(this::timedOut,
        limits.receiveTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
        body = new ByteArrayOutputStream(Math.min(expected, 64 * 1024));
      }
    }
    if (expected < 0) {
      return;
    }
    int take = Math.min(data.readableBytes(), expected - body.size());
    if (take > 0) {
      if (!budget.tryReserve(take)) {
        refuse("inbound_budget", "the node holds " + limits.maxBufferedBytes()
            + " bytes of unfinished messages already; stream refused", true, false);
        return;
      }
      reserved += take;
      byte[] chunk = new byte[take];
      data.readBytes(chunk);
      body.write(chunk, 0, take);
    }
    if (body.size() == expected) {
      finish();
      sink.message(body.toByteArray());
      body = null;
      stream.closeWrite();
    }
  }

  @Override
  public void onRemoteClose(YamuxStream s) {
    if (!done) {
      fail("truncated", expected < 0
          ? "stream closed inside the length prefix (" + prefixLength + " bytes)"
          : "stream closed after " + body.size() + " of " + expected + " message bytes");
    }
  }

  @Override
  public void onReset(YamuxStream s, YamuxException cause) {
    if (!done) {
      finish();
      sink.ended();
    }
  }

  private void timedOut() {
    if (!done) {
      refuse("timeout", "no complete message within " + limits.receiveTimeout().toMillis()
          + " ms (" + (body == null ? prefixLength : body.size()) + " bytes read)", false, true);
    }
  }

  private void fail(String reason, String message) {
    refuse(reason, message, false, false);
  }

  private void refuse(String reason, String message, boolean overloaded, boolean isTimeout) {
    finish();
    body = null;
    stream.reset();
    sink.refused(reason, message, overloaded, isTimeout);
  }

  private void finish() {
    done = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
    budget.release(reserved);
    reserved = 0;
  }
}
