package io.parsigex.libp2p.yamux;

/**
 * One stream's receive-side flow control, in the manner of OkHttp's window counter: how much the
 * peer may still send, how much sits in our buffer, and how much the consumer took that we have not
 * yet granted back. The invariant {@code remaining + buffered + unreturned == window} holds after
 * every call, so the buffer can never exceed the window, and credit is granted only for consumed
 * bytes, in batches of at least half the window. The window may grow (auto-tuning); the growth
 * is granted with the next batch.
 */
final class ReceiveWindow {

  /** A batch of credit is due once this fraction (1/n) of the window is unreturned. */
  private static final int THRESHOLD_DIVISOR = 2;

  private long window;
  private long remaining;
  private long buffered;
  private long unreturned;

  /**
   * Creates the counter.
   *
   * @param window the receive window we grant ({@link YamuxConfig#receiveWindow()})
   */
  ReceiveWindow(long window) {
    if (window < THRESHOLD_DIVISOR || window > YamuxConfig.MAX_WINDOW) {
      throw new IllegalArgumentException("window must be within [2, 2^32-1], got " + window);
    }
    this.window = window;
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
   * Accounts for {@code n} buffered bytes handed to the consumer, without growth.
   *
   * @param n bytes consumed (at most {@link #buffered()})
   * @param grant whether credit may be granted (false once the peer half-closed)
   * @return the window update delta to send now, or 0 when none is due
   */
  long consume(long n, boolean grant) {
    return consume(n, grant, w -> 0);
  }

  /**
   * Accounts for {@code n} buffered bytes handed to the consumer; when a batch of credit is due,
   * asks {@code growth} whether the window grows, and grants the batch plus the growth.
   *
   * @param n bytes consumed (at most {@link #buffered()})
   * @param grant whether credit may be granted (false once the peer half-closed)
   * @param growth told the current window when an update is due; answers the bytes to add
   * @return the window update delta to send now, or 0 when none is due
   */
  long consume(long n, boolean grant, Growth growth) {
    if (n < 0 || n > buffered) {
      throw new IllegalArgumentException("consumed " + n + " of " + buffered + " buffered bytes");
    }
    buffered -= n;
    unreturned += n;
    if (!grant || unreturned < threshold()) {
      return 0;
    }
    long extra = growth.extra(window);
    if (extra < 0 || extra > YamuxConfig.MAX_WINDOW - window) {
      throw new IllegalArgumentException("cannot grow a window of " + window + " by " + extra);
    }
    window += extra;
    long delta = unreturned + extra;
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
   * Unreturned credit at which an update is due: half the current window.
   *
   * @return bytes
   */
  long threshold() {
    return window / THRESHOLD_DIVISOR;
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
   * The window we grant now.
   *
   * @return bytes
   */
  long window() {
    return window;
  }

  /** Decides how much a window grows when an update is due. */
  @FunctionalInterface
  interface Growth {
    /**
     * Bytes to add to the window.
     *
     * @param window the current window
     * @return 0 or more
     */
    long extra(long window);
  }
}
