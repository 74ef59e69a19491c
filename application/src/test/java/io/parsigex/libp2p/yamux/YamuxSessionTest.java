package io.parsigex.libp2p.yamux;

import static io.parsigex.libp2p.yamux.YamuxTestSupport.bytes;
import static io.parsigex.libp2p.yamux.YamuxTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import io.parsigex.libp2p.yamux.YamuxTestSupport.Recorder;
import io.parsigex.libp2p.yamux.YamuxTestSupport.Sent;
import io.parsigex.testsupport.NettyLeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The session state machine, one concern per test, driven frame by frame on an EmbeddedChannel. */
@ExtendWith(NettyLeakCheck.class)
class YamuxSessionTest {

  private static final int WINDOW = YamuxConfig.INITIAL_WINDOW;
  /** No pings at all: neither keepalive nor auto-tuning's round-trip probe. */
  private static final YamuxConfig NO_KEEPALIVE =
      YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO).withoutWindowAutoTuning();

  private final List<YamuxStream> accepted = new ArrayList<>();
  private EmbeddedChannel ch;
  private YamuxSessionHandler session;

  private void start(YamuxRole role, YamuxConfig config) {
    start(role, config, accepted::add);
  }

  private void start(YamuxRole role, YamuxConfig config, YamuxStreamAcceptor acceptor) {
    ch = new EmbeddedChannel();
    session = new YamuxSessionHandler(ch, role, config, acceptor, YamuxTestSupport.refusals());
    ch.pipeline().addLast(session);
  }

  @AfterEach
  void tearDown() {
    if (ch != null) {
      drain(ch);
      ch.finishAndReleaseAll();
    }
  }

  private void in(YamuxFrame frame) {
    ch.writeInbound(frame);
  }

  private YamuxStream open() throws Exception {
    Future<YamuxStream> f = session.openStream();
    assertThat(f.isSuccess()).as("open: %s", f.cause()).isTrue();
    return f.get();
  }

  // ------------------------------------------------------------------ ids and SYN/ACK

  @Test
  void dialerOpensOddStreamsWithSynListenerEven() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    assertThat(open().id()).isEqualTo(1);
    assertThat(open().id()).isEqualTo(3);
    List<Sent> out = drain(ch);
    assertThat(out).extracting(Sent::type).containsOnly(YamuxFrameType.WINDOW_UPDATE);
    assertThat(out).extracting(Sent::streamId).containsExactly(1L, 3L);
    assertThat(out).allMatch(s -> s.flags() == YamuxFlags.SYN && s.length() == 0);
    ch.finishAndReleaseAll();

    start(YamuxRole.LISTENER, NO_KEEPALIVE);
    assertThat(open().id()).isEqualTo(2);
    assertThat(open().id()).isEqualTo(4);
  }

  @Test
  void inboundStreamIsAcknowledgedWhenTheApplicationTakesItUp() {
    start(YamuxRole.LISTENER, NO_KEEPALIVE);
    in(YamuxFrame.windowUpdate(1, YamuxFlags.SYN, 0));
    assertThat(accepted).hasSize(1);
    assertThat(drain(ch)).as("no ACK before the application takes the stream").isEmpty();
    Recorder r = new Recorder();
    accepted.get(0).handler(r);
    List<Sent> out = drain(ch);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).type()).isEqualTo(YamuxFrameType.WINDOW_UPDATE);
    assertThat(out.get(0).flags()).isEqualTo(YamuxFlags.ACK);
    assertThat(out.get(0).streamId()).isEqualTo(1);
  }

  @Test
  void ackOnOurStreamIsRecordedAndWrongParityOrDuplicateSynIsAProtocolError() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStreamImpl s = (YamuxStreamImpl) open();
    in(YamuxFrame.windowUpdate(1, YamuxFlags.ACK, 0));
    assertThat(s.isAcknowledged()).isTrue();
    drain(ch);
    in(YamuxFrame.windowUpdate(5, YamuxFlags.SYN, 0)); // odd ids are the dialer's own
    assertThat(drain(ch)).extracting(Sent::type, Sent::length)
        .containsExactly(tuple(YamuxFrameType.GO_AWAY, 1L));
    assertThat(ch.isOpen()).isFalse();
    assertThat(session.closeFuture().cause()).isInstanceOf(YamuxProtocolException.class);
    assertThat(s.closeFuture().cause()).isInstanceOf(YamuxStreamResetException.class);

    start(YamuxRole.DIALER, NO_KEEPALIVE);
    in(YamuxFrame.windowUpdate(2, YamuxFlags.SYN, 0));
    in(YamuxFrame.windowUpdate(2, YamuxFlags.SYN, 0));
    assertThat(session.closeFuture().cause()).isInstanceOf(YamuxProtocolException.class)
        .hasMessageContaining("twice");
  }

  // ------------------------------------------------------------------ flags combine

  @Test
  void synFinDataFrameOpensDeliversAndHalfClosesInOneGo() {
    Recorder r = new Recorder();
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> s.handler(r));
    in(YamuxFrame.data(1, YamuxFlags.SYN | YamuxFlags.FIN, bytes(100, 1)));
    assertThat(r.size()).isEqualTo(100);
    assertThat(r.remoteClosed).isTrue();
    assertThat(session.streamCount()).as("our side is still open").isEqualTo(1);
  }

  @Test
  void ackFinWindowUpdateAcknowledgesAndHalfCloses() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStreamImpl s = (YamuxStreamImpl) open();
    Recorder r = new Recorder();
    s.handler(r);
    assertThat(s.closeWrite().isSuccess()).isTrue();
    in(YamuxFrame.windowUpdate(1, YamuxFlags.ACK | YamuxFlags.FIN, 0));
    assertThat(s.isAcknowledged()).isTrue();
    assertThat(r.remoteClosed).isTrue();
    assertThat(s.closeFuture().isSuccess()).isTrue();
    assertThat(session.streamCount()).isZero();
    // js-yamux sends window updates after FIN: ignored, session stays up.
    in(YamuxFrame.windowUpdate(1, 0, 1000));
    in(YamuxFrame.data(1, 0, bytes(10, 2)));
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void rstOnWindowUpdateResetsTheStreamAndFailsPendingWrites() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStream s = open();
    Recorder r = new Recorder();
    s.handler(r);
    Future<Void> first = s.write(bytes(WINDOW, 3));
    Future<Void> blocked = s.write(bytes(1000, 4));
    assertThat(first.isSuccess()).isTrue();
    assertThat(blocked.isDone()).isFalse();
    in(YamuxFrame.windowUpdate(1, YamuxFlags.RST, 0));
    assertThat(blocked.cause()).isInstanceOf(YamuxStreamResetException.class);
    assertThat(r.resetCause).isInstanceOf(YamuxStreamResetException.class);
    assertThat(s.closeFuture().cause()).isInstanceOf(YamuxStreamResetException.class);
    assertThat(s.write(bytes(1, 5)).cause()).isInstanceOf(YamuxStreamResetException.class);
    assertThat(session.streamCount()).isZero();
  }

  @Test
  void framesForUnknownStreamsAreIgnored() {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    in(YamuxFrame.data(99, 0, bytes(10, 1)));
    in(YamuxFrame.windowUpdate(77, 0, 5));
    in(YamuxFrame.windowUpdate(41, YamuxFlags.FIN | YamuxFlags.ACK, 0));
    in(YamuxFrame.windowUpdate(43, YamuxFlags.RST, 0));
    assertThat(drain(ch)).isEmpty();
    assertThat(ch.isOpen()).isTrue();
    assertThat(session.isOpen()).isTrue();
  }

  // ------------------------------------------------------------------ limits

  @Test
  void unacknowledgedInboundStreamsAreCappedWithRst() {
    int cap = 4;
    start(YamuxRole.LISTENER, NO_KEEPALIVE.withStreamLimits(cap, 100));
    for (int i = 0; i < cap; i++) {
      in(YamuxFrame.windowUpdate(1 + 2 * i, YamuxFlags.SYN, 0));
    }
    assertThat(drain(ch)).isEmpty();
    in(YamuxFrame.windowUpdate(1 + 2 * cap, YamuxFlags.SYN, 0));
    List<Sent> out = drain(ch);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).streamId()).isEqualTo(1 + 2 * cap);
    assertThat(out.get(0).has(YamuxFlags.RST)).isTrue();
    assertThat(accepted).hasSize(cap);
    accepted.get(0).handler(new Recorder()); // ACK frees one slot
    assertThat(drain(ch)).singleElement().matches(s -> s.has(YamuxFlags.ACK));
    in(YamuxFrame.windowUpdate(101, YamuxFlags.SYN, 0));
    assertThat(accepted).hasSize(cap + 1);
    assertThat(drain(ch)).isEmpty();
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void concurrentStreamsAreCappedBothWays() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE.withStreamLimits(10, 2));
    open();
    in(YamuxFrame.windowUpdate(2, YamuxFlags.SYN, 0));
    assertThat(session.openStream().cause()).isInstanceOf(YamuxLimitException.class);
    drain(ch);
    in(YamuxFrame.windowUpdate(4, YamuxFlags.SYN, 0));
    assertThat(drain(ch)).singleElement().matches(s -> s.has(YamuxFlags.RST));
  }

  @Test
  void pendingWritesAreBounded() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE.withMaxPendingWriteBytes(64 * 1024));
    YamuxStream s = open();
    assertThat(s.write(bytes(WINDOW + 64 * 1024, 1)).isDone()).isFalse();
    Future<Void> over = s.write(bytes(1, 2));
    assertThat(over.cause()).isInstanceOf(YamuxLimitException.class)
        .hasMessageContaining("maxPendingWriteBytes");
    assertThat(s.pendingWriteBytes()).isEqualTo(64 * 1024);
  }

  // ------------------------------------------------------------------ flow control

  @Test
  void windowExhaustionBlocksWritesUntilAnUpdate() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStream s = open();
    drain(ch);
    int total = WINDOW + 50_000;
    Future<Void> w = s.write(bytes(total, 7));
    List<Sent> out = drain(ch);
    assertThat(out).allMatch(f -> f.type() == YamuxFrameType.DATA && f.streamId() == 1);
    assertThat(out).allMatch(f -> f.length() <= YamuxConfig.DEFAULT_MAX_DATA_FRAME_BYTES);
    assertThat(out.stream().mapToLong(Sent::length).sum()).isEqualTo(WINDOW);
    assertThat(w.isDone()).isFalse();
    assertThat(s.sendWindow()).isZero();
    assertThat(s.pendingWriteBytes()).isEqualTo(50_000);
    in(YamuxFrame.windowUpdate(1, 0, 20_000));
    assertThat(drain(ch).stream().mapToLong(Sent::length).sum()).isEqualTo(20_000);
    assertThat(w.isDone()).isFalse();
    in(YamuxFrame.windowUpdate(1, 0, 100_000));
    assertThat(drain(ch).stream().mapToLong(Sent::length).sum()).isEqualTo(30_000);
    assertThat(w.isSuccess()).isTrue();
    assertThat(s.sendWindow()).isEqualTo(70_000);
  }

  @Test
  void writesWaitWhileTheConnectionIsNotWritableThenResumeInTurn() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStream a = open();
    YamuxStream b = open();
    drain(ch);
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    assertThat(ch.isWritable()).isFalse();
    Future<Void> wa = a.write(bytes(1000, 1));
    Future<Void> wb = b.write(bytes(2000, 2));
    Future<Void> wa2 = a.write(bytes(3000, 3));
    assertThat(drain(ch)).as("nothing piles up in the connection's buffer").isEmpty();
    assertThat(a.pendingWriteBytes()).isEqualTo(4000);
    // EmbeddedChannel runs queued writability events inside writes: this also proves that a
    // nested drain does not send or release anything twice.
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    ch.runPendingTasks();
    List<Sent> out = drain(ch);
    assertThat(out).filteredOn(f -> f.streamId() == 1).extracting(Sent::length)
        .containsExactly(1000L, 3000L);
    assertThat(out).filteredOn(f -> f.streamId() == 3).extracting(Sent::length)
        .containsExactly(2000L);
    assertThat(wa.isSuccess() && wb.isSuccess() && wa2.isSuccess()).isTrue();
  }

  @Test
  void aPeerFloodingPingsWithoutReadingIsCutOff() {
    int limit = YamuxConfig.DEFAULT_MAX_PING_REPLIES_WHILE_UNWRITABLE;
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    for (int i = 0; i < limit; i++) {
      in(YamuxFrame.ping(YamuxFlags.SYN, i));
    }
    assertThat(session.isOpen()).isTrue();
    in(YamuxFrame.ping(YamuxFlags.SYN, limit));
    assertThat(session.closeFuture().cause()).isInstanceOf(YamuxProtocolException.class)
        .hasMessageContaining("maxPingRepliesWhileUnwritable");
  }

  @Test
  void creditIsReturnedOnlyWhenTheConsumerReads() {
    Recorder r = new Recorder();
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> {
      s.setAutoRead(false);
      s.handler(r);
    });
    in(YamuxFrame.windowUpdate(1, YamuxFlags.SYN, 0));
    YamuxStream s = session.streamSnapshot().get(0);
    drain(ch); // ACK
    in(YamuxFrame.data(1, 0, bytes(WINDOW / 2, 1)));
    in(YamuxFrame.data(1, 0, bytes(WINDOW / 2, 2)));
    assertThat(s.readableBytes()).isEqualTo(WINDOW);
    assertThat(r.size()).isZero();
    assertThat(drain(ch)).as("no credit while nothing was consumed").isEmpty();
    // The window is full: one more byte is a protocol violation.
    s.read();
    assertThat(r.size()).isEqualTo(WINDOW);
    List<Sent> out = drain(ch);
    assertThat(out).extracting(Sent::type).containsOnly(YamuxFrameType.WINDOW_UPDATE);
    assertThat(out.stream().mapToLong(Sent::length).sum()).isEqualTo(WINDOW);
    assertThat(s.readableBytes()).isZero();
  }

  @Test
  void aHandlerPausesMidBatchByTurningAutoReadOff() {
    List<Integer> sizes = new ArrayList<>();
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> {
      s.setAutoRead(false);
      s.handler((st, data) -> {
        sizes.add(data.readableBytes());
        data.release();
        st.setAutoRead(false);
      });
    });
    in(YamuxFrame.data(1, YamuxFlags.SYN, bytes(1000, 1)));
    in(YamuxFrame.data(1, 0, bytes(2000, 2)));
    in(YamuxFrame.data(1, 0, bytes(3000, 3)));
    YamuxStream s = session.streamSnapshot().get(0);
    assertThat(sizes).isEmpty();
    s.setAutoRead(true);
    assertThat(sizes).containsExactly(1000);
    assertThat(s.readableBytes()).isEqualTo(5000);
    s.read();
    assertThat(sizes).as("read() hands over everything buffered").containsExactly(1000, 2000, 3000);
  }

  @Test
  void readWithNothingBufferedDeliversTheNextArrivalOnly() {
    Recorder r = new Recorder();
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> {
      s.setAutoRead(false);
      s.handler(r);
    });
    in(YamuxFrame.windowUpdate(1, YamuxFlags.SYN, 0));
    YamuxStream s = session.streamSnapshot().get(0);
    s.read();
    in(YamuxFrame.data(1, 0, bytes(10, 1)));
    assertThat(r.chunks).isEqualTo(1);
    in(YamuxFrame.data(1, YamuxFlags.FIN, bytes(20, 2)));
    assertThat(r.chunks).isEqualTo(1);
    assertThat(r.remoteClosed).isFalse();
    assertThat(s.readableBytes()).isEqualTo(20);
    s.read();
    assertThat(r.size()).isEqualTo(30);
    assertThat(r.remoteClosed).isTrue();
  }

  @Test
  void dataBeyondTheWindowIsAProtocolErrorWithGoAway() {
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> {
      s.setAutoRead(false);
      s.handler(new Recorder());
    });
    in(YamuxFrame.data(1, YamuxFlags.SYN, bytes(WINDOW, 1)));
    drain(ch);
    in(YamuxFrame.data(1, 0, bytes(1, 2)));
    List<Sent> out = drain(ch);
    assertThat(out).singleElement().matches(f -> f.type() == YamuxFrameType.GO_AWAY
        && f.length() == YamuxGoAwayCode.PROTOCOL_ERROR.code());
    assertThat(ch.isOpen()).isFalse();
    assertThat(session.closeFuture().cause()).isInstanceOf(YamuxProtocolException.class)
        .hasMessageContaining("window");
  }

  @Test
  void aLargerReceiveWindowIsAnnouncedOnSynAndAckAndHonoured() throws Exception {
    int window = 4 * WINDOW;
    Recorder r = new Recorder();
    start(YamuxRole.DIALER, NO_KEEPALIVE.withReceiveWindow(window), s -> {
      s.setAutoRead(false);
      s.handler(r);
    });
    open();
    assertThat(drain(ch)).singleElement()
        .matches(f -> f.has(YamuxFlags.SYN) && f.length() == window - WINDOW);
    in(YamuxFrame.windowUpdate(2, YamuxFlags.SYN, 0));
    assertThat(drain(ch)).singleElement()
        .matches(f -> f.flags() == YamuxFlags.ACK && f.length() == window - WINDOW);
    for (int i = 0; i < 4; i++) {
      in(YamuxFrame.data(2, 0, bytes(WINDOW, i)));
    }
    assertThat(session.isOpen()).isTrue();
    assertThat(session.streamSnapshot()).filteredOn(s -> s.id() == 2).singleElement()
        .matches(s -> s.readableBytes() == window);
    in(YamuxFrame.data(2, 0, bytes(1, 9)));
    assertThat(session.closeFuture().cause()).isInstanceOf(YamuxProtocolException.class);
  }

  // ------------------------------------------------------------------ close and reset

  @Test
  void halfCloseOursThenTheirs() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStream s = open();
    Recorder r = new Recorder();
    s.handler(r);
    s.write(bytes(10, 1));
    assertThat(s.closeWrite().isSuccess()).isTrue();
    List<Sent> out = drain(ch);
    Sent fin = out.get(out.size() - 1);
    assertThat(fin.has(YamuxFlags.FIN)).isTrue();
    assertThat(s.write(bytes(1, 1)).cause()).isInstanceOf(YamuxStreamClosedException.class);
    in(YamuxFrame.data(1, YamuxFlags.ACK, bytes(20, 2)));
    assertThat(r.size()).as("reading continues after our FIN").isEqualTo(20);
    assertThat(s.closeFuture().isDone()).isFalse();
    in(YamuxFrame.data(1, YamuxFlags.FIN, bytes(5, 3)));
    assertThat(r.size()).isEqualTo(25);
    assertThat(r.remoteClosed).isTrue();
    assertThat(s.closeFuture().isSuccess()).isTrue();
    assertThat(session.streamCount()).isZero();
  }

  @Test
  void halfCloseTheirsThenOurs() throws Exception {
    Recorder r = new Recorder();
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> s.handler(r));
    in(YamuxFrame.data(1, YamuxFlags.SYN, bytes(3, 1)));
    in(YamuxFrame.windowUpdate(1, YamuxFlags.FIN, 0));
    assertThat(r.remoteClosed).isTrue();
    YamuxStream s = session.streamSnapshot().get(0);
    assertThat(s.isRemoteClosed()).isTrue();
    drain(ch);
    assertThat(s.write(bytes(40, 2)).isSuccess()).as("writing continues after their FIN").isTrue();
    assertThat(s.closeWrite().isSuccess()).isTrue();
    List<Sent> out = drain(ch);
    assertThat(out).extracting(Sent::length).containsExactly(40L, 0L);
    assertThat(out.get(1).has(YamuxFlags.FIN)).isTrue();
    assertThat(s.closeFuture().isSuccess()).isTrue();
  }

  @Test
  void localResetSendsRstAndFailsEverything() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStream s = open();
    Recorder r = new Recorder();
    s.setAutoRead(false);
    s.handler(r);
    in(YamuxFrame.data(1, YamuxFlags.ACK, bytes(100, 1)));
    s.write(bytes(WINDOW, 1));
    Future<Void> queued = s.write(bytes(10, 2));
    drain(ch);
    assertThat(s.reset().isSuccess()).isTrue();
    assertThat(drain(ch)).singleElement()
        .matches(f -> f.has(YamuxFlags.RST) && f.streamId() == 1);
    assertThat(queued.cause()).isInstanceOf(YamuxStreamResetException.class);
    assertThat(s.readableBytes()).as("buffered bytes dropped").isZero();
    assertThat(r.resetCause).isNotNull();
    assertThat(session.streamCount()).isZero();
    in(YamuxFrame.data(1, 0, bytes(10, 3))); // late data for the reset stream
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void aThrowingHandlerResetsOnlyItsStream() {
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> s.handler((st, data) -> {
      data.release();
      throw new IllegalStateException("application bug");
    }));
    in(YamuxFrame.data(1, YamuxFlags.SYN, bytes(3, 1)));
    List<Sent> out = drain(ch);
    assertThat(out).extracting(Sent::flags).containsExactly(YamuxFlags.ACK, YamuxFlags.RST);
    assertThat(session.isOpen()).isTrue();
  }

  @Test
  void framesWrittenDuringAReadWithoutReadCompleteAreStillFlushed() {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    // As a handler forwarding leftover bytes would: a read with no read-complete behind it.
    ch.pipeline().fireChannelRead(YamuxFrame.ping(YamuxFlags.SYN, 7));
    ch.runPendingTasks();
    assertThat(drain(ch)).singleElement().matches(f -> f.has(YamuxFlags.ACK) && f.length() == 7);
  }

  // ------------------------------------------------------------------ ping and go-away

  @Test
  void pingsAreAnsweredWithAckAndTheSameOpaqueValue() {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    in(YamuxFrame.ping(YamuxFlags.SYN, 0xDEADBEEFL));
    assertThat(drain(ch)).singleElement().matches(s -> s.type() == YamuxFrameType.PING
        && s.flags() == YamuxFlags.ACK && s.streamId() == 0 && s.length() == 0xDEADBEEFL);
  }

  @Test
  void ourPingCompletesOnTheMatchingAck() {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    Future<Duration> rtt = session.ping();
    Sent ping = drain(ch).get(0);
    assertThat(ping.type()).isEqualTo(YamuxFrameType.PING);
    assertThat(ping.flags()).isEqualTo(YamuxFlags.SYN);
    in(YamuxFrame.ping(YamuxFlags.ACK, ping.length() + 1)); // not ours
    assertThat(rtt.isDone()).isFalse();
    in(YamuxFrame.ping(YamuxFlags.ACK, ping.length()));
    assertThat(rtt.isSuccess()).isTrue();
  }

  @Test
  void keepalivePingsAndAnUnansweredPingClosesTheSession() {
    ch = new EmbeddedChannel();
    ch.freezeTime();
    session = new YamuxSessionHandler(ch, YamuxRole.DIALER,
        YamuxConfig.defaults().withKeepAliveInterval(Duration.ofSeconds(1))
            .withPingTimeout(Duration.ofSeconds(3)).withoutWindowAutoTuning(), accepted::add, YamuxTestSupport.refusals());
    ch.pipeline().addLast(session);
    ch.advanceTimeBy(1, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    Sent first = drain(ch).get(0);
    assertThat(first.type()).isEqualTo(YamuxFrameType.PING);
    in(YamuxFrame.ping(YamuxFlags.ACK, first.length()));
    ch.advanceTimeBy(1, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(drain(ch)).singleElement().matches(s -> s.type() == YamuxFrameType.PING);
    for (int i = 0; i < 3; i++) {
      ch.advanceTimeBy(1, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
    }
    assertThat(session.closeFuture().cause()).isInstanceOf(YamuxTimeoutException.class);
    assertThat(drain(ch)).anyMatch(s -> s.type() == YamuxFrameType.GO_AWAY);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void autoTuningProbesTheRoundTripOnceAndAnUnansweredProbeDoesNotEndTheSession() {
    ch = new EmbeddedChannel();
    ch.freezeTime();
    session = new YamuxSessionHandler(ch, YamuxRole.DIALER, YamuxConfig.defaults()
        .withKeepAliveInterval(Duration.ZERO).withPingTimeout(Duration.ofSeconds(3)),
        accepted::add, YamuxTestSupport.refusals());
    ch.pipeline().addLast(session);
    Sent probe = drain(ch).get(0);
    assertThat(probe.type()).isEqualTo(YamuxFrameType.PING);
    assertThat(probe.flags()).isEqualTo(YamuxFlags.SYN);
    for (int i = 0; i < 5; i++) {
      ch.advanceTimeBy(1, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
    }
    assertThat(drain(ch)).as("one probe, no keepalive, no go-away").isEmpty();
    assertThat(session.closeFuture().isDone()).isFalse();
    assertThat(session.windowTuner().roundTripNanos()).isZero();
    in(YamuxFrame.ping(YamuxFlags.ACK, probe.length()));
    assertThat(session.windowTuner().roundTripNanos()).as("a late answer is ignored").isZero();
  }

  @Test
  void beforeAnyWindowGrewADataFrameBeyondTheInitialWindowIsAProtocolError() {
    EmbeddedChannel raw = new EmbeddedChannel();
    YamuxSession s = Yamux.install(raw, YamuxRole.LISTENER,
        YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO), accepted::add, YamuxTestSupport.refusals());
    ByteBuf header = raw.alloc().buffer(YamuxFrame.HEADER_LENGTH);
    header.writeByte(YamuxFrame.VERSION).writeByte(0).writeShort(YamuxFlags.SYN).writeInt(1)
        .writeInt(WINDOW + 1);
    raw.writeInbound(header);
    assertThat(s.closeFuture().cause()).as("auto-tuning's 16 MiB ceiling is not the bound yet")
        .isInstanceOf(YamuxProtocolException.class);
    raw.finishAndReleaseAll();
  }

  @Test
  void anAnsweredProbeGivesTheTunerItsRoundTrip() {
    start(YamuxRole.LISTENER, YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO));
    Sent probe = drain(ch).get(0);
    assertThat(probe.type()).isEqualTo(YamuxFrameType.PING);
    in(YamuxFrame.ping(YamuxFlags.ACK, probe.length()));
    assertThat(session.windowTuner().roundTripNanos()).isPositive();
    assertThat(session.isOpen()).isTrue();
  }

  @Test
  void closeSendsGoAwayResetsStreamsAndClosesTheConnection() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStream s = open();
    drain(ch);
    Future<Void> closed = session.close();
    assertThat(drain(ch)).singleElement().matches(f -> f.type() == YamuxFrameType.GO_AWAY
        && f.length() == YamuxGoAwayCode.NORMAL.code());
    assertThat(closed.isSuccess()).isTrue();
    assertThat(ch.isOpen()).isFalse();
    assertThat(s.closeFuture().cause()).isInstanceOf(YamuxStreamResetException.class);
    assertThat(session.closeFuture().isSuccess()).isTrue();
    assertThat(session.openStream().cause()).isInstanceOf(YamuxSessionClosedException.class);
  }

  @Test
  void afterOurGoAwayNewStreamsAreRefused() {
    start(YamuxRole.LISTENER, NO_KEEPALIVE);
    assertThat(session.goAway().isSuccess()).isTrue();
    drain(ch);
    in(YamuxFrame.windowUpdate(1, YamuxFlags.SYN, 0));
    assertThat(drain(ch)).singleElement().matches(f -> f.has(YamuxFlags.RST));
    assertThat(accepted).isEmpty();
  }

  @Test
  void theirGoAwayStopsNewStreamsAndAnErrorCodeEndsTheSession() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    YamuxStream s = open();
    in(YamuxFrame.goAway(YamuxGoAwayCode.NORMAL));
    assertThat(session.isRemoteGoAway()).isTrue();
    assertThat(session.openStream().cause()).isInstanceOf(YamuxSessionClosedException.class);
    assertThat(s.write(Unpooled.wrappedBuffer(new byte[] {1})).isSuccess())
        .as("existing streams continue").isTrue();
    in(YamuxFrame.goAway(YamuxGoAwayCode.INTERNAL_ERROR));
    assertThat(session.closeFuture().cause()).isInstanceOf(YamuxSessionClosedException.class);
    assertThat(((YamuxSessionClosedException) session.closeFuture().cause()).code())
        .isEqualTo(YamuxGoAwayCode.INTERNAL_ERROR);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void malformedBytesThroughTheFullPipelineEndInGoAway() {
    ch = new EmbeddedChannel();
    YamuxSession full = Yamux.install(ch, YamuxRole.DIALER, NO_KEEPALIVE, accepted::add, YamuxTestSupport.refusals());
    ByteBuf junk = ByteBufAllocator.DEFAULT.buffer();
    junk.writeBytes(HexFormat.of().parseHex("0700000000000001000000ff"));
    ch.writeInbound(junk);
    ByteBuf out = ch.readOutbound();
    assertThat(ByteBufUtil.hexDump(out)).isEqualTo("000300000000000000000001");
    out.release();
    assertThat(full.closeFuture().cause()).isInstanceOf(YamuxProtocolException.class)
        .hasMessageContaining("version 7");
    assertThat(ch.isOpen()).isFalse();
  }
}
