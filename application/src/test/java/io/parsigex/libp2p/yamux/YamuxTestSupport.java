package io.parsigex.libp2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Helpers for the Yamux tests: recorded frames and a recording stream handler. */
final class YamuxTestSupport {

  private YamuxTestSupport() {}

  /**
   * Refusal counters for a test session: logged through SLF4J without a flush timer, so nothing
   * needs closing (a host owns and closes its own log).
   */
  static YamuxRefusals refusals() {
    return new YamuxRefusals(new io.parsigex.common.log.RateLimitedLog(
        org.slf4j.LoggerFactory.getLogger(YamuxRefusals.class), org.slf4j.event.Level.INFO,
        io.parsigex.common.log.RateLimitedLog.DEFAULT_WINDOW, System::nanoTime, false));
  }

  /** A frame copied out of the channel (payload copied, buffer released). */
  record Sent(YamuxFrameType type, int flags, long streamId, long length, byte[] data) {
    boolean has(int flag) {
      return YamuxFlags.has(flags, flag);
    }
  }

  /** Everything the session wrote since the last call, released. */
  static List<Sent> drain(EmbeddedChannel ch) {
    List<Sent> out = new ArrayList<>();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      YamuxFrame f = (YamuxFrame) o;
      out.add(new Sent(f.type(), f.flags(), Integer.toUnsignedLong(f.streamId()), f.length(),
          ByteBufUtil.getBytes(f.data())));
      f.release();
    }
    return out;
  }

  static ByteBuf bytes(int n, int seed) {
    // Fill an array first: paranoid leak detection records every access to a ByteBuf.
    byte[] a = new byte[n];
    for (int i = 0; i < n; i++) {
      a[i] = (byte) (i * 31 + seed);
    }
    return ByteBufAllocator.DEFAULT.buffer(n).writeBytes(a);
  }

  /** Hashes what arrives; on the peer's FIN answers with the SHA-256 digest and closes its side. */
  static final class DigestEcho implements YamuxStreamHandler {
    private final MessageDigest sha = sha256();
    final AtomicLong received = new AtomicLong();

    @Override
    public void onData(YamuxStream stream, ByteBuf data) {
      received.addAndGet(data.readableBytes());
      sha.update(data.nioBuffer());
      data.release();
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
      stream.write(Unpooled.wrappedBuffer(sha.digest()));
      stream.closeWrite();
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records everything a stream delivers. */
  static final class Recorder implements YamuxStreamHandler {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    int chunks;
    boolean remoteClosed;
    YamuxException resetCause;

    @Override
    public synchronized void onData(YamuxStream stream, ByteBuf data) {
      chunks++;
      byte[] b = ByteBufUtil.getBytes(data);
      data.release();
      received.write(b, 0, b.length);
    }

    @Override
    public synchronized void onRemoteClose(YamuxStream stream) {
      remoteClosed = true;
    }

    @Override
    public synchronized void onReset(YamuxStream stream, YamuxException cause) {
      resetCause = cause;
    }

    synchronized int size() {
      return received.size();
    }
  }
}
