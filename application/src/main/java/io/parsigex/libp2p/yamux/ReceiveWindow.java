package io.parsigex.libp2p.yamux;

/**
 * One stream's receive-side flow control, in the manner of OkHttp's window counter: how much the
 * peer may still send, how much sits in our buffer, and how much the consumer took that we have not
 * yet granted back. The invariant {@code remaining + buffered + unreturned == window} holds after
 * every call, so the buffer can never exceed the window, and credit is granted only for consumed
 * bytes, in batches of at least the threshold.
 */
final class ReceiveWindow {

  private final long window;
  private final long threshold;
  private long remaining;
  private long buffered;
  private long unreturned;

  /**
   * Creates the counter.
   *
   * @param window the receive window we grant ({@link YamuxConfig#receiveWindow()})
   * @param threshold unreturned credit at which an update is due
   */
  ReceiveWindow(long window, long threshold) {
    if (window <= 0 || threshold <= 0 || threshold > window) {
      throw new IllegalArgumentException("need 0 < threshold <= window, got " + threshold
          + " and " + window);
    }
    this.window = window;
    this.threshold = threshold;
    this.remaining = window;
  }

  /**
   * Accounts for {@code n} bytes arriving into the buffer.
   *
   * @param n payload size
   * @return false, changing nothing, when the peer had no window for them (a protocol error)
   */
  boolean receive(long n) {
    if (n < 0 || n > remaining) {
      return false;
    }
    remaining -= n;
    buffered += n;
    return true;
  }

  /**
   * Accounts for {@code n} buffered bytes handed to the consumer.
   *
   * @param n bytes consumed (at most {@link #buffered()})
   * @param grant whether credit may be granted (false once the peer half-closed)
   * @return the window update delta to send now, or 0 when none is due
   */
  long consume(long n, boolean grant) {
    if (n < 0 || n > buffered) {
      throw new IllegalArgumentException("consumed " + n + " of " + buffered + " buffered bytes");
    }
    buffered -= n;
    unreturned += n;
    if (!grant || unreturned < threshold) {
      return 0;
    }
    long delta = unreturned;
    remaining += delta;
    unreturned = 0;
    return delta;
  }

  /** Forgets buffered bytes that were dropped (on reset); they count as unreturned credit. */
  void discardBuffered() {
    unreturned += buffered;
    buffered = 0;
  }

  /**
   * Bytes the peer may still send.
   *
   * @return remaining window
   */
  long remaining() {
    return remaining;
  }

  /**
   * Bytes received and not yet consumed.
   *
   * @return buffered bytes
   */
  long buffered() {
    return buffered;
  }

  /**
   * Consumed bytes not yet granted back.
   *
   * @return unreturned credit
   */
  long unreturned() {
    return unreturned;
  }

  /**
   * The window we grant.
   *
   * @return bytes
   */
  long window() {
    return window;
  }
}
