package io.parsigex.libp2p.yamux;

import io.netty.buffer.ByteBuf;

/**
 * The consumer of one stream's inbound side. Called on the connection's event loop; never block in
 * it. Handing bytes to {@link #onData} counts as consuming them: the stream returns that much
 * window credit to the peer. A consumer that cannot keep up turns off
 * {@link YamuxStream#setAutoRead(boolean) auto-read} and calls {@link YamuxStream#read()} when it
 * has room, and the peer is held back by its window.
 */
public interface YamuxStreamHandler {

  /**
   * Bytes arrived and are handed over.
   *
   * @param stream the stream
   * @param data the bytes; the handler owns them and must release them
   */
  void onData(YamuxStream stream, ByteBuf data);

  /**
   * The peer half-closed its side (FIN) and every byte it sent has been handed to
   * {@link #onData}. The stream may still be written to until {@link YamuxStream#closeWrite()}.
   *
   * @param stream the stream
   */
  default void onRemoteClose(YamuxStream stream) {}

  /**
   * The stream was reset (by the peer, locally, or because the session closed); nothing more will
   * arrive and pending writes have failed.
   *
   * @param stream the stream
   * @param cause why
   */
  default void onReset(YamuxStream stream, YamuxException cause) {}
}
