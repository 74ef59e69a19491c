package io.parsigex.libp2p.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import io.parsigex.libp2p.encoding.EncodingException;
import io.parsigex.libp2p.encoding.Varint;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Reads one uvarint-length-prefixed message (a go-msgio / pbio delimited frame) from a stream, on
 * the stream's event loop, without blocking: the announced length is checked against the limit
 * before any byte of the message is kept, the buffer grows with the bytes that actually arrive (an
 * announced length alone costs at most {@link #INITIAL_CAPACITY} bytes), and one timeout bounds the
 * whole read. A zero-length message is a message (the
 * empty protobuf). Bytes after the message are ignored, as go-libp2p's single-message readers do.
 * Exactly one of the callback's methods is called, once.
 */
public final class DelimitedMessageReader implements YamuxStreamHandler {

  /** Where the outcome goes; called on the stream's event loop. */
  public interface Callback {
    /**
     * The whole message arrived.
     *
     * @param stream the stream
     * @param message the message bytes, without the prefix
     */
    void onMessage(YamuxStream stream, byte[] message);

    /**
     * No message: malformed prefix, too long, truncated, reset or timed out.
     *
     * @param stream the stream
     * @param failure why
     */
    void onFailure(YamuxStream stream, Failure failure);
  }

  /** Why no message was read. */
  public enum Failure {
    /** The length prefix is not a minimal uvarint of at most 9 bytes. */
    MALFORMED_PREFIX,
    /** The announced length is over the limit. */
    TOO_LONG,
    /** The peer closed its side before the message was complete. */
    TRUNCATED,
    /** The stream was reset. */
    RESET,
    /** No complete message within the timeout. */
    TIMEOUT
  }

  /** The most bytes allocated before any of the message has arrived. */
  static final int INITIAL_CAPACITY = 64 * 1024;

  private final int maxLength;
  private final Callback callback;
  private final byte[] prefix = new byte[Varint.MAX_BYTES];
  private int prefixLength;
  private byte[] message;
  private int expected;
  private int filled;
  private boolean done;
  private ScheduledFuture<?> timer;

  /**
   * Creates a reader.
   *
   * @param maxLength the longest message accepted, in bytes
   * @param callback the outcome's consumer
   */
  public DelimitedMessageReader(int maxLength, Callback callback) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
    }
    this.maxLength = maxLength;
    this.callback = Objects.requireNonNull(callback, "callback");
  }

  /**
   * Arms the timeout; call once, after installing the reader on the stream.
   *
   * @param stream the stream
   * @param timeout the bound on the whole read
   */
  public void armTimeout(YamuxStream stream, Duration timeout) {
    stream.session().channel().eventLoop().execute(() -> {
      if (!done) {
        timer = stream.session().channel().eventLoop().schedule(
            () -> fail(stream, Failure.TIMEOUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    });
  }

  @Override
  public void onData(YamuxStream stream, ByteBuf data) {
    try {
      if (!done) {
        consume(stream, data);
      }
    } finally {
      data.release();
    }
  }

  private void consume(YamuxStream stream, ByteBuf data) {
    while (message == null && data.isReadable()) {
      if (prefixLength == prefix.length) {
        fail(stream, Failure.MALFORMED_PREFIX);
        return;
      }
      prefix[prefixLength++] = data.readByte();
      if ((prefix[prefixLength - 1] & 0x80) == 0) {
        long length;
        try {
          length = Varint.readComplete(Arrays.copyOf(prefix, prefixLength), 0).value();
        } catch (EncodingException e) {
          fail(stream, Failure.MALFORMED_PREFIX);
          return;
        }
        if (length > maxLength) {
          fail(stream, Failure.TOO_LONG);
          return;
        }
        expected = (int) length;
        // grown as bytes arrive: an announced length alone allocates at most INITIAL_CAPACITY
        message = new byte[Math.min(expected, INITIAL_CAPACITY)];
      }
    }
    if (message == null) {
      return;
    }
    int take = Math.min(data.readableBytes(), expected - filled);
    if (filled + take > message.length) {
      message = Arrays.copyOf(message, (int) Math.min(expected,
          Math.max((long) message.length * 2, filled + take)));
    }
    data.readBytes(message, filled, take);
    filled += take;
    if (filled == expected) {
      finish();
      callback.onMessage(stream, message);
    }
  }

  @Override
  public void onRemoteClose(YamuxStream stream) {
    fail(stream, Failure.TRUNCATED);
  }

  @Override
  public void onReset(YamuxStream stream, YamuxException cause) {
    if (!done) {
      finish();
      callback.onFailure(stream, Failure.RESET);
    }
  }

  private void fail(YamuxStream stream, Failure failure) {
    if (done) {
      return;
    }
    finish();
    stream.reset();
    callback.onFailure(stream, failure);
  }

  private void finish() {
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
