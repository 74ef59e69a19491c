package io.parsigex.libp2p.host;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/** Test protocols: an echo server and a collecting client (same wire as libp2p-peer.mjs). */
final class EchoProtocol {

  static final String ECHO = "/test/echo/1.0.0";
  static final String SINK = "/test/sink/1.0.0";
  private static final int CHUNK = 64 * 1024;
  /** Echoed bytes that may wait for the peer's window before the echo stops reading. */
  static final int ECHO_BACKLOG = 256 * 1024;

  private EchoProtocol() {}

  /**
   * Echoes everything, closes when the peer closes. Reading pauses while more than
   * {@value #ECHO_BACKLOG} echoed bytes wait behind the peer's window, so a fast sender that reads
   * its echo slowly is held back instead of overflowing the stream's pending-write bound.
   */
  static YamuxStreamHandler echo() {
    return new YamuxStreamHandler() {
      @Override
      public void onData(YamuxStream stream, ByteBuf data) {
        stream.write(data).addListener(f -> {
          if (!f.isSuccess()) {
            stream.reset();
          } else if (!stream.isAutoRead() && stream.pendingWriteBytes() <= ECHO_BACKLOG) {
            stream.setAutoRead(true);
          }
        });
        if (stream.pendingWriteBytes() > ECHO_BACKLOG) {
          stream.setAutoRead(false);
        }
      }

      @Override
      public void onRemoteClose(YamuxStream stream) {
        stream.closeWrite();
      }
    };
  }

  /** Collects everything until the peer closes; bounded by {@code max} bytes. */
  static YamuxStreamHandler collect(CompletableFuture<byte[]> result, int max) {
    return new YamuxStreamHandler() {
      private final ByteArrayOutputStream out = new ByteArrayOutputStream();

      @Override
      public void onData(YamuxStream stream, ByteBuf data) {
        try {
          if (out.size() + data.readableBytes() > max) {
            result.completeExceptionally(new IllegalStateException("more than " + max));
            stream.reset();
            return;
          }
          byte[] b = new byte[data.readableBytes()];
          data.readBytes(b);
          out.writeBytes(b);
        } finally {
          data.release();
        }
      }

      @Override
      public void onRemoteClose(YamuxStream stream) {
        result.complete(out.toByteArray());
        stream.closeWrite();
      }

      @Override
      public void onReset(YamuxStream stream, YamuxException cause) {
        result.completeExceptionally(cause);
      }
    };
  }

  /** Writes {@code payload}, half-closes, and collects the answer. */
  static CompletableFuture<byte[]> roundTrip(HostStream s, byte[] payload, int max) {
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    s.handler(collect(answer, max));
    writeChunks(s, payload, 0, answer);
    return answer;
  }

  /** Writes 64 KiB at a time, each after the previous one left, then half-closes. */
  private static void writeChunks(HostStream s, byte[] payload, int offset,
      CompletableFuture<byte[]> answer) {
    if (offset >= payload.length) {
      s.closeWrite();
      return;
    }
    int n = Math.min(CHUNK, payload.length - offset);
    s.write(Unpooled.wrappedBuffer(payload, offset, n)).addListener(f -> {
      if (f.isSuccess()) {
        writeChunks(s, payload, offset + n, answer);
      } else {
        answer.completeExceptionally(f.cause());
      }
    });
  }
}
