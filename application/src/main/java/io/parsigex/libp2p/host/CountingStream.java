package io.parsigex.libp2p.host;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxSession;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;

/**
 * A Yamux stream that adds the bytes it receives and writes to its peer's and protocol's
 * {@link StreamTraffic.Counters}, and counts itself open until it finishes. Handlers installed on
 * it are handed this stream, so what they write is counted too.
 */
final class CountingStream implements YamuxStream {

  private final YamuxStream raw;
  private final StreamTraffic.Counters counters;

  CountingStream(YamuxStream raw, StreamTraffic.Counters counters) {
    this.raw = raw;
    this.counters = counters;
    boolean outbound = raw.isOutbound();
    counters.opened(outbound);
    raw.closeFuture().addListener(f -> counters.closed(outbound));
  }

  @Override
  public long id() {
    return raw.id();
  }

  @Override
  public YamuxSession session() {
    return raw.session();
  }

  @Override
  public boolean isOutbound() {
    return raw.isOutbound();
  }

  @Override
  public void handler(YamuxStreamHandler handler) {
    raw.handler(new YamuxStreamHandler() {
      @Override
      public void onData(YamuxStream s, ByteBuf data) {
        counters.received(data.readableBytes());
        handler.onData(CountingStream.this, data);
      }

      @Override
      public void onRemoteClose(YamuxStream s) {
        handler.onRemoteClose(CountingStream.this);
      }

      @Override
      public void onReset(YamuxStream s, YamuxException cause) {
        handler.onReset(CountingStream.this, cause);
      }
    });
  }

  @Override
  public void setAutoRead(boolean autoRead) {
    raw.setAutoRead(autoRead);
  }

  @Override
  public boolean isAutoRead() {
    return raw.isAutoRead();
  }

  @Override
  public void read() {
    raw.read();
  }

  @Override
  public int readableBytes() {
    return raw.readableBytes();
  }

  @Override
  public long sendWindow() {
    return raw.sendWindow();
  }

  @Override
  public int pendingWriteBytes() {
    return raw.pendingWriteBytes();
  }

  @Override
  public Future<Void> write(ByteBuf data) {
    counters.sent(data.readableBytes());
    return raw.write(data);
  }

  @Override
  public Future<Void> closeWrite() {
    return raw.closeWrite();
  }

  @Override
  public Future<Void> reset() {
    return raw.reset();
  }

  @Override
  public boolean isWriteClosed() {
    return raw.isWriteClosed();
  }

  @Override
  public boolean isRemoteClosed() {
    return raw.isRemoteClosed();
  }

  @Override
  public Future<Void> closeFuture() {
    return raw.closeFuture();
  }

  @Override
  public String toString() {
    return raw.toString();
  }
}
