package io.parsigex.libp2p.host;

import java.util.Locale;

/**
 * Why an inbound connection was closed before its remote authenticated; {@link #label()} is the
 * metric's {@code reason} tag. Every one of them is the remote's doing (a stranger or a peer that
 * does not complete its handshake), never the node's.
 */
public enum PreAuthRefusal {
  /** Its source address already had {@link PreAuthLimits#maxPerSource()} handshakes pending. */
  PER_IP,
  /** {@link PreAuthLimits#maxTotal()} handshakes were pending and every one had spoken. */
  TOTAL,
  /** It had sent nothing and was the oldest such; a newer connection took its place. */
  EVICTED,
  /** It did not complete Noise within {@link PreAuthLimits#timeout()}. */
  HANDSHAKE_TIMEOUT;

  /**
   * The metric tag value.
   *
   * @return for example {@code per_ip}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
