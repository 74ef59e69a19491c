package io.parsigex.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import io.parsigex.testsupport.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakCheck.class)
class NoiseHandlerTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  /** Collects what reaches the end of a pipeline. */
  static final class Sink extends ChannelInboundHandlerAdapter {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    final List<Object> events = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf b = (ByteBuf) msg;
      data.writeBytes(ByteBufUtil.getBytes(b));
      b.release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      events.add(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.add(cause);
    }
  }

  private static EmbeddedChannel channel(NoiseHandshake hs, Sink sink) {
    EmbeddedChannel ch = new EmbeddedChannel();
    NoiseHandler.install(ch.pipeline(), null, new NoiseHandler(hs, Duration.ofSeconds(5)));
    ch.pipeline().addLast(sink);
    return ch;
  }

  /** Moves outbound bytes of {@code from} into {@code to}, in random slices. */
  private static boolean pump(EmbeddedChannel from, EmbeddedChannel to, Random rnd) {
    boolean moved = false;
    for (ByteBuf b; (b = from.readOutbound()) != null; ) {
      moved = true;
      while (b.isReadable()) {
        int n = 1 + rnd.nextInt(b.readableBytes());
        to.writeInbound(b.readRetainedSlice(n));
      }
      b.release();
    }
    return moved;
  }

  @Test
  void handshakeThenBulkDataBothWays() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    Secp256k1PrivateKey a = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey b = Secp256k1PrivateKey.generate(RANDOM);
    Sink sa = new Sink();
    Sink sb = new Sink();
    EmbeddedChannel ca = channel(NoiseHandshake.initiator(a, List.of("/yamux/1.0.0"),
        Optional.of(PeerId.fromPublicKey(b.publicKey())), RANDOM), sa);
    EmbeddedChannel cb = channel(NoiseHandshake.responder(b, List.of("/yamux/1.0.0"), RANDOM),
        sb);
    // written before the handshake finished: queued, then sent encrypted
    byte[] early = "early".getBytes();
    ca.writeAndFlush(Unpooled.wrappedBuffer(early));
    while (pump(ca, cb, rnd) | pump(cb, ca, rnd)) {
      // until quiet
    }
    assertThat(sa.events).singleElement().isInstanceOfSatisfying(NoiseSession.class, s -> {
      assertThat(s.remotePeer()).isEqualTo(PeerId.fromPublicKey(b.publicKey()));
      assertThat(s.muxer()).contains("/yamux/1.0.0");
    });
    assertThat(sb.events).singleElement().isInstanceOfSatisfying(NoiseSession.class,
        s -> assertThat(s.remotePeer()).isEqualTo(PeerId.fromPublicKey(a.publicKey())));
    assertThat(sb.data.toByteArray()).isEqualTo(early);
    byte[] big = new byte[300_000];
    rnd.nextBytes(big);
    cb.writeAndFlush(Unpooled.wrappedBuffer(big));
    ByteBuf wire = drain(cb);
    // 300,000 bytes need five Noise messages of at most 65535 bytes each
    assertThat(frameLengths(wire)).hasSize(5)
        .allSatisfy(len -> assertThat(len).isLessThanOrEqualTo(NoiseHandler.MAX_FRAME_LENGTH));
    ca.writeInbound(wire);
    assertThat(sa.data.toByteArray()).as("seed %d", seed).isEqualTo(big);
    assertThat(ca.finishAndReleaseAll()).isFalse();
    assertThat(cb.finishAndReleaseAll()).isFalse();
  }

  /** Everything the channel wrote, as one buffer. */
  private static ByteBuf drain(EmbeddedChannel ch) {
    CompositeByteBuf all = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      all.addComponent(true, b);
    }
    return all;
  }

  /** The length prefixes of the Noise messages in {@code wire} (its reader index is kept). */
  private static List<Integer> frameLengths(ByteBuf wire) {
    List<Integer> lengths = new ArrayList<>();
    for (int at = wire.readerIndex(); at < wire.writerIndex(); ) {
      int len = wire.getUnsignedShort(at);
      lengths.add(len);
      at += 2 + len;
    }
    return lengths;
  }

  private static EmbeddedChannel[] securedPair(Sink sa, Sink sb, Random rnd) {
    EmbeddedChannel ca = channel(NoiseHandshake.initiator(Secp256k1PrivateKey.generate(RANDOM),
        List.of(), Optional.empty(), RANDOM), sa);
    EmbeddedChannel cb = channel(NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM),
        List.of(), RANDOM), sb);
    while (pump(ca, cb, rnd) | pump(cb, ca, rnd)) {
      // handshake
    }
    return new EmbeddedChannel[] {ca, cb};
  }

  @Test
  void smallWritesShareOneNoiseMessageUntilTheFlush() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    Sink sa = new Sink();
    Sink sb = new Sink();
    EmbeddedChannel[] pair = securedPair(sa, sb, rnd);
    EmbeddedChannel ca = pair[0];
    EmbeddedChannel cb = pair[1];
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    List<ChannelFuture> writes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] part = new byte[rnd.nextInt(40)]; // empty writes included
      rnd.nextBytes(part);
      sent.writeBytes(part);
      writes.add(ca.write(Unpooled.wrappedBuffer(part)));
    }
    assertThat(ca.outboundMessages()).as("nothing sealed before the flush").isEmpty();
    assertThat(writes).noneMatch(ChannelFuture::isDone);
    ca.flush();
    assertThat(writes).as("seed %d", seed).allMatch(ChannelFuture::isSuccess);
    ByteBuf wire = drain(ca);
    assertThat(frameLengths(wire)).as("seed %d", seed)
        .containsExactly(sent.size() + 16);
    cb.writeInbound(wire);
    assertThat(sb.data.toByteArray()).as("seed %d", seed).isEqualTo(sent.toByteArray());
    // a write larger than a message becomes a full message and the rest
    byte[] big = new byte[NoiseHandler.MAX_PLAINTEXT + 100];
    rnd.nextBytes(big);
    ChannelFuture bigWrite = ca.write(Unpooled.wrappedBuffer(big));
    assertThat(bigWrite.isDone()).isFalse();
    ca.flush();
    assertThat(bigWrite.isSuccess()).isTrue();
    ByteBuf sealed = drain(ca);
    assertThat(frameLengths(sealed)).containsExactly(NoiseHandler.MAX_FRAME_LENGTH, 100 + 16);
    cb.writeInbound(sealed);
    assertThat(sb.data.size()).isEqualTo(sent.size() + big.length);
    assertThat(ca.finishAndReleaseAll()).isFalse();
    assertThat(cb.finishAndReleaseAll()).isFalse();
  }

  @Test
  void writesQueuedWhenTheConnectionClosesFail() {
    Sink sa = new Sink();
    Sink sb = new Sink();
    EmbeddedChannel[] pair = securedPair(sa, sb, new Random(2));
    ByteBuf data = Unpooled.buffer(10).writeZero(10);
    ChannelFuture w = pair[0].write(data);
    pair[0].close();
    assertThat(w.isDone()).isTrue();
    assertThat(w.isSuccess()).isFalse();
    assertThat(data.refCnt()).isZero();
    pair[0].finishAndReleaseAll();
    pair[1].finishAndReleaseAll();
  }

  @Test
  void writesUntilAFlushAreSealedTogetherInOrder() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    EmbeddedChannel ca = channel(NoiseHandshake.initiator(Secp256k1PrivateKey.generate(RANDOM),
        List.of(), Optional.empty(), RANDOM), new Sink());
    Sink sb = new Sink();
    EmbeddedChannel cb = channel(NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM),
        List.of(), RANDOM), sb);
    while (pump(ca, cb, rnd) | pump(cb, ca, rnd)) {
      // handshake
    }
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    List<io.netty.channel.ChannelFuture> writes = new ArrayList<>();
    int count = 20 + rnd.nextInt(50);
    for (int i = 0; i < count; i++) {
      byte[] b = new byte[rnd.nextInt(200)];
      rnd.nextBytes(b);
      sent.writeBytes(b);
      writes.add(ca.write(Unpooled.wrappedBuffer(b)));
    }
    assertThat((Object) ca.readOutbound()).as("nothing leaves before the flush").isNull();
    ca.flush();
    ByteBuf wire = ca.readOutbound();
    assertThat((Object) ca.readOutbound()).isNull();
    int len = wire.getUnsignedShort(0);
    assertThat(wire.readableBytes()).as("one Noise message for %d writes (seed %d)", count, seed)
        .isEqualTo(2 + len);
    assertThat(len).isEqualTo(sent.size() + NoiseCipher.TAG_LENGTH);
    cb.writeInbound(wire);
    assertThat(sb.data.toByteArray()).as("seed %d", seed).isEqualTo(sent.toByteArray());
    assertThat(writes).allMatch(io.netty.channel.ChannelFuture::isSuccess);
    assertThat(ca.finishAndReleaseAll()).isFalse();
    assertThat(cb.finishAndReleaseAll()).isFalse();
  }

  @Test
  void tamperedTransportMessageClosesTheConnection() {
    Random rnd = new Random(1);
    Sink sa = new Sink();
    Sink sb = new Sink();
    EmbeddedChannel ca = channel(NoiseHandshake.initiator(Secp256k1PrivateKey.generate(RANDOM),
        List.of(), Optional.empty(), RANDOM), sa);
    EmbeddedChannel cb = channel(NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM),
        List.of(), RANDOM), sb);
    while (pump(ca, cb, rnd) | pump(cb, ca, rnd)) {
      // handshake
    }
    ca.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
    ByteBuf wire = ca.readOutbound();
    wire.setByte(4, wire.getByte(4) ^ 1);
    cb.writeInbound(wire);
    assertThat(sb.errors).singleElement().isInstanceOf(NoiseException.DecryptFailed.class);
    assertThat(cb.isOpen()).isFalse();
    ca.finishAndReleaseAll();
    cb.finishAndReleaseAll();
  }

  @Test
  void garbageAndSilenceAreTypedFailures() {
    Sink s1 = new Sink();
    EmbeddedChannel c1 = channel(NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM),
        List.of(), RANDOM), s1);
    c1.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3}));
    assertThat(s1.errors).singleElement().isInstanceOf(NoiseException.HandshakeFailed.class);
    assertThat(c1.isOpen()).isFalse();
    c1.finishAndReleaseAll();

    Sink s2 = new Sink();
    EmbeddedChannel c2 = channel(NoiseHandshake.initiator(Secp256k1PrivateKey.generate(RANDOM),
        List.of(), Optional.empty(), RANDOM), s2);
    c2.advanceTimeBy(6, TimeUnit.SECONDS);
    c2.runScheduledPendingTasks();
    assertThat(s2.errors).singleElement().isInstanceOf(NoiseException.Timeout.class);
    assertThat(c2.isOpen()).isFalse();
    c2.finishAndReleaseAll();
  }
}
