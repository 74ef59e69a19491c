package io.parsigex.libp2p.yamux;

/**
 * Receives the streams the peer opens. Called on the connection's event loop; install a
 * {@link YamuxStreamHandler} there (which acknowledges the stream) or reset the stream. A stream
 * left without a handler stays unacknowledged and counts against
 * {@link YamuxConfig#maxUnackedInboundStreams()}.
 */
@FunctionalInterface
public interface YamuxStreamAcceptor {

  /**
   * A new inbound stream.
   *
   * @param stream the stream, not yet acknowledged
   */
  void accept(YamuxStream stream);

  /**
   * An acceptor that resets every inbound stream (for sessions that only dial).
   *
   * @return the acceptor
   */
  static YamuxStreamAcceptor rejectAll() {
    return YamuxStream::reset;
  }
}
