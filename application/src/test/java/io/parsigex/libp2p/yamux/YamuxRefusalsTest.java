package io.parsigex.libp2p.yamux;

import static io.parsigex.libp2p.yamux.YamuxTestSupport.bytes;
import static io.parsigex.libp2p.yamux.YamuxTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parsigex.common.log.RateLimitedLog;
import io.parsigex.libp2p.yamux.YamuxTestSupport.Recorder;
import io.parsigex.testsupport.NettyLeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.event.Level;

/**
 * Every refusal of Yamux's own limits and checks moves its counter (and only its counter), on an
 * EmbeddedChannel frame by frame; a flood of refusals writes a bounded number of log lines.
 */
@ExtendWith(NettyLeakCheck.class)
class YamuxRefusalsTest {

  private static final int WINDOW = YamuxConfig.INITIAL_WINDOW;
  private static final YamuxConfig NO_KEEPALIVE =
      YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO).withoutWindowAutoTuning();

  private final List<YamuxStream> accepted = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong();
  private RateLimitedLog log;
  private YamuxRefusals refusals;
  private EmbeddedChannel ch;
  private YamuxSessionHandler session;

  @BeforeEach
  void counters() {
    log = new RateLimitedLog(NOPLogger.NOP_LOGGER, Level.INFO, Duration.ofSeconds(10),
        clock::get, false);
    refusals = new YamuxRefusals(log);
  }

  private void start(YamuxRole role, YamuxConfig config, YamuxStreamAcceptor acceptor) {
    ch = new EmbeddedChannel();
    session = new YamuxSessionHandler(ch, role, config, acceptor, refusals);
    ch.pipeline().addLast(session);
  }

  private void start(YamuxRole role, YamuxConfig config) {
    start(role, config, accepted::add);
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

  /** Asserts the counts: {@code reason} at {@code n}, every other reason at zero. */
  private void assertOnly(YamuxRefusal reason, long n) {
    Map<YamuxRefusal, Long> expected = new EnumMap<>(YamuxRefusal.class);
    for (YamuxRefusal r : YamuxRefusal.values()) {
      expected.put(r, r == reason ? n : 0L);
    }
    assertThat(refusals.snapshot()).isEqualTo(expected);
  }

  @Test
  void streamsBeyondTheUnacknowledgedCapAreCountedAndLoggedRateLimited() {
    int cap = 4;
    int flood = 2000;
    start(YamuxRole.LISTENER, NO_KEEPALIVE.withStreamLimits(cap, 10_000));
    for (int i = 0; i < cap + flood; i++) {
      in(YamuxFrame.windowUpdate(1 + 2 * i, YamuxFlags.SYN, 0));
    }
    assertThat(drain(ch)).hasSize(flood).allMatch(s -> s.has(YamuxFlags.RST));
    assertOnly(YamuxRefusal.UNACKED_STREAMS, flood);
    assertThat(log.linesWritten()).as("one line, then a summary per window").isEqualTo(1);
    clock.addAndGet(Duration.ofSeconds(11).toNanos());
    log.flush();
    assertThat(log.linesWritten()).isEqualTo(2);
    assertThat(session.isOpen()).isTrue();
  }

  @Test
  void streamsBeyondTheConcurrentCapAreCounted() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE.withStreamLimits(10, 2));
    assertThat(session.openStream().isSuccess()).isTrue();
    in(YamuxFrame.windowUpdate(2, YamuxFlags.SYN, 0));
    drain(ch);
    in(YamuxFrame.windowUpdate(4, YamuxFlags.SYN, 0));
    assertThat(drain(ch)).singleElement().matches(s -> s.has(YamuxFlags.RST));
    assertOnly(YamuxRefusal.STREAM_LIMIT, 1);
    assertThat(session.openStream().cause()).isInstanceOf(YamuxLimitException.class);
    assertThat(refusals.count(YamuxRefusal.OUTBOUND_STREAM_LIMIT)).isEqualTo(1);
    assertThat(YamuxRefusal.OUTBOUND_STREAM_LIMIT.peersFault()).isFalse();
  }

  @Test
  void streamsOpenedAfterOurGoAwayAreCounted() {
    start(YamuxRole.LISTENER, NO_KEEPALIVE);
    assertThat(session.goAway().isSuccess()).isTrue();
    drain(ch);
    in(YamuxFrame.windowUpdate(1, YamuxFlags.SYN, 0));
    assertThat(drain(ch)).singleElement().matches(s -> s.has(YamuxFlags.RST));
    assertOnly(YamuxRefusal.AFTER_GO_AWAY, 1);
  }

  @Test
  void dataBeyondTheWindowIsCountedAsAWindowViolation() {
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> {
      s.setAutoRead(false);
      s.handler(new Recorder());
    });
    in(YamuxFrame.windowUpdate(1, YamuxFlags.SYN, 0));
    in(YamuxFrame.data(1, 0, bytes(WINDOW, 1)));
    assertThat(refusals.snapshot().values()).allMatch(n -> n == 0);
    in(YamuxFrame.data(1, 0, bytes(1, 2)));
    assertOnly(YamuxRefusal.WINDOW_VIOLATION, 1);
    assertThat(session.isOpen()).isFalse();
  }

  @Test
  void aWindowGrownBeyondTheMaximumIsCounted() throws Exception {
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    assertThat(session.openStream().isSuccess()).isTrue();
    in(YamuxFrame.windowUpdate(1, YamuxFlags.ACK, YamuxConfig.MAX_WINDOW));
    assertOnly(YamuxRefusal.WINDOW_OVERFLOW, 1);
  }

  @Test
  void aPingFloodIsCounted() {
    int limit = YamuxConfig.DEFAULT_MAX_PING_REPLIES_WHILE_UNWRITABLE;
    start(YamuxRole.DIALER, NO_KEEPALIVE);
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    for (int i = 0; i <= limit; i++) {
      in(YamuxFrame.ping(YamuxFlags.SYN, i));
    }
    assertOnly(YamuxRefusal.PING_FLOOD, 1);
  }

  @Test
  void otherProtocolErrorsAreCounted() {
    start(YamuxRole.LISTENER, NO_KEEPALIVE);
    in(YamuxFrame.windowUpdate(2, YamuxFlags.SYN, 0)); // a listener's id, opened by the dialer
    assertOnly(YamuxRefusal.PROTOCOL_ERROR, 1);
    assertThat(YamuxRefusal.PROTOCOL_ERROR.peersFault()).isTrue();
  }

  @Test
  void aFailingHandlerIsCountedAsOurFault() {
    start(YamuxRole.LISTENER, NO_KEEPALIVE, s -> s.handler((st, data) -> {
      data.release();
      throw new IllegalStateException("application bug");
    }));
    in(YamuxFrame.data(1, YamuxFlags.SYN, bytes(3, 1)));
    assertOnly(YamuxRefusal.HANDLER_FAILED, 1);
    assertThat(YamuxRefusal.HANDLER_FAILED.faultLabel()).isEqualTo("node");
    assertThat(session.isOpen()).isTrue();
  }
}
