package io.parsigex.libp2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Cuts the plaintext byte stream into {@link YamuxFrame}s. A malformed header (wrong version,
 * unknown type, a session frame on a stream, a data frame larger than any window we grant) is
 * never thrown: the decoder fires a {@link YamuxProtocolException} down the pipeline once and
 * discards everything that follows, so the session can send its go-away and close.
 */
final class YamuxFrameDecoder extends ByteToMessageDecoder {

  private final LongSupplier maxDataLength;
  private boolean failed;

  /**
   * Creates a decoder with a fixed bound.
   *
   * @param maxDataLength the largest data payload accepted (the receive window)
   */
  YamuxFrameDecoder(int maxDataLength) {
    this(positive(maxDataLength));
  }

  /**
   * Creates a decoder whose bound follows the session: the largest window it has granted so far
   * (read on the event loop, for each data frame header). A data frame can never legally be larger,
   * so the decoder never buffers more than that for one frame.
   *
   * @param maxDataLength the current largest data payload accepted
   */
  YamuxFrameDecoder(LongSupplier maxDataLength) {
    this.maxDataLength = maxDataLength;
  }

  private static LongSupplier positive(int maxDataLength) {
    if (maxDataLength <= 0) {
      throw new IllegalArgumentException("maxDataLength must be positive: " + maxDataLength);
    }
    return () -> maxDataLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (in.readableBytes() >= YamuxFrame.HEADER_LENGTH) {
      int at = in.readerIndex();
      Optional<String> problem = headerProblem(in, at);
      if (problem.isPresent()) {
        failed = true;
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(new YamuxProtocolException(problem.get()));
        return;
      }
      YamuxFrameType type = YamuxFrameType.fromCode(in.getUnsignedByte(at + 1)).orElseThrow();
      int flags = in.getUnsignedShort(at + 2);
      int streamId = in.getInt(at + 4);
      long length = in.getUnsignedInt(at + 8);
      if (type == YamuxFrameType.DATA) {
        if (in.readableBytes() < YamuxFrame.HEADER_LENGTH + length) {
          return;
        }
        in.skipBytes(YamuxFrame.HEADER_LENGTH);
        ByteBuf data = in.readRetainedSlice((int) length);
        out.add(new YamuxFrame(type, flags, streamId, length, data));
      } else {
        in.skipBytes(YamuxFrame.HEADER_LENGTH);
        out.add(new YamuxFrame(type, flags, streamId, length, Unpooled.EMPTY_BUFFER));
      }
    }
  }

  private Optional<String> headerProblem(ByteBuf in, int at) {
    int version = in.getUnsignedByte(at);
    if (version != YamuxFrame.VERSION) {
      return Optional.of("yamux header has version " + version + ", only "
          + YamuxFrame.VERSION + " exists; the peer is not speaking yamux on this connection");
    }
    int typeCode = in.getUnsignedByte(at + 1);
    Optional<YamuxFrameType> type = YamuxFrameType.fromCode(typeCode);
    if (type.isEmpty()) {
      return Optional.of("yamux header has unknown frame type " + typeCode);
    }
    int streamId = in.getInt(at + 4);
    long length = in.getUnsignedInt(at + 8);
    YamuxFrameType t = type.get();
    if ((t == YamuxFrameType.PING || t == YamuxFrameType.GO_AWAY)
        && streamId != YamuxFrame.SESSION_STREAM_ID) {
      return Optional.of("yamux " + t + " frame on stream " + Integer.toUnsignedString(streamId)
          + ", must be on stream 0");
    }
    long max = t == YamuxFrameType.DATA ? maxDataLength.getAsLong() : 0;
    if (t == YamuxFrameType.DATA && length > max) {
      return Optional.of("yamux data frame of " + length + " bytes on stream "
          + Integer.toUnsignedString(streamId) + " exceeds the largest window we grant ("
          + max + " bytes)");
    }
    return Optional.empty();
  }
}
