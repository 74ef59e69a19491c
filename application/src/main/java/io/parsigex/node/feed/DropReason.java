package io.parsigex.node.feed;

import java.util.Locale;
import org.springframework.web.socket.CloseStatus;

/** Why the feed disconnected a client; {@link #label()} is the metric's {@code reason} tag. */
public enum DropReason {
  /** The client's outbound buffer would have exceeded its message or byte limit. */
  BUFFER_FULL(CloseStatus.SERVICE_OVERLOAD.withReason("too slow: outbound buffer full")),
  /** One frame write blocked longer than the send timeout. */
  STALLED(CloseStatus.SERVICE_OVERLOAD.withReason("too slow: write stalled")),
  /** Writing to the client failed. */
  SEND_FAILED(CloseStatus.SERVER_ERROR.withReason("write failed")),
  /** The feed already has its maximum number of clients. */
  TOO_MANY_CLIENTS(CloseStatus.SERVICE_OVERLOAD.withReason("too many feed clients"));

  private final CloseStatus closeStatus;

  DropReason(CloseStatus closeStatus) {
    this.closeStatus = closeStatus;
  }

  /**
   * The close frame sent to the client (1013 for slowness and overload).
   *
   * @return the status
   */
  public CloseStatus closeStatus() {
    return closeStatus;
  }

  /**
   * The metric tag value.
   *
   * @return for example {@code buffer_full}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether this counts as a slow client (counted in {@code parsigex_ws_dropped_clients_total}).
   *
   * @return true for buffer overflow and stalls
   */
  public boolean slowClient() {
    return this == BUFFER_FULL || this == STALLED;
  }
}
