package io.parsigex.libp2p.yamux;

import java.time.Duration;
import java.util.Objects;

/**
 * Every limit of a Yamux session, validated once here. {@link #defaults()} follows the spec and the
 * reference implementations.
 *
 * <p>Memory bounds that follow: a session buffers at most {@code maxConcurrentStreams ×
 * receiveWindow} inbound bytes (256 MiB with the defaults, reached only if the application reads
 * none of 1024 full streams) and queues at most {@code maxConcurrentStreams ×
 * maxPendingWriteBytes} outbound bytes; the protocol fixes the 256 KiB initial window, so the
 * stream cap is the lever for tighter bounds. Auto-tuned windows add at most
 * {@code sessionWindowBudget} (16 MiB by default) to the inbound bound, so a node with ten peers
 * holds at most 160 MiB more however its streams grow.
 *
 * @param receiveWindow bytes each stream may have in flight towards us (buffered or unread); at
 *     least the protocol's {@link #INITIAL_WINDOW}, larger values are announced with a window update
 *     when the stream opens
 * @param maxUnackedInboundStreams inbound streams the peer opened that we have not acknowledged
 *     yet; a SYN beyond it is answered with RST (the spec suggests 256)
 * @param maxConcurrentStreams open streams in both directions; opening beyond it fails and an
 *     inbound SYN beyond it is answered with RST
 * @param maxPendingWriteBytes bytes one stream may have queued for sending while the peer's window
 *     is exhausted; a write beyond it fails with {@link YamuxLimitException}
 * @param maxDataFrameBytes the largest data frame payload this side sends (larger writes are split)
 * @param keepAliveInterval how often to ping the peer; {@link Duration#ZERO} disables keepalive
 * @param pingTimeout how long a ping may stay unanswered before the session is closed
 * @param maxOutstandingPings pings sent and not yet answered
 * @param maxPingRepliesWhileUnwritable ping answers the peer may make us queue while it does not
 *     read from the connection; beyond it the session is closed as abusive
 * @param closeTimeout how long a closing session waits for its go-away to be written
 * @param maxReceiveWindow how far a stream's receive window may grow by auto-tuning: when a
 *     stream's consumer takes a whole window's credit within a few round trips, its window doubles
 *     (as go-yamux and js-yamux do), so one stream can fill a long fat link; equal to
 *     {@code receiveWindow} turns auto-tuning off. Round trips are measured with pings: one when
 *     the session starts and every keepalive or {@link YamuxSession#ping()} after
 * @param sessionWindowBudget bytes of auto-tuned growth (beyond {@code receiveWindow}) that all
 *     streams of one session may hold together; a stream returns its share when it ends
 */
public record YamuxConfig(
    int receiveWindow,
    int maxUnackedInboundStreams,
    int maxConcurrentStreams,
    int maxPendingWriteBytes,
    int maxDataFrameBytes,
    Duration keepAliveInterval,
    Duration pingTimeout,
    int maxOutstandingPings,
    int maxPingRepliesWhileUnwritable,
    Duration closeTimeout,
    int maxReceiveWindow,
    int sessionWindowBudget) {

  /** The protocol's initial window of every stream in both directions: 256 KiB. */
  public static final int INITIAL_WINDOW = 256 * 1024;
  /** Default cap on inbound streams not yet acknowledged, as the spec suggests. */
  public static final int DEFAULT_MAX_UNACKED_INBOUND_STREAMS = 256;
  /** Default cap on concurrent streams (both directions). */
  public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 1024;
  /** Default bound on bytes queued per stream behind an exhausted window: 1 MiB. */
  public static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 1024 * 1024;
  /** Default largest data frame payload we send: 64 KiB, as js-yamux. */
  public static final int DEFAULT_MAX_DATA_FRAME_BYTES = 64 * 1024;
  /** Default keepalive interval, as go-yamux. */
  public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(30);
  /** Default ping timeout. */
  public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(10);
  /** Default number of pings in flight. */
  public static final int DEFAULT_MAX_OUTSTANDING_PINGS = 16;
  /** Default number of ping answers queued while the connection is not writable. */
  public static final int DEFAULT_MAX_PING_REPLIES_WHILE_UNWRITABLE = 1024;
  /** Default time to flush a go-away before the connection is closed anyway. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  /** Default ceiling of an auto-tuned receive window: 16 MiB, as go-yamux and js-yamux. */
  public static final int DEFAULT_MAX_RECEIVE_WINDOW = 16 * 1024 * 1024;
  /** Default auto-tuning budget of one session: 16 MiB, one fully grown stream or a few halfway. */
  public static final int DEFAULT_SESSION_WINDOW_BUDGET = 16 * 1024 * 1024;
  /** The largest value a 32-bit unsigned window can reach. */
  public static final long MAX_WINDOW = 0xFFFF_FFFFL;

  /** Validates every limit. */
  public YamuxConfig {
    Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
    Objects.requireNonNull(pingTimeout, "pingTimeout");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (receiveWindow < INITIAL_WINDOW) {
      throw new IllegalArgumentException("receiveWindow must be at least the protocol's initial "
          + "window of " + INITIAL_WINDOW + " bytes, was " + receiveWindow);
    }
    requirePositive("maxUnackedInboundStreams", maxUnackedInboundStreams);
    requirePositive("maxConcurrentStreams", maxConcurrentStreams);
    requirePositive("maxPendingWriteBytes", maxPendingWriteBytes);
    requirePositive("maxDataFrameBytes", maxDataFrameBytes);
    requirePositive("maxOutstandingPings", maxOutstandingPings);
    requirePositive("maxPingRepliesWhileUnwritable", maxPingRepliesWhileUnwritable);
    if (keepAliveInterval.isNegative()) {
      throw new IllegalArgumentException("keepAliveInterval must be zero (off) or positive");
    }
    if (pingTimeout.isNegative() || pingTimeout.isZero()) {
      throw new IllegalArgumentException("pingTimeout must be positive, was " + pingTimeout);
    }
    if (closeTimeout.isNegative() || closeTimeout.isZero()) {
      throw new IllegalArgumentException("closeTimeout must be positive, was " + closeTimeout);
    }
    if (maxReceiveWindow < receiveWindow) {
      throw new IllegalArgumentException("maxReceiveWindow (" + maxReceiveWindow
          + ") must be at least receiveWindow (" + receiveWindow + ")");
    }
    if (sessionWindowBudget < 0) {
      throw new IllegalArgumentException("sessionWindowBudget must not be negative, was "
          + sessionWindowBudget);
    }
  }

  /**
   * The reference limits: 256 KiB windows auto-tuned up to 16 MiB (16 MiB of growth per session),
   * 256 un-acknowledged inbound streams, 1024 concurrent streams, 1 MiB pending writes per
   * stream, 64 KiB frames, 30 s keepalive, 10 s ping timeout.
   *
   * @return the default configuration
   */
  public static YamuxConfig defaults() {
    return new YamuxConfig(INITIAL_WINDOW, DEFAULT_MAX_UNACKED_INBOUND_STREAMS,
        DEFAULT_MAX_CONCURRENT_STREAMS, DEFAULT_MAX_PENDING_WRITE_BYTES,
        DEFAULT_MAX_DATA_FRAME_BYTES, DEFAULT_KEEP_ALIVE_INTERVAL, DEFAULT_PING_TIMEOUT,
        DEFAULT_MAX_OUTSTANDING_PINGS, DEFAULT_MAX_PING_REPLIES_WHILE_UNWRITABLE,
        DEFAULT_CLOSE_TIMEOUT, DEFAULT_MAX_RECEIVE_WINDOW, DEFAULT_SESSION_WINDOW_BUDGET);
  }

  /**
   * A copy with another keepalive interval.
   *
   * @param interval the new interval, {@link Duration#ZERO} to disable
   * @return the copy
   */
  public YamuxConfig withKeepAliveInterval(Duration interval) {
    return new YamuxConfig(receiveWindow, maxUnackedInboundStreams, maxConcurrentStreams,
        maxPendingWriteBytes, maxDataFrameBytes, interval, pingTimeout, maxOutstandingPings,
        maxPingRepliesWhileUnwritable, closeTimeout, maxReceiveWindow,
        sessionWindowBudget);
  }

  /**
   * A copy with another receive window (announced to the peer when each stream opens).
   *
   * @param bytes the new {@link #receiveWindow()}, at least {@link #INITIAL_WINDOW}
   * @return the copy
   */
  public YamuxConfig withReceiveWindow(int bytes) {
    return new YamuxConfig(bytes, maxUnackedInboundStreams, maxConcurrentStreams,
        maxPendingWriteBytes, maxDataFrameBytes, keepAliveInterval, pingTimeout,
        maxOutstandingPings, maxPingRepliesWhileUnwritable, closeTimeout,
        Math.max(bytes, maxReceiveWindow), sessionWindowBudget);
  }

  /**
   * A copy with other stream caps.
   *
   * @param unackedInbound the new {@link #maxUnackedInboundStreams()}
   * @param concurrent the new {@link #maxConcurrentStreams()}
   * @return the copy
   */
  public YamuxConfig withStreamLimits(int unackedInbound, int concurrent) {
    return new YamuxConfig(receiveWindow, unackedInbound, concurrent, maxPendingWriteBytes,
        maxDataFrameBytes, keepAliveInterval, pingTimeout, maxOutstandingPings,
        maxPingRepliesWhileUnwritable, closeTimeout, maxReceiveWindow,
        sessionWindowBudget);
  }

  /**
   * A copy with another bound on queued writes.
   *
   * @param bytes the new {@link #maxPendingWriteBytes()}
   * @return the copy
   */
  public YamuxConfig withMaxPendingWriteBytes(int bytes) {
    return new YamuxConfig(receiveWindow, maxUnackedInboundStreams, maxConcurrentStreams, bytes,
        maxDataFrameBytes, keepAliveInterval, pingTimeout, maxOutstandingPings,
        maxPingRepliesWhileUnwritable, closeTimeout, maxReceiveWindow,
        sessionWindowBudget);
  }

  /**
   * A copy with another ping timeout.
   *
   * @param timeout the new {@link #pingTimeout()}
   * @return the copy
   */
  public YamuxConfig withPingTimeout(Duration timeout) {
    return new YamuxConfig(receiveWindow, maxUnackedInboundStreams, maxConcurrentStreams,
        maxPendingWriteBytes, maxDataFrameBytes, keepAliveInterval, timeout, maxOutstandingPings,
        maxPingRepliesWhileUnwritable, closeTimeout, maxReceiveWindow,
        sessionWindowBudget);
  }

  /**
   * A copy with other auto-tuning limits.
   *
   * @param maxWindow the new {@link #maxReceiveWindow()}; {@link #receiveWindow()} turns
   *     auto-tuning off
   * @param sessionBudget the new {@link #sessionWindowBudget()}
   * @return the copy
   */
  public YamuxConfig withWindowAutoTuning(int maxWindow, int sessionBudget) {
    return new YamuxConfig(receiveWindow, maxUnackedInboundStreams, maxConcurrentStreams,
        maxPendingWriteBytes, maxDataFrameBytes, keepAliveInterval, pingTimeout,
        maxOutstandingPings, maxPingRepliesWhileUnwritable, closeTimeout, maxWindow,
        sessionBudget);
  }

  /**
   * A copy without window auto-tuning: every stream keeps {@link #receiveWindow()}.
   *
   * @return the copy
   */
  public YamuxConfig withoutWindowAutoTuning() {
    return withWindowAutoTuning(receiveWindow, 0);
  }

  /**
   * Whether receive windows grow by auto-tuning.
   *
   * @return true when {@link #maxReceiveWindow()} exceeds {@link #receiveWindow()} and the
   *     session budget allows growth
   */
  public boolean autoTunesWindows() {
    return maxReceiveWindow > receiveWindow && sessionWindowBudget > 0;
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
