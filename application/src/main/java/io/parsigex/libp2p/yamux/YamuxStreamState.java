package io.parsigex.libp2p.yamux;

import java.util.EnumMap;
import java.util.Map;

/**
 * The life of a Yamux stream, with every legal transition in {@link #TABLE}. A stream has two
 * halves: ours closes with our FIN ({@link YamuxStream#closeWrite}), the peer's with its FIN; a
 * reset (RST either way, a failed handler, the session ending) ends both at once.
 *
 * <p>The SYN/ACK handshake is not a state here: Yamux flags combine (SYN|FIN, ACK|FIN), so a
 * stream can be half-closed before it is acknowledged, and acknowledgement changes what may be
 * sent or received in no state. The stream keeps it apart, as the slot an unacknowledged inbound
 * stream holds in {@link YamuxConfig#maxUnackedInboundStreams()}.
 *
 * <p>Each {@link Event} in each state is one of three {@link Outcome}s. {@code ACCEPTED} moves to
 * {@link Transition#next()} (which may be the same state). {@code IGNORED} is a legal no-op: a
 * second {@code closeWrite}, a late or repeated FIN, a reset of a stream that has already ended
 * (the spec has late frames for closed streams ignored, and js-yamux sends them). {@code REFUSED}
 * means the request contradicts the state: the stream answers it with a typed error (a write
 * after {@code closeWrite} is a {@link YamuxStreamClosedException}, anything on a reset stream a
 * {@link YamuxStreamResetException}); {@link Event#FINISH} out of place is our own bug and throws.
 */
enum YamuxStreamState {

  /** Both halves open: data flows both ways. */
  OPEN,
  /** We sent (or queued) our FIN; the peer may still send. */
  LOCAL_CLOSED,
  /** The peer's FIN arrived; we may still send. */
  REMOTE_CLOSED,
  /**
   * Both FINs happened; our FIN may still wait behind queued data, or the peer's may not yet have
   * been handed to the handler (it follows the bytes buffered before it).
   */
  CLOSING,
  /** Both halves closed and delivered: the stream left its session. Terminal. */
  CLOSED,
  /** Reset: pending writes failed, buffered bytes dropped. Terminal. */
  RESET;

  /** What can happen to a stream. */
  enum Event {
    /** The application writes bytes. */
    WRITE,
    /** A data frame arrives from the peer. */
    DATA,
    /** The peer grants send window. */
    WINDOW_UPDATE,
    /** The application half-closes ({@code closeWrite}): our FIN is queued. */
    CLOSE_WRITE,
    /** The peer's FIN arrives. */
    REMOTE_FIN,
    /** Our FIN was written and the peer's was delivered: the stream is done. */
    FINISH,
    /** RST sent or received, a handler failed, or the session ended. */
    RESET
  }

  /** How a state takes an event. */
  enum Outcome {
    /** Legal: the stream moves to {@link Transition#next()}. */
    ACCEPTED,
    /** Legal but nothing to do. */
    IGNORED,
    /** Contradicts the state: answered with a typed error. */
    REFUSED
  }

  /**
   * One cell of the table.
   *
   * @param outcome how the event is taken
   * @param next the state afterwards (the same state unless {@code ACCEPTED} moves it)
   */
  record Transition(Outcome outcome, YamuxStreamState next) {}

  private static final Map<YamuxStreamState, Map<Event, Transition>> TABLE = table();

  private static Map<YamuxStreamState, Map<Event, Transition>> table() {
    Map<YamuxStreamState, Map<Event, Transition>> t = new EnumMap<>(YamuxStreamState.class);
    row(t, OPEN,
        OPEN, OPEN, OPEN, LOCAL_CLOSED, REMOTE_CLOSED, null, RESET);
    row(t, LOCAL_CLOSED,
        null, LOCAL_CLOSED, LOCAL_CLOSED, LOCAL_CLOSED, CLOSING, null, RESET);
    row(t, REMOTE_CLOSED,
        REMOTE_CLOSED, REMOTE_CLOSED, REMOTE_CLOSED, CLOSING, REMOTE_CLOSED, null, RESET);
    row(t, CLOSING,
        null, CLOSING, CLOSING, CLOSING, CLOSING, CLOSED, RESET);
    row(t, CLOSED,
        null, CLOSED, CLOSED, CLOSED, CLOSED, CLOSED, CLOSED);
    row(t, RESET,
        null, RESET, RESET, null, RESET, RESET, RESET);
    return t;
  }

  /**
   * One state's row, in {@link Event} order. A target different from {@code from} is
   * {@code ACCEPTED}, and so is the same state for WRITE and DATA through an open half and for
   * WINDOW_UPDATE before the end; the same state otherwise is {@code IGNORED}; {@code null} is
   * {@code REFUSED}.
   */
  private static void row(Map<YamuxStreamState, Map<Event, Transition>> t, YamuxStreamState from,
      YamuxStreamState... targets) {
    Event[] events = Event.values();
    if (targets.length != events.length) {
      throw new IllegalStateException("row " + from + " has " + targets.length + " cells");
    }
    Map<Event, Transition> row = new EnumMap<>(Event.class);
    for (int i = 0; i < events.length; i++) {
      YamuxStreamState to = targets[i];
      Outcome outcome;
      if (to == null) {
        outcome = Outcome.REFUSED;
        to = from;
      } else if (to != from || flows(from, events[i])) {
        outcome = Outcome.ACCEPTED;
      } else {
        outcome = Outcome.IGNORED;
      }
      row.put(events[i], new Transition(outcome, to));
    }
    t.put(from, row);
  }

  /** Whether the event carries data or credit through a half that is still open. */
  private static boolean flows(YamuxStreamState s, Event e) {
    return switch (e) {
      case WRITE -> !s.writeClosed();
      case DATA -> !s.remoteClosed();
      // credit still matters while our FIN waits behind queued bytes
      case WINDOW_UPDATE -> !s.terminal();
      default -> false;
    };
  }

  /**
   * The table's cell for {@code event} in this state.
   *
   * @param event what happens
   * @return the outcome and the next state
   */
  Transition on(Event event) {
    return TABLE.get(this).get(event);
  }

  /** Whether our half is closed: no more writes. */
  boolean writeClosed() {
    return this != OPEN && this != REMOTE_CLOSED;
  }

  /** Whether the peer's half is closed: no more data will be taken. */
  boolean remoteClosed() {
    return this != OPEN && this != LOCAL_CLOSED;
  }

  /** Whether the stream has ended ({@link #CLOSED} or {@link #RESET}). */
  boolean terminal() {
    return this == CLOSED || this == RESET;
  }
}
