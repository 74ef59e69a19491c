package io.parsigex.libp2p.yamux;

import static io.parsigex.libp2p.yamux.YamuxTestSupport.bytes;
import static io.parsigex.libp2p.yamux.YamuxTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.yamux.YamuxStreamState.Event;
import io.parsigex.libp2p.yamux.YamuxStreamState.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stream life cycle: the table itself, cell by cell, against an independent statement of
 * the rules; then real streams of a session driven through every legal transition by frames and
 * calls, and the refused and ignored ones answered as the table says.
 */
class YamuxStreamStateTest {

  private static final YamuxConfig NO_KEEPALIVE =
      YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO).withoutWindowAutoTuning();

  private EmbeddedChannel ch;
  private YamuxSessionHandler session;
  private final List<YamuxStream> accepted = new ArrayList<>();

  @AfterEach
  void tearDown() {
    if (ch != null) {
      drain(ch);
      ch.finishAndReleaseAll();
    }
  }

  // ------------------------------------------------------------------ the table

  /** The accepted moves, written out one by one. */
  private static final Map<String, YamuxStreamState> MOVES = new TreeMap<>(Map.ofEntries(
      Map.entry("OPEN WRITE", YamuxStreamState.OPEN),
      Map.entry("OPEN DATA", YamuxStreamState.OPEN),
      Map.entry("OPEN WINDOW_UPDATE", YamuxStreamState.OPEN),
      Map.entry("OPEN CLOSE_WRITE", YamuxStreamState.LOCAL_CLOSED),
      Map.entry("OPEN REMOTE_FIN", YamuxStreamState.REMOTE_CLOSED),
      Map.entry("OPEN RESET", YamuxStreamState.RESET),
      Map.entry("LOCAL_CLOSED DATA", YamuxStreamState.LOCAL_CLOSED),
      Map.entry("LOCAL_CLOSED WINDOW_UPDATE", YamuxStreamState.LOCAL_CLOSED),
      Map.entry("LOCAL_CLOSED REMOTE_FIN", YamuxStreamState.CLOSING),
      Map.entry("LOCAL_CLOSED RESET", YamuxStreamState.RESET),
      Map.entry("REMOTE_CLOSED WRITE", YamuxStreamState.REMOTE_CLOSED),
      Map.entry("REMOTE_CLOSED WINDOW_UPDATE", YamuxStreamState.REMOTE_CLOSED),
      Map.entry("REMOTE_CLOSED CLOSE_WRITE", YamuxStreamState.CLOSING),
      Map.entry("REMOTE_CLOSED RESET", YamuxStreamState.RESET),
      Map.entry("CLOSING WINDOW_UPDATE", YamuxStreamState.CLOSING),
      Map.entry("CLOSING FINISH", YamuxStreamState.CLOSED),
      Map.entry("CLOSING RESET", YamuxStreamState.RESET)));

  /** Requests that contradict the state (answered with a typed error). */
  private static final Set<String> REFUSED = Set.of(
      "OPEN FINISH", "LOCAL_CLOSED WRITE", "LOCAL_CLOSED FINISH", "REMOTE_CLOSED FINISH",
      "CLOSING WRITE", "CLOSED WRITE", "RESET WRITE", "RESET CLOSE_WRITE");

  @Test
  void everyCellOfTheTableIsAsTheRulesSay() {
    int cells = 0;
    for (YamuxStreamState s : YamuxStreamState.values()) {
      for (Event e : Event.values()) {
        String key = s + " " + e;
        YamuxStreamState.Transition t = s.on(e);
        if (MOVES.containsKey(key)) {
          assertThat(t.outcome()).as(key).isEqualTo(Outcome.ACCEPTED);
          assertThat(t.next()).as(key).isEqualTo(MOVES.get(key));
        } else if (REFUSED.contains(key)) {
          assertThat(t.outcome()).as(key).isEqualTo(Outcome.REFUSED);
          assertThat(t.next()).as(key).isEqualTo(s);
        } else {
          assertThat(t.outcome()).as(key).isEqualTo(Outcome.IGNORED);
          assertThat(t.next()).as(key).isEqualTo(s);
        }
        cells++;
      }
    }
    assertThat(cells).isEqualTo(YamuxStreamState.values().length * Event.values().length);
  }

  @Test
  void terminalStatesHaveNoWayOut() {
    for (YamuxStreamState s : EnumSet.of(YamuxStreamState.CLOSED, YamuxStreamState.RESET)) {
      assertThat(s.terminal()).isTrue();
      for (Event e : Event.values()) {
        assertThat(s.on(e).next()).as(s + " " + e).isEqualTo(s);
        assertThat(s.on(e).outcome()).as(s + " " + e).isNotEqualTo(Outcome.ACCEPTED);
      }
    }
  }

  @Test
  void everyStateIsReachableFromOpen() {
    Set<YamuxStreamState> seen = EnumSet.of(YamuxStreamState.OPEN);
    for (boolean grew = true; grew; ) {
      grew = false;
      for (YamuxStreamState s : EnumSet.copyOf(seen)) {
        for (Event e : Event.values()) {
          grew |= seen.add(s.on(e).next());
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(YamuxStreamState.values());
  }

  // ------------------------------------------------------------------ real streams

  private void start() {
    ch = new EmbeddedChannel();
    session = new YamuxSessionHandler(ch, YamuxRole.DIALER, NO_KEEPALIVE, accepted::add,
        YamuxTestSupport.refusals());
    ch.pipeline().addLast(session);
  }

  private YamuxStreamImpl open() throws Exception {
    Future<YamuxStream> f = session.openStream();
    assertThat(f.isSuccess()).as("open: %s", f.cause()).isTrue();
    YamuxStreamImpl s = (YamuxStreamImpl) f.get();
    s.handler(new YamuxTestSupport.Recorder());
    assertThat(s.state()).isEqualTo(YamuxStreamState.OPEN);
    return s;
  }

  private void fin(YamuxStreamImpl s) {
    ch.writeInbound(YamuxFrame.windowUpdate((int) s.id(), YamuxFlags.FIN, 0));
  }

  private void rst(YamuxStreamImpl s) {
    ch.writeInbound(YamuxFrame.windowUpdate((int) s.id(), YamuxFlags.RST, 0));
  }

  private void data(YamuxStreamImpl s, int n) {
    ch.writeInbound(YamuxFrame.data((int) s.id(), 0, bytes(n, 7)));
  }

  private static void written(Future<Void> f) {
    assertThat(f.isDone()).isTrue();
    assertThat(f.isSuccess()).as("%s", f.cause()).isTrue();
  }

  private static void failedWith(Future<Void> f, Class<? extends Throwable> type) {
    assertThat(f.isDone()).isTrue();
    assertThat(f.cause()).isInstanceOf(type);
  }

  @Test
  void localThenRemoteCloseEndsClosed() throws Exception {
    start();
    YamuxStreamImpl s = open();
    written(s.write(bytes(10, 1)));
    data(s, 10);
    assertThat(s.state()).isEqualTo(YamuxStreamState.OPEN);
    written(s.closeWrite());
    assertThat(s.state()).isEqualTo(YamuxStreamState.LOCAL_CLOSED);
    written(s.closeWrite()); // ignored: a second closeWrite is fine
    failedWith(s.write(bytes(1, 1)), YamuxStreamClosedException.class); // refused
    data(s, 5); // the peer's half is still open
    assertThat(s.readableBytes()).isZero(); // delivered to the recorder
    fin(s);
    assertThat(s.state()).isEqualTo(YamuxStreamState.CLOSED);
    assertThat(s.closeFuture().isSuccess()).isTrue();
    assertThat(session.streamCount()).isZero();
    written(s.reset()); // ignored: nothing to reset, no RST sent
    assertThat(drain(ch)).noneMatch(f -> f.has(YamuxFlags.RST));
    assertThat(s.state()).isEqualTo(YamuxStreamState.CLOSED);
  }

  @Test
  void remoteThenLocalCloseEndsClosedAndLateFramesAreIgnored() throws Exception {
    start();
    YamuxStreamImpl s = open();
    fin(s);
    assertThat(s.state()).isEqualTo(YamuxStreamState.REMOTE_CLOSED);
    fin(s); // a repeated FIN: ignored
    data(s, 10); // bytes after FIN: dropped
    assertThat(s.readableBytes()).isZero();
    assertThat(s.state()).isEqualTo(YamuxStreamState.REMOTE_CLOSED);
    written(s.write(bytes(10, 1))); // our half is open
    written(s.closeWrite());
    assertThat(s.state()).isEqualTo(YamuxStreamState.CLOSED);
    assertThat(ch.isOpen()).as("late frames are no protocol error").isTrue();
  }

  @Test
  void bothFinsWithOurFinBehindQueuedBytesWaitInClosingForWindow() throws Exception {
    start();
    YamuxStreamImpl s = open();
    // more than the peer's window: the rest and our FIN wait for credit
    ByteBuf big = bytes(YamuxConfig.INITIAL_WINDOW + 100, 3);
    Future<Void> w = s.write(big);
    Future<Void> close = s.closeWrite();
    assertThat(close.isDone()).isFalse();
    assertThat(s.state()).isEqualTo(YamuxStreamState.LOCAL_CLOSED);
    fin(s);
    assertThat(s.state()).isEqualTo(YamuxStreamState.CLOSING);
    drain(ch);
    ch.writeInbound(YamuxFrame.windowUpdate((int) s.id(), 0, 1000)); // accepted in CLOSING
    ch.runPendingTasks();
    written(w);
    written(close);
    assertThat(s.state()).isEqualTo(YamuxStreamState.CLOSED);
  }

  @Test
  void everyOpenStateCanBeResetLocallyOrByThePeer() throws Exception {
    for (YamuxStreamState before : List.of(YamuxStreamState.OPEN, YamuxStreamState.LOCAL_CLOSED,
        YamuxStreamState.REMOTE_CLOSED)) {
      for (boolean local : new boolean[] {true, false}) {
        start();
        YamuxStreamImpl s = open();
        if (before == YamuxStreamState.LOCAL_CLOSED) {
          written(s.closeWrite());
        } else if (before == YamuxStreamState.REMOTE_CLOSED) {
          fin(s);
        }
        assertThat(s.state()).isEqualTo(before);
        drain(ch);
        if (local) {
          written(s.reset());
          assertThat(drain(ch)).anyMatch(f -> f.has(YamuxFlags.RST));
        } else {
          rst(s);
        }
        String where = before + (local ? " reset locally" : " reset by the peer");
        assertThat(s.state()).as(where).isEqualTo(YamuxStreamState.RESET);
        assertThat(s.closeFuture().cause()).as(where)
            .isInstanceOf(YamuxStreamResetException.class);
        failedWith(s.write(bytes(1, 1)), YamuxStreamResetException.class);
        failedWith(s.closeWrite(), YamuxStreamResetException.class);
        rst(s); // a second RST: ignored
        written(s.reset()); // ignored
        assertThat(drain(ch)).as(where).noneMatch(f -> f.has(YamuxFlags.RST));
        ch.finishAndReleaseAll();
      }
    }
    ch = null;
  }

  @Test
  void aClosingStreamCanBeReset() throws Exception {
    start();
    YamuxStreamImpl s = open();
    Future<Void> w = s.write(bytes(YamuxConfig.INITIAL_WINDOW + 100, 3));
    Future<Void> close = s.closeWrite();
    fin(s);
    assertThat(s.state()).isEqualTo(YamuxStreamState.CLOSING);
    rst(s);
    assertThat(s.state()).isEqualTo(YamuxStreamState.RESET);
    failedWith(w, YamuxStreamResetException.class);
    failedWith(close, YamuxStreamResetException.class);
  }

  @Test
  void theSessionEndingResetsItsStreams() throws Exception {
    start();
    YamuxStreamImpl s = open();
    ch.close();
    assertThat(s.state()).isEqualTo(YamuxStreamState.RESET);
  }
}
