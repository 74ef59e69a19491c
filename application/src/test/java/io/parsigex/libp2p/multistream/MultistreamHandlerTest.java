package io.parsigex.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import io.parsigex.testsupport.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakCheck.class)
class MultistreamHandlerTest {

  private static final class Recorder implements NegotiationListener {
    final List<String> protocols = new ArrayList<>();
    final List<MultistreamException> failures = new ArrayList<>();
    final ByteArrayOutputStream afterwards = new ByteArrayOutputStream();

    @Override
    public void negotiated(ChannelHandlerContext ctx, String protocol) {
      protocols.add(protocol);
      ctx.pipeline().addAfter(ctx.name(), "app", new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext c, Object msg) {
          ByteBuf b = (ByteBuf) msg;
          afterwards.writeBytes(ByteBufUtil.getBytes(b));
          b.release();
        }
      });
    }

    @Override
    public void failed(ChannelHandlerContext ctx, MultistreamException cause) {
      failures.add(cause);
    }
  }

  private static byte[] drain(EmbeddedChannel ch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      out.writeBytes(ByteBufUtil.getBytes(b));
      b.release();
    }
    return out.toByteArray();
  }

  @Test
  void listenerNegotiatesAndForwardsPipelinedBytes() {
    Recorder r = new Recorder();
    EmbeddedChannel ch = new EmbeddedChannel(new MultistreamHandler(
        Negotiator.listener(Set.of("/noise")), Duration.ofSeconds(5), r));
    assertThat(drain(ch)).isEqualTo(Negotiator.encode("/multistream/1.0.0"));
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(Negotiator.encode("/multistream/1.0.0"));
    in.writeBytes(Negotiator.encode("/tls/1.0.0"));
    ch.writeInbound(Unpooled.wrappedBuffer(in.toByteArray()));
    assertThat(drain(ch)).isEqualTo(Negotiator.encode("na"));
    in.reset();
    in.writeBytes(Negotiator.encode("/noise"));
    in.writeBytes(new byte[] {0, 5, 9});
    ch.writeInbound(Unpooled.wrappedBuffer(in.toByteArray()));
    assertThat(drain(ch)).isEqualTo(Negotiator.encode("/noise"));
    assertThat(r.protocols).containsExactly("/noise");
    assertThat(r.afterwards.toByteArray()).containsExactly(0, 5, 9);
    assertThat(ch.pipeline().get(MultistreamHandler.class)).isNull();
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {7}));
    assertThat(r.afterwards.toByteArray()).containsExactly(0, 5, 9, 7);
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void timeoutClosesTheChannel() {
    Recorder r = new Recorder();
    EmbeddedChannel ch = new EmbeddedChannel(new MultistreamHandler(
        Negotiator.dialer(List.of("/noise")), Duration.ofSeconds(2), r));
    drain(ch);
    ch.advanceTimeBy(3, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(r.failures).singleElement().isInstanceOf(MultistreamException.Timeout.class);
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void garbageClosesTheChannelWithATypedError() {
    Recorder r = new Recorder();
    EmbeddedChannel ch = new EmbeddedChannel(new MultistreamHandler(
        Negotiator.listener(Set.of("/noise")), Duration.ofSeconds(2), r));
    drain(ch);
    ch.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n\r\n".getBytes()));
    assertThat(r.failures).singleElement()
        .isInstanceOf(MultistreamException.ProtocolViolation.class);
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }
}
