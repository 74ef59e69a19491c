package io.parsigex.core.broadcast;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Delivers one framed parsigex message to one peer on a new stream (dialling if needed). */
public interface PeerSender {

  /**
   * Opens a {@code /charon/parsigex/2.0.0} stream to the peer, writes the frame and closes the
   * stream. Must never block the caller.
   *
   * @param peerId the peer
   * @param frame the complete frame (length prefix included)
   * @param deadline how long the stream may take once opened
   * @return completes when the bytes were written; fails with a {@link SendException}
   */
  CompletableFuture<Void> send(String peerId, byte[] frame, Duration deadline);
}
