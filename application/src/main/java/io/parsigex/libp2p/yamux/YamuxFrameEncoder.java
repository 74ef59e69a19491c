package io.parsigex.libp2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes {@link YamuxFrame}s as the 12-byte big-endian header followed by the payload. Small
 * payloads are copied behind the header; large ones are sent as a composite without copying.
 */
final class YamuxFrameEncoder extends MessageToMessageEncoder<YamuxFrame> {

  /** Payloads up to this size are copied into the header's buffer (one small write). */
  static final int COPY_THRESHOLD = 1024;
  private static final int COMPONENTS = 2;

  YamuxFrameEncoder() {
    super(YamuxFrame.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, YamuxFrame frame, List<Object> out) {
    ByteBuf data = frame.data();
    int size = data.readableBytes();
    boolean copy = size <= COPY_THRESHOLD;
    ByteBuf header = ctx.alloc().buffer(YamuxFrame.HEADER_LENGTH + (copy ? size : 0));
    writeHeader(frame, header);
    if (copy) {
      header.writeBytes(data, data.readerIndex(), size);
      out.add(header);
    } else {
      CompositeByteBuf both = ctx.alloc().compositeBuffer(COMPONENTS);
      both.addComponents(true, header, data.retain());
      out.add(both);
    }
  }

  /**
   * Writes the 12 header bytes of {@code frame} to {@code out}.
   *
   * @param frame the frame
   * @param out the destination
   */
  static void writeHeader(YamuxFrame frame, ByteBuf out) {
    out.writeByte(YamuxFrame.VERSION);
    out.writeByte(frame.type().code());
    out.writeShort(frame.flags());
    out.writeInt(frame.streamId());
    out.writeInt((int) frame.length());
  }
}
