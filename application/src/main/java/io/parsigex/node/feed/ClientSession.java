package io.parsigex.node.feed;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One feed client: its filter and a bounded outbound buffer (a message count and a byte limit)
 * drained one frame at a time: at most one write is in flight, and each completion schedules the
 * next frame on the shared sender executor. {@link #offer} never blocks:
 * when the buffer is full, or a write has been stuck longer than the send timeout, the client is
 * dropped and closed with 1013 from a sender thread, never from the caller's.
 */
final class ClientSession {

  /** What {@link #offer} did with a message. */
  enum Offer {
    /** Queued for sending. */
    QUEUED,
    /** The client's filter does not want it. */
    FILTERED,
    /** This call overflowed the client, which is now being dropped. */
    DROPPED,
    /** The client is already closing or closed. */
    CLOSED
  }

  /** Frames one drain run writes before flushing and yielding its thread to other clients. */
  static final int DRAIN_BATCH = 256;

  private final WebSocketSession session;
  private final FrameWriter writer;
  private final int maxMessages;
  private final long maxBytes;
  private final long sendTimeoutNanos;
  private final Executor executor;
  private final BiConsumer<ClientSession, DropReason> onDrop;
  private final LongSupplier nanoClock;
  private final FeedLog log;

  private final ArrayDeque<FeedMessage> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean draining;
  private CloseStatus pendingClose;
  private boolean closed;
  private volatile long sendStartedNanos;
  private volatile boolean sending;
  private volatile FeedFilter filter = FeedFilter.ALL;
  private volatile String failure = "";

  ClientSession(WebSocketSession session, FeedProperties limits, Executor executor,
      BiConsumer<ClientSession, DropReason> onDrop, LongSupplier nanoClock) {
    this(session, limits, executor, onDrop, nanoClock, FeedLog.shared());
  }

  ClientSession(WebSocketSession session, FeedProperties limits, Executor executor,
      BiConsumer<ClientSession, DropReason> onDrop, LongSupplier nanoClock, FeedLog log) {
    this.log = Objects.requireNonNull(log, "log");
    this.session = Objects.requireNonNull(session, "session");
    this.writer = FrameWriter.forSession(session, limits.sendTimeout().toMillis());
    this.maxMessages = limits.maxBufferedMessages();
    this.maxBytes = limits.maxBufferedBytes().toBytes();
    this.sendTimeoutNanos = limits.sendTimeout().toNanos();
    this.executor = Objects.requireNonNull(executor, "executor");
    this.onDrop = Objects.requireNonNull(onDrop, "onDrop");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /**
   * The WebSocket session id.
   *
   * @return the id
   */
  String id() {
    return session.getId();
  }

  /**
   * Why the last write failed ({@code Type: message} of its innermost cause), empty if none did.
   *
   * @return the reason
   */
  String failure() {
    return failure;
  }

  /**
   * Replaces the client's filter.
   *
   * @param newFilter the filter
   */
  void filter(FeedFilter newFilter) {
    this.filter = Objects.requireNonNull(newFilter, "newFilter");
  }

  /**
   * The client's filter.
   *
   * @return the filter
   */
  FeedFilter filter() {
    return filter;
  }

  /**
   * Queues a feed message if the client's filter wants it. Never blocks.
   *
   * @param m the message
   * @return what happened
   */
  Offer offer(FeedMessage m) {
    return filter.accepts(m) ? enqueue(m) : Offer.FILTERED;
  }

  /**
   * Queues a message regardless of the filter (control replies). Never blocks.
   *
   * @param m the message
   * @return what happened
   */
  Offer enqueue(FeedMessage m) {
    DropReason drop = null;
    boolean schedule;
    synchronized (this) {
      if (closed || pendingClose != null) {
        return Offer.CLOSED;
      }
      if (sending && nanoClock.getAsLong() - sendStartedNanos > sendTimeoutNanos) {
        drop = DropReason.STALLED;
      } else if (queue.size() >= maxMessages || queuedBytes + m.bytes() > maxBytes) {
        drop = DropReason.BUFFER_FULL;
      }
      if (drop != null) {
        queue.clear();
        queuedBytes = 0;
        pendingClose = drop.closeStatus();
      } else {
        queue.add(m);
        queuedBytes += m.bytes();
      }
      schedule = !draining;
      draining = true;
    }
    if (schedule) {
      schedule();
    }
    if (drop != null) {
      onDrop.accept(this, drop);
      return Offer.DROPPED;
    }
    return Offer.QUEUED;
  }

  /**
   * Closes the client from a sender thread after what is already queued (used at shutdown).
   *
   * @param status the close status
   */
  void closeLater(CloseStatus status) {
    boolean schedule;
    synchronized (this) {
      if (closed || pendingClose != null) {
        return;
      }
      pendingClose = status;
      schedule = !draining;
      draining = true;
    }
    if (schedule) {
      schedule();
    }
  }

  /** The connection is gone: forget what is queued. */
  void connectionClosed() {
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
    }
  }

  /**
   * Messages waiting to be written.
   *
   * @return the count
   */
  synchronized int queuedMessages() {
    return queue.size();
  }

  /**
   * Bytes waiting to be written.
   *
   * @return the UTF-8 byte count
   */
  synchronized long queuedBytes() {
    return queuedBytes;
  }

  private void schedule() {
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // Only when the executor is shutting down: the node is stopping, nothing more to send.
      connectionClosed();
      synchronized (this) {
        draining = false;
      }
    }
  }

  /**
   * Writes up to {@link #DRAIN_BATCH} queued frames, flushes, and either stops (queue empty) or
   * yields the thread to other clients by rescheduling. Performs a pending close once the queue is
   * empty. Every blocking write is bounded by the send timeout.
   */
  private void drain() {
    int written = 0;
    while (true) {
      FeedMessage next;
      CloseStatus close = null;
      synchronized (this) {
        if (closed) {
          draining = false;
          return;
        }
        next = written < DRAIN_BATCH ? queue.poll() : null;
        if (next == null && written == 0) {
          if (pendingClose == null) {
            draining = false;
            return;
          }
          close = pendingClose;
          closed = true;
        } else if (next != null) {
          queuedBytes -= next.bytes();
        }
      }
      if (close != null) {
        closeQuietly(close);
        synchronized (this) {
          draining = false;
        }
        return;
      }
      if (next == null) {
        // Batch done or queue empty: push what is buffered, then look again (or yield).
        boolean flushed = blocking(writer::flush);
        if (flushed && written >= DRAIN_BATCH) {
          schedule();
          return;
        }
        written = 0;
        continue;
      }
      if (blocking(() -> writer.send(next))) {
        written++;
      }
    }
  }

  /** One blocking write, timed for stall detection; a failure drops the client. */
  private boolean blocking(IoAction action) {
    sendStartedNanos = nanoClock.getAsLong();
    sending = true;
    try {
      action.run();
      return true;
    } catch (IOException | RuntimeException e) {
      // A client that went away is expected: one line from the hub, no stack trace.
      if (!FeedLog.expectedDisconnect(e, session.isOpen())) {
        log.unexpected(id(), "writing a frame", e);
      }
      failure = FeedLog.describe(e);
      failed();
      return false;
    } finally {
      sending = false;
    }
  }

  /** A write that may fail. */
  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  private void failed() {
    boolean first;
    synchronized (this) {
      first = pendingClose == null && !closed;
      queue.clear();
      queuedBytes = 0;
      if (first) {
        pendingClose = DropReason.SEND_FAILED.closeStatus();
      }
    }
    if (first) {
      onDrop.accept(this, DropReason.SEND_FAILED);
    }
  }

  private void closeQuietly(CloseStatus status) {
    try {
      // Flush what is batched ourselves: the container would otherwise do it inside close and
      // log a client that went away (a broken pipe) as a warning with a stack trace.
      writer.stopBatching();
    } catch (IOException | RuntimeException e) {
      if (!FeedLog.expectedDisconnect(e, session.isOpen())) {
        log.unexpected(id(), "flushing before close", e);
      }
    }
    try {
      if (session.isOpen()) {
        session.close(status);
      }
    } catch (IOException | RuntimeException e) {
      // The connection is already broken; the container releases it.
    }
  }
}
