package io.parsigex.core.receive;

import io.parsigex.core.wire.WireMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * A framed message read from a peer's stream, before gating and decoding. Immutable.
 *
 * @param senderPeerId the authenticated sender (libp2p peer id text)
 * @param senderShareIndex the sender's share index in the cluster, 0 if it holds none
 * @param message the duty and raw entries
 * @param receivedAt when the message was read completely
 */
public record InboundMessage(
    String senderPeerId, int senderShareIndex, WireMessage message, Instant receivedAt) {

  /** Validates. */
  public InboundMessage {
    Objects.requireNonNull(senderPeerId, "senderPeerId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
