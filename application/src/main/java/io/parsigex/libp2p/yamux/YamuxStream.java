package io.parsigex.libp2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;

/**
 * One Yamux stream. Methods may be called from any thread; the work runs on the connection's event
 * loop, and handler callbacks arrive there.
 *
 * <p>Inbound: bytes are buffered (never more than the receive window) until handed to the
 * {@link YamuxStreamHandler}; only then is window credit returned, so an unread stream stops its
 * sender. Outbound: {@link #write} sends as much as the peer's window allows and queues the rest
 * (bounded by {@link YamuxConfig#maxPendingWriteBytes()}); its future completes once every byte was
 * written to the connection.
 */
public interface YamuxStream {

  /**
   * The stream id (an unsigned 32-bit value; odd when the dialer opened it, even for the listener).
   *
   * @return the id
   */
  long id();

  /**
   * The session the stream belongs to.
   *
   * @return the session
   */
  YamuxSession session();

  /**
   * Whether this side opened the stream.
   *
   * @return true for streams from {@link YamuxSession#openStream()}
   */
  boolean isOutbound();

  /**
   * Installs the consumer of inbound bytes and events. For inbound streams this acknowledges the
   * stream. Bytes buffered before are delivered to it (when reading is on).
   *
   * @param handler the consumer
   */
  void handler(YamuxStreamHandler handler);

  /**
   * Turns automatic delivery on (the default) or off. When off, bytes stay buffered (holding back
   * the peer through its window) until {@link #read()} is called.
   *
   * @param autoRead whether to deliver bytes as they arrive
   */
  void setAutoRead(boolean autoRead);

  /**
   * Whether bytes are delivered as they arrive.
   *
   * @return the auto-read setting
   */
  boolean isAutoRead();

  /**
   * Asks for one delivery, for use with auto-read off: hands the handler every byte buffered now
   * (and a pending remote close), returning their window credit; when nothing is buffered, the next
   * arrival is delivered. A handler may call it from {@link YamuxStreamHandler#onData} to keep
   * reading, or turn auto-read off there to pause.
   */
  void read();

  /**
   * Bytes received and not yet handed to the handler. At most the receive window.
   *
   * @return buffered bytes
   */
  int readableBytes();

  /**
   * How many bytes the peer currently lets us send.
   *
   * @return the send window
   */
  long sendWindow();

  /**
   * Bytes accepted by {@link #write} and not yet sent.
   *
   * @return pending bytes
   */
  int pendingWriteBytes();

  /**
   * Sends bytes, as far as the peer's window allows, and queues the rest.
   *
   * @param data the bytes; ownership passes to the stream, which releases them
   * @return completes when every byte was written to the connection; fails with a
   *     {@link YamuxException} (closed, reset, or {@link YamuxLimitException} when the pending bytes
   *     would exceed the bound)
   */
  Future<Void> write(ByteBuf data);

  /**
   * Half-closes our side (FIN after the queued writes); reading continues.
   *
   * @return completes when the FIN was written
   */
  Future<Void> closeWrite();

  /**
   * Resets the stream in both directions (RST); queued writes fail, buffered bytes are dropped.
   *
   * @return completes when the RST was written (or at once when nothing needed sending)
   */
  Future<Void> reset();

  /**
   * Whether we half-closed (or the stream was reset).
   *
   * @return true when no more writes are accepted
   */
  boolean isWriteClosed();

  /**
   * Whether the peer half-closed (or the stream was reset).
   *
   * @return true when nothing more will arrive
   */
  boolean isRemoteClosed();

  /**
   * Completes when the stream is finished: both sides closed and all bytes delivered, or reset.
   * Succeeds on an orderly close; fails with {@link YamuxStreamResetException} on a reset.
   *
   * @return the future
   */
  Future<Void> closeFuture();
}
