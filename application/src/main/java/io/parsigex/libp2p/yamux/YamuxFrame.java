package io.parsigex.libp2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCounted;
import java.util.Objects;

/**
 * One Yamux frame: the 12-byte header's fields plus, for {@link YamuxFrameType#DATA}, the payload.
 * The wire header is {@code version(1)=0 ‖ type(1) ‖ flags(2) ‖ streamId(4) ‖ length(4)}, all
 * big-endian. The frame owns its payload's reference: release the frame (or hand it on) when done.
 *
 * @param type the frame type
 * @param flags the {@link YamuxFlags} bits (16-bit field)
 * @param streamId the stream id as an unsigned 32-bit value in an int (0 for ping and go-away)
 * @param length the unsigned 32-bit length field: payload length, window delta, ping opaque value
 *     or go-away code
 * @param data the payload for data frames (exactly {@code length} readable bytes), an empty buffer
 *     otherwise
 */
public record YamuxFrame(YamuxFrameType type, int flags, int streamId, long length, ByteBuf data)
    implements ReferenceCounted {

  /** The protocol version this implementation speaks and accepts. */
  public static final int VERSION = 0;
  /** Header size in bytes. */
  public static final int HEADER_LENGTH = 12;
  /** The largest value of the 32-bit length field. */
  public static final long MAX_LENGTH = 0xFFFF_FFFFL;
  /** The session-level stream id used by ping and go-away. */
  public static final int SESSION_STREAM_ID = 0;

  /** Validates the fields. */
  public YamuxFrame {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (flags < 0 || flags > YamuxFlags.MAX_FIELD_VALUE) {
      throw new IllegalArgumentException("flags must fit 16 bits: " + flags);
    }
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("length must fit 32 unsigned bits: " + length);
    }
    if (type == YamuxFrameType.DATA) {
      if (data.readableBytes() != length) {
        throw new IllegalArgumentException("data frame length " + length
            + " differs from payload size " + data.readableBytes());
      }
    } else if (data.isReadable()) {
      throw new IllegalArgumentException(type + " frames carry no payload");
    }
    if ((type == YamuxFrameType.PING || type == YamuxFrameType.GO_AWAY)
        && streamId != SESSION_STREAM_ID) {
      throw new IllegalArgumentException(type + " frames use stream id 0, not "
          + Integer.toUnsignedString(streamId));
    }
  }

  /**
   * A data frame.
   *
   * @param streamId the stream
   * @param flags flags to carry
   * @param data the payload, owned by the frame from now on
   * @return the frame
   */
  public static YamuxFrame data(int streamId, int flags, ByteBuf data) {
    return new YamuxFrame(YamuxFrameType.DATA, flags, streamId, data.readableBytes(), data);
  }

  /**
   * A window update frame.
   *
   * @param streamId the stream
   * @param flags flags to carry
   * @param delta the window increase
   * @return the frame
   */
  public static YamuxFrame windowUpdate(int streamId, int flags, long delta) {
    return new YamuxFrame(YamuxFrameType.WINDOW_UPDATE, flags, streamId, delta,
        Unpooled.EMPTY_BUFFER);
  }

  /**
   * A ping frame.
   *
   * @param flags {@link YamuxFlags#SYN} to ask, {@link YamuxFlags#ACK} to answer
   * @param opaque the value to echo
   * @return the frame
   */
  public static YamuxFrame ping(int flags, long opaque) {
    return new YamuxFrame(YamuxFrameType.PING, flags, SESSION_STREAM_ID, opaque,
        Unpooled.EMPTY_BUFFER);
  }

  /**
   * A go-away frame.
   *
   * @param code why the session ends
   * @return the frame
   */
  public static YamuxFrame goAway(YamuxGoAwayCode code) {
    if (code == YamuxGoAwayCode.UNKNOWN) {
      throw new IllegalArgumentException("cannot send an unknown go-away code");
    }
    return new YamuxFrame(YamuxFrameType.GO_AWAY, 0, SESSION_STREAM_ID, code.code(),
        Unpooled.EMPTY_BUFFER);
  }

  /**
   * Whether a flag is set.
   *
   * @param flag one of {@link YamuxFlags}
   * @return true when set
   */
  public boolean has(int flag) {
    return YamuxFlags.has(flags, flag);
  }

  @Override
  public int refCnt() {
    return data.refCnt();
  }

  @Override
  public YamuxFrame retain() {
    data.retain();
    return this;
  }

  @Override
  public YamuxFrame retain(int increment) {
    data.retain(increment);
    return this;
  }

  @Override
  public YamuxFrame touch() {
    data.touch();
    return this;
  }

  @Override
  public YamuxFrame touch(Object hint) {
    data.touch(hint);
    return this;
  }

  @Override
  public boolean release() {
    return data.release();
  }

  @Override
  public boolean release(int decrement) {
    return data.release(decrement);
  }

  @Override
  public String toString() {
    return "YamuxFrame[" + type + " " + YamuxFlags.describe(flags) + " stream="
        + Integer.toUnsignedString(streamId) + " length=" + length + "]";
  }
}
