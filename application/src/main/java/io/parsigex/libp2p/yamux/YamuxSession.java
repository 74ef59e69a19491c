package io.parsigex.libp2p.yamux;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.time.Duration;

/**
 * A Yamux session on one connection. Methods may be called from any thread; the work runs on the
 * connection's event loop.
 */
public interface YamuxSession {

  /**
   * Which side of the connection this is.
   *
   * @return the role
   */
  YamuxRole role();

  /**
   * The connection the session runs on.
   *
   * @return the parent channel
   */
  Channel channel();

  /**
   * The configuration in force.
   *
   * @return the limits
   */
  YamuxConfig config();

  /**
   * Opens a stream (sends SYN). The stream can be written to at once; data may reach the peer
   * before its ACK.
   *
   * @return the stream; fails with {@link YamuxSessionClosedException} after a go-away or close,
   *     or {@link YamuxLimitException} at {@link YamuxConfig#maxConcurrentStreams()}
   */
  Future<YamuxStream> openStream();

  /**
   * Pings the peer.
   *
   * @return the round-trip time; fails with {@link YamuxTimeoutException},
   *     {@link YamuxLimitException} or {@link YamuxSessionClosedException}
   */
  Future<Duration> ping();

  /**
   * Tells the peer we accept no new streams (go-away, normal); existing streams continue.
   *
   * @return completes when the go-away was written
   */
  Future<Void> goAway();

  /**
   * Shuts the session down: go-away (normal), every stream reset, then the connection closed.
   *
   * @return completes when the connection is closed
   */
  Future<Void> close();

  /**
   * Whether the session still runs (connection open, no fatal error).
   *
   * @return true while open
   */
  boolean isOpen();

  /**
   * Whether the peer sent a go-away (no new streams may be opened).
   *
   * @return true after the peer's go-away
   */
  boolean isRemoteGoAway();

  /**
   * Open streams, both directions.
   *
   * @return the count
   */
  int streamCount();

  /**
   * Completes when the session ended: succeeds after an orderly close (ours or the peer's), fails
   * with the {@link YamuxException} that ended it otherwise (protocol error, ping timeout).
   *
   * @return the future
   */
  Future<Void> closeFuture();
}
