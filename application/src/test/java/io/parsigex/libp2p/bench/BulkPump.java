package io.parsigex.libp2p.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.parsigex.libp2p.host.HostStream;
import java.util.concurrent.CompletableFuture;

/**
 * Streams {@code total} bytes of one shared chunk on a stream from the stream's own event loop,
 * keeping at most {@code budget} bytes written and not yet sent, as a Netty application streams a
 * large body: no thread hand-off per chunk, the next write issued when an earlier one completes.
 * Then half-closes the stream. State is touched only on the event loop.
 */
final class BulkPump {

  private final HostStream stream;
  private final EventLoop loop;
  private final byte[] chunk;
  private final long total;
  private final int budget;
  private final CompletableFuture<Void> written = new CompletableFuture<>();
  private long sent;
  private long inFlight;
  private boolean pumping;

  private BulkPump(HostStream stream, byte[] chunk, long total, int budget) {
    this.stream = stream;
    this.loop = stream.yamux().session().channel().eventLoop();
    this.chunk = chunk;
    this.total = total;
    this.budget = budget;
  }

  /**
   * Starts pumping.
   *
   * @param stream where to write
   * @param chunk the bytes every write carries (never modified)
   * @param total bytes to send
   * @param budget bytes that may wait to be sent
   * @return completes once everything was written and the stream half-closed, or fails
   */
  static CompletableFuture<Void> start(HostStream stream, byte[] chunk, long total, int budget) {
    BulkPump p = new BulkPump(stream, chunk, total, budget);
    p.loop.execute(p::pump);
    return p.written;
  }

  private void pump() {
    if (pumping || written.isDone()) {
      return;
    }
    pumping = true;
    try {
      while (sent < total && inFlight < budget) {
        int n = (int) Math.min(chunk.length, total - sent);
        sent += n;
        inFlight += n;
        stream.write(Unpooled.wrappedBuffer(chunk, 0, n)).addListener(f -> {
          inFlight -= n;
          if (!f.isSuccess()) {
            written.completeExceptionally(f.cause());
          } else {
            loop.execute(this::pump);
          }
        });
      }
    } finally {
      pumping = false;
    }
    if (sent == total && inFlight == 0 && !written.isDone()) {
      stream.closeWrite();
      written.complete(null);
    }
  }
}
