package io.parsigex.libp2p.yamux;

import static io.parsigex.libp2p.yamux.YamuxTestSupport.bytes;
import static io.parsigex.libp2p.yamux.YamuxTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parsigex.testsupport.NettyLeakCheck;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seeded random frame sequences against a session whose application also behaves randomly: no
 * unchecked exception escapes, every buffer is released (leak check), the stream caps and the
 * receive-buffer bound hold, and a session that ends does so with a typed error.
 */
@ExtendWith(NettyLeakCheck.class)
class YamuxSessionFuzzTest {

  private static final int RUNS = 200;
  private static final int FRAMES_PER_RUN = 60;
  private static final int ID_SPACE = 12;
  private static final YamuxConfig CONFIG = YamuxConfig.defaults()
      .withKeepAliveInterval(Duration.ZERO).withStreamLimits(3, 5).withoutWindowAutoTuning();

  @Test
  void randomFramesAndRandomApplicationsNeverEscapeOrLeak() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int run = 0; run < RUNS; run++) {
      runOnce(rnd, seed, run);
    }
    System.out.println("fuzz: " + survived + " of " + RUNS + " sessions survived " + FRAMES_PER_RUN
        + " frames (seed " + seed + ")");
    assertThat(survived).as("the generator must reach deep states, seed %d", seed)
        .isGreaterThan(RUNS / 10);
  }

  private int survived;

  private void runOnce(Random rnd, long seed, int run) {
    EmbeddedChannel ch = new EmbeddedChannel();
    YamuxRole role = rnd.nextBoolean() ? YamuxRole.DIALER : YamuxRole.LISTENER;
    YamuxSessionHandler session = new YamuxSessionHandler(ch, role, CONFIG,
        s -> behave(s, new Random(rnd.nextLong())), YamuxTestSupport.refusals());
    ch.pipeline().addLast(session);
    String where = "seed " + seed + " run " + run;
    for (int i = 0; i < FRAMES_PER_RUN && ch.isOpen(); i++) {
      if (rnd.nextInt(10) == 0) {
        session.openStream().addListener(f -> {
          if (f.isSuccess()) {
            behave((YamuxStream) f.getNow(), new Random(seed + run));
          }
        });
      }
      ch.writeInbound(randomFrame(rnd, role));
      ch.checkException();
      drain(ch);
      assertThat(session.streamCount()).as(where).isLessThanOrEqualTo(
          CONFIG.maxConcurrentStreams());
      for (YamuxStream s : session.streamSnapshot()) {
        assertThat(s.readableBytes()).as(where).isLessThanOrEqualTo(CONFIG.receiveWindow());
      }
    }
    if (!session.isOpen() && session.closeFuture().isDone()) {
      Throwable cause = session.closeFuture().cause();
      assertThat(cause == null || cause instanceof YamuxException).as(where + ": " + cause)
          .isTrue();
    }
    if (session.isOpen()) {
      survived++;
    }
    drain(ch);
    ch.finishAndReleaseAll();
  }

  private static void behave(YamuxStream s, Random rnd) {
    switch (rnd.nextInt(6)) {
      case 0 -> { } // ignore: stays unacknowledged
      case 1 -> s.reset();
      case 2 -> {
        s.setAutoRead(false);
        s.handler((st, data) -> data.release());
      }
      case 3 -> s.handler(new YamuxStreamHandler() {
        @Override
        public void onData(YamuxStream st, ByteBuf data) {
          st.write(data); // echo
        }

        @Override
        public void onRemoteClose(YamuxStream st) {
          st.closeWrite();
        }
      });
      case 4 -> s.handler((st, data) -> {
        data.release();
        throw new IllegalStateException("application bug");
      });
      default -> {
        s.handler((st, data) -> data.release());
        s.write(bytes(rnd.nextInt(70_000), 1));
        if (rnd.nextBoolean()) {
          s.closeWrite();
        }
      }
    }
  }

  /** Mostly well-formed traffic (so runs go deep), with rare outright violations. */
  private static YamuxFrame randomFrame(Random rnd, YamuxRole role) {
    int peerParity = role == YamuxRole.DIALER ? 0 : 1;
    int id = rnd.nextInt(50) == 0 ? rnd.nextInt(ID_SPACE)
        : 2 * (1 + rnd.nextInt(ID_SPACE / 2)) - peerParity;
    if (rnd.nextInt(4) == 0) {
      id = 2 * (1 + rnd.nextInt(ID_SPACE / 2)) - (1 - peerParity); // a stream we opened
    }
    boolean ours = id != 0 && (id & 1) == (role == YamuxRole.DIALER ? 1 : 0);
    int flags = (rnd.nextInt(ours ? 200 : 12) == 0 ? YamuxFlags.SYN : 0)
        | (rnd.nextInt(4) == 0 ? YamuxFlags.ACK : 0)
        | (rnd.nextInt(6) == 0 ? YamuxFlags.FIN : 0)
        | (rnd.nextInt(15) == 0 ? YamuxFlags.RST : 0);
    return switch (rnd.nextInt(5)) {
      case 0, 1 -> {
        int size = rnd.nextInt(20) == 0 ? YamuxConfig.INITIAL_WINDOW : rnd.nextInt(40_000);
        yield YamuxFrame.data(id, flags, bytes(size, id));
      }
      case 2 -> YamuxFrame.windowUpdate(id, flags,
          rnd.nextInt(30) == 0 ? YamuxFrame.MAX_LENGTH : rnd.nextInt(300_000));
      case 3 -> YamuxFrame.ping(rnd.nextInt(4), rnd.nextLong() & YamuxFrame.MAX_LENGTH);
      default -> rnd.nextInt(12) == 0
          ? YamuxFrame.goAway(YamuxGoAwayCode.values()[rnd.nextInt(3)])
          : YamuxFrame.windowUpdate(id, flags, rnd.nextInt(1000));
    };
  }
}
