package io.parsigex.libp2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Plaintext written since the last Noise message was sealed, so that many small writes (Yamux
 * headers, window updates, short messages) share one Noise message instead of paying one
 * encryption and one 18-byte overhead each. Holds less than one message's worth between seals:
 * the handler seals as soon as a full message is queued, and everything at each flush. Not
 * thread-safe (event loop only).
 */
final class OutboundPlaintext {

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long bytes;

  /**
   * Queues a write (the buffer is owned from now on).
   *
   * @param data the bytes
   * @param promise completed once the last of them went out
   */
  void add(ByteBuf data, ChannelPromise promise) {
    entries.add(new Entry(data, promise));
    bytes += data.readableBytes();
  }

  /**
   * Queued bytes.
   *
   * @return the count
   */
  long bytes() {
    return bytes;
  }

  /**
   * Whether nothing is queued (not even an empty write whose promise is waiting).
   *
   * @return true when empty
   */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Moves up to {@code max} queued bytes into {@code out} at {@code index} (its indexes are not
   * changed), releasing the buffers it used up.
   *
   * @param out destination with capacity for {@code max} bytes from {@code index}
   * @param index where to start writing
   * @param max how many bytes at most
   * @param done receives the promises of the writes now taken completely
   * @return bytes moved
   */
  int take(ByteBuf out, int index, int max, List<ChannelPromise> done) {
    int moved = 0;
    while (!entries.isEmpty()) {
      Entry e = entries.peek();
      ByteBuf data = e.data();
      int n = Math.min(data.readableBytes(), max - moved);
      // getBytes from the source, not setBytes into out: a composite source (a Yamux header
      // and its data) is then copied part by part, where setBytes would merge it into a new
      // heap buffer first (a whole extra copy and allocation per message)
      data.getBytes(data.readerIndex(), out, index + moved, n);
      data.skipBytes(n);
      moved += n;
      if (data.isReadable()) {
        break;
      }
      entries.poll();
      data.release();
      done.add(e.promise());
    }
    bytes -= moved;
    return moved;
  }

  /**
   * Releases everything queued and fails the waiting promises.
   *
   * @param cause the failure to report
   */
  void fail(Throwable cause) {
    List<Entry> all = new ArrayList<>(entries);
    entries.clear();
    bytes = 0;
    for (Entry e : all) {
      e.data().release();
      e.promise().tryFailure(cause);
    }
  }

  private record Entry(ByteBuf data, ChannelPromise promise) {}
}
