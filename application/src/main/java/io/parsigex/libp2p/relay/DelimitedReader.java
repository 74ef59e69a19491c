package io.parsigex.libp2p.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.encoding.EncodingException;
import io.parsigex.libp2p.encoding.Varint;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads one uvarint-delimited message from a stream (at most {@link RelayProtocol#MAX_MESSAGE_SIZE}
 * bytes, within a timeout), then forwards every later event, starting with the bytes that followed
 * the message, to the handler the callback returns. Runs on the stream's event loop.
 */
final class DelimitedReader implements YamuxStreamHandler {

  /** What to do with the message. Called on the event loop. */
  interface Callback {
    /**
     * The message arrived.
     *
     * @return the handler of everything after it (null: discard the rest)
     */
    YamuxStreamHandler onMessage(YamuxStream stream, byte[] message);

    void onFailure(YamuxStream stream, RelayException cause);
  }

  private final Callback callback;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private ScheduledFuture<?> timer;
  private YamuxStreamHandler next;
  private boolean done;

  private DelimitedReader(Callback callback) {
    this.callback = callback;
  }

  /**
   * Creates a reader; arm its timeout with {@link #armTimeout} once installed.
   *
   * @param callback the callback
   * @return the handler to install
   */
  static DelimitedReader of(Callback callback) {
    return new DelimitedReader(callback);
  }

  void armTimeout(YamuxStream stream, Duration timeout) {
    stream.session().channel().eventLoop().execute(() -> {
      if (!done) {
        timer = stream.session().channel().eventLoop().schedule(() -> fail(stream,
            new RelayException.Timeout("no relay message on " + stream + " within "
                + timeout.toMillis() + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    });
  }

  @Override
  public void onData(YamuxStream stream, ByteBuf data) {
    if (done) {
      if (next != null) {
        next.onData(stream, data);
      } else {
        data.release();
      }
      return;
    }
    try {
      if (buffer.size() + data.readableBytes() > RelayProtocol.MAX_MESSAGE_SIZE + Varint.MAX_BYTES) {
        fail(stream, new RelayException.Malformed("relay message on " + stream + " is longer than "
            + RelayProtocol.MAX_MESSAGE_SIZE + " bytes", null));
        return;
      }
      buffer.writeBytes(ByteBufUtil.getBytes(data));
    } finally {
      data.release();
    }
    byte[] bytes = buffer.toByteArray();
    Varint.Decoded length;
    try {
      length = Varint.read(bytes, 0, bytes.length);
    } catch (EncodingException e) {
      fail(stream, new RelayException.Malformed("bad length prefix on " + stream + ": "
          + e.getMessage(), e));
      return;
    }
    if (length == null) {
      return;
    }
    if (length.value() > RelayProtocol.MAX_MESSAGE_SIZE) {
      fail(stream, new RelayException.Malformed("relay message on " + stream + " announces "
          + length.value() + " bytes, more than " + RelayProtocol.MAX_MESSAGE_SIZE, null));
      return;
    }
    int end = length.length() + (int) length.value();
    if (bytes.length < end) {
      return;
    }
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
    byte[] message = java.util.Arrays.copyOfRange(bytes, length.length(), end);
    next = callback.onMessage(stream, message);
    if (bytes.length > end) {
      onData(stream, Unpooled.wrappedBuffer(bytes, end, bytes.length - end));
    }
  }

  @Override
  public void onRemoteClose(YamuxStream stream) {
    if (done) {
      if (next != null) {
        next.onRemoteClose(stream);
      }
      return;
    }
    fail(stream, new RelayException.Closed("the relay closed " + stream
        + " before its answer was complete", null));
  }

  @Override
  public void onReset(YamuxStream stream, YamuxException cause) {
    if (done) {
      if (next != null) {
        next.onReset(stream, cause);
      }
      return;
    }
    fail(stream, new RelayException.Closed("relay stream " + stream + " was reset: "
        + cause.getMessage(), cause));
  }

  private void fail(YamuxStream stream, RelayException cause) {
    if (done) {
      return;
    }
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
    stream.reset();
    callback.onFailure(stream, cause);
  }
}
