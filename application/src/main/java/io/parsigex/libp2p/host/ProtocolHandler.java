package io.parsigex.libp2p.host;

/**
 * Handles inbound streams of one protocol. Called on the connection's event loop right after the
 * protocol was agreed: install the stream's consumer with {@link HostStream#handler} (at once or
 * later) and never block.
 */
@FunctionalInterface
public interface ProtocolHandler {

  /**
   * A peer opened a stream for this protocol.
   *
   * @param stream the negotiated stream
   */
  void onStream(HostStream stream);
}
