package io.parsigex.core.receive;

import io.parsigex.api.Duty;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.PubKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A received set that passed gating, decoding and verification. Immutable.
 *
 * @param senderPeerId the authenticated sender
 * @param duty the duty
 * @param set the decoded, verified partial signatures
 * @param encodings how each entry was encoded on the wire
 * @param receivedAt when the message was read
 * @param verificationTime how long verification took
 */
public record VerifiedSet(
    String senderPeerId,
    Duty duty,
    ParSignedDataSet set,
    Map<PubKey, PayloadEncoding> encodings,
    Instant receivedAt,
    Duration verificationTime) {

  /** Validates and copies. */
  public VerifiedSet {
    Objects.requireNonNull(senderPeerId, "senderPeerId");
    Objects.requireNonNull(duty, "duty");
    Objects.requireNonNull(set, "set");
    encodings = Map.copyOf(encodings);
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(verificationTime, "verificationTime");
  }
}
