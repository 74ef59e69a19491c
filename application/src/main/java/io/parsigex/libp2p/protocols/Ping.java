package io.parsigex.libp2p.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** libp2p ping: the dialer sends 32 random bytes, the listener echoes every 32-byte block. */
public final class Ping {

  /** The protocol id. */
  public static final String PROTOCOL_ID = "/ipfs/ping/1.0.0";
  /** Bytes per ping. */
  public static final int PAYLOAD_LENGTH = 32;

  private Ping() {}

  /**
   * The responder: echoes complete 32-byte blocks until the peer closes, then closes.
   *
   * @return a stream handler for one inbound ping stream
   */
  public static YamuxStreamHandler responder() {
    return new YamuxStreamHandler() {
      private final byte[] block = new byte[PAYLOAD_LENGTH];
      private int filled;

      @Override
      public void onData(YamuxStream stream, ByteBuf data) {
        try {
          while (data.isReadable()) {
            int n = Math.min(data.readableBytes(), PAYLOAD_LENGTH - filled);
            data.readBytes(block, filled, n);
            filled += n;
            if (filled == PAYLOAD_LENGTH) {
              stream.write(Unpooled.wrappedBuffer(block.clone()));
              filled = 0;
            }
          }
        } finally {
          data.release();
        }
      }

      @Override
      public void onRemoteClose(YamuxStream stream) {
        stream.closeWrite();
      }
    };
  }

  /**
   * Pings once over a freshly negotiated stream and half-closes it.
   *
   * @param stream a stream on which {@link #PROTOCOL_ID} was agreed, with no handler yet
   * @param random randomness for the payload
   * @param install how to install the handler (so that bytes already received are delivered)
   * @return the round-trip time; fails when the echo differs or the stream ends first
   */
  public static CompletableFuture<Duration> ping(YamuxStream stream, SecureRandom random,
      java.util.function.Consumer<YamuxStreamHandler> install) {
    CompletableFuture<Duration> result = new CompletableFuture<>();
    byte[] payload = new byte[PAYLOAD_LENGTH];
    random.nextBytes(payload);
    long start = System.nanoTime();
    install.accept(new YamuxStreamHandler() {
      private final byte[] echo = new byte[PAYLOAD_LENGTH];
      private int filled;

      @Override
      public void onData(YamuxStream s, ByteBuf data) {
        try {
          int n = Math.min(data.readableBytes(), PAYLOAD_LENGTH - filled);
          data.readBytes(echo, filled, n);
          filled += n;
          if (filled == PAYLOAD_LENGTH && !result.isDone()) {
            if (Arrays.equals(echo, payload)) {
              result.complete(Duration.ofNanos(System.nanoTime() - start));
            } else {
              result.completeExceptionally(new ServiceProtocolException(
                  "ping echo differs from the payload: " + ByteBufUtil.hexDump(echo), null));
            }
            s.closeWrite();
          }
        } finally {
          data.release();
        }
      }

      @Override
      public void onRemoteClose(YamuxStream s) {
        result.completeExceptionally(new ServiceProtocolException(
            "peer closed the ping stream before echoing", null));
      }

      @Override
      public void onReset(YamuxStream s, YamuxException cause) {
        result.completeExceptionally(cause);
      }
    });
    stream.write(Unpooled.wrappedBuffer(payload));
    return result;
  }
}
