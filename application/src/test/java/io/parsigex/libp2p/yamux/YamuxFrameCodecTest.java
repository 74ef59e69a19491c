package io.parsigex.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parsigex.testsupport.NettyLeakCheck;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakCheck.class)
class YamuxFrameCodecTest {

  private static final int MAX_DATA = YamuxConfig.INITIAL_WINDOW;
  private static final int ROUNDS = 300;

  /** Records what the decoder emits: frames and typed errors. */
  private static final class Sink extends ChannelInboundHandlerAdapter {
    final List<YamuxFrame> frames = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      frames.add((YamuxFrame) msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.add(cause);
    }

    void releaseAll() {
      frames.forEach(YamuxFrame::release);
    }
  }

  private static byte[] encode(YamuxFrame frame) {
    EmbeddedChannel enc = new EmbeddedChannel(new YamuxFrameEncoder());
    enc.writeOutbound(frame);
    ByteBuf out = Unpooled.buffer();
    for (ByteBuf b; (b = enc.readOutbound()) != null; ) {
      out.writeBytes(b);
      b.release();
    }
    enc.finishAndReleaseAll();
    return ByteBufUtil.getBytes(out);
  }

  @Test
  void headersAreBigEndianAsTheSpecSays() {
    // Spec: version, type, flags(16), stream id(32), length(32), all network order.
    assertThat(HexFormat.of().formatHex(encode(YamuxFrame.windowUpdate(1, YamuxFlags.SYN, 0))))
        .isEqualTo("000100010000000100000000");
    assertThat(HexFormat.of().formatHex(encode(YamuxFrame.ping(YamuxFlags.ACK, 0xCAFEBABEL))))
        .isEqualTo("00020002" + "00000000" + "cafebabe");
    assertThat(HexFormat.of().formatHex(encode(YamuxFrame.goAway(YamuxGoAwayCode.PROTOCOL_ERROR))))
        .isEqualTo("000300000000000000000001");
    byte[] data = encode(YamuxFrame.data(0xFFFFFFFE, YamuxFlags.FIN | YamuxFlags.ACK,
        Unpooled.wrappedBuffer(new byte[] {7, 8, 9})));
    assertThat(HexFormat.of().formatHex(data)).isEqualTo("00000006fffffffe00000003070809");
  }

  @Test
  void randomFramesRoundTripAcrossArbitrarySplits() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      List<byte[]> expectedPayloads = new ArrayList<>();
      List<YamuxFrame> sent = new ArrayList<>();
      ByteBuf wire = Unpooled.buffer();
      int count = 1 + rnd.nextInt(5);
      for (int i = 0; i < count; i++) {
        YamuxFrame f = randomFrame(rnd);
        expectedPayloads.add(ByteBufUtil.getBytes(f.data()));
        sent.add(f); // header fields stay readable after the payload is released
        wire.writeBytes(encode(f.retain()));
        f.release();
      }
      Sink sink = new Sink();
      EmbeddedChannel dec = new EmbeddedChannel(new YamuxFrameDecoder(MAX_DATA), sink);
      while (wire.isReadable()) {
        int n = Math.min(wire.readableBytes(), 1 + rnd.nextInt(40));
        ByteBuf part = ByteBufAllocator.DEFAULT.buffer(n);
        part.writeBytes(wire, n);
        dec.writeInbound(part);
      }
      assertThat(sink.errors).as("seed %d", seed).isEmpty();
      assertThat(sink.frames).as("seed %d", seed).hasSize(count);
      for (int i = 0; i < count; i++) {
        YamuxFrame got = sink.frames.get(i);
        YamuxFrame want = sent.get(i);
        assertThat(got.type()).as("seed %d", seed).isEqualTo(want.type());
        assertThat(got.flags()).as("seed %d", seed).isEqualTo(want.flags());
        assertThat(got.streamId()).as("seed %d", seed).isEqualTo(want.streamId());
        assertThat(got.length()).as("seed %d", seed).isEqualTo(want.length());
        assertThat(ByteBufUtil.getBytes(got.data())).as("seed %d", seed)
            .isEqualTo(expectedPayloads.get(i));
      }
      sink.releaseAll();
      dec.finishAndReleaseAll();
    }
  }

  private static YamuxFrame randomFrame(Random rnd) {
    int flags = rnd.nextInt(YamuxFlags.MAX_FIELD_VALUE + 1);
    long u32 = rnd.nextLong() & YamuxFrame.MAX_LENGTH;
    switch (rnd.nextInt(4)) {
      case 0 -> {
        int size = rnd.nextInt(4) == 0 ? rnd.nextInt(5000) : rnd.nextInt(64);
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        ByteBuf data = ByteBufAllocator.DEFAULT.buffer(size);
        data.writeBytes(b);
        return YamuxFrame.data(rnd.nextInt(), flags, data);
      }
      case 1 -> {
        return YamuxFrame.windowUpdate(rnd.nextInt(), flags, u32);
      }
      case 2 -> {
        return YamuxFrame.ping(flags, u32);
      }
      default -> {
        return new YamuxFrame(YamuxFrameType.GO_AWAY, flags, 0, u32, Unpooled.EMPTY_BUFFER);
      }
    }
  }

  @Test
  void malformedHeadersBecomeOneTypedErrorAndTheRestIsDiscarded() {
    String[] bad = {
      "01" + "00" + "0000" + "00000001" + "00000000", // version 1
      "00" + "04" + "0000" + "00000001" + "00000000", // type 4
      "00" + "ff" + "0000" + "00000001" + "00000000", // type 255
      "00" + "02" + "0001" + "00000003" + "00000000", // ping on a stream
      "00" + "03" + "0000" + "00000001" + "00000000", // go-away on a stream
      "00" + "00" + "0000" + "00000001" + "00040001", // data beyond the largest window
      "00" + "00" + "0000" + "00000001" + "ffffffff", // data of 4 GiB
    };
    for (String hex : bad) {
      Sink sink = new Sink();
      EmbeddedChannel dec = new EmbeddedChannel(new YamuxFrameDecoder(MAX_DATA), sink);
      ByteBuf in = ByteBufAllocator.DEFAULT.buffer();
      in.writeBytes(HexFormat.of().parseHex(hex));
      // A valid frame behind the bad one must not be decoded any more.
      in.writeBytes(HexFormat.of().parseHex("000200010000000000000007"));
      dec.writeInbound(in);
      assertThat(sink.errors).as(hex).hasSize(1);
      assertThat(sink.errors.get(0)).as(hex).isInstanceOf(YamuxProtocolException.class);
      assertThat(sink.frames).as(hex).isEmpty();
      ByteBuf more = ByteBufAllocator.DEFAULT.buffer();
      more.writeBytes(HexFormat.of().parseHex("000200010000000000000007"));
      dec.writeInbound(more);
      assertThat(sink.frames).as(hex).isEmpty();
      assertThat(sink.errors).as(hex).hasSize(1);
      dec.finishAndReleaseAll();
    }
  }

  @Test
  void theDataBoundFollowsTheSessionAtEachHeader() {
    long[] bound = {MAX_DATA};
    Sink sink = new Sink();
    EmbeddedChannel dec = new EmbeddedChannel(new YamuxFrameDecoder(() -> bound[0]), sink);
    byte[] body = new byte[MAX_DATA + 1];
    ByteBuf first = ByteBufAllocator.DEFAULT.buffer();
    first.writeBytes(encode(new YamuxFrame(YamuxFrameType.DATA, 0, 1, body.length,
        Unpooled.wrappedBuffer(body))));
    bound[0] = MAX_DATA + 1; // the session granted a larger window
    dec.writeInbound(first);
    assertThat(sink.errors).isEmpty();
    assertThat(sink.frames).singleElement().matches(f -> f.length() == MAX_DATA + 1);
    bound[0] = MAX_DATA;
    ByteBuf second = ByteBufAllocator.DEFAULT.buffer();
    second.writeBytes(encode(new YamuxFrame(YamuxFrameType.DATA, 0, 1, body.length,
        Unpooled.wrappedBuffer(body))));
    dec.writeInbound(second);
    assertThat(sink.errors).singleElement().isInstanceOf(YamuxProtocolException.class)
        .extracting(Throwable::getMessage).asString().contains("(" + MAX_DATA + " bytes)");
    sink.releaseAll();
    dec.finishAndReleaseAll();
  }

  @Test
  void randomBytesNeverThrowOnlyFramesOrOneTypedError() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      Sink sink = new Sink();
      EmbeddedChannel dec = new EmbeddedChannel(new YamuxFrameDecoder(MAX_DATA), sink);
      byte[] junk = new byte[rnd.nextInt(200)];
      rnd.nextBytes(junk);
      if (rnd.nextBoolean() && junk.length > 0) {
        junk[0] = 0; // valid version more often
      }
      ByteBuf in = ByteBufAllocator.DEFAULT.buffer(junk.length);
      in.writeBytes(junk);
      dec.writeInbound(in);
      dec.checkException();
      assertThat(sink.errors).as("seed %d", seed)
          .allMatch(e -> e instanceof YamuxProtocolException).hasSizeLessThanOrEqualTo(1);
      sink.releaseAll();
      dec.finishAndReleaseAll();
    }
  }

  @Test
  void frameRecordRejectsInconsistentFields() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new YamuxFrame(YamuxFrameType.PING, 0, 5, 0, Unpooled.EMPTY_BUFFER));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new YamuxFrame(YamuxFrameType.DATA, 0, 1, 4, Unpooled.EMPTY_BUFFER));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> YamuxFrame.windowUpdate(1, 0x10000, 0));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> YamuxFrame.windowUpdate(1, 0, 1L << 32));
  }
}
