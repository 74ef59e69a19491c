package io.parsigex.libp2p.protocols;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.crypto.KeyException;
import io.parsigex.libp2p.crypto.PublicKey;
import io.parsigex.libp2p.encoding.EncodingException;
import io.parsigex.libp2p.encoding.Varint;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.multiaddr.MultiaddrException;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import io.parsigex.proto.libp2p.IdentifyProto;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * libp2p identify: the listener of an {@code /ipfs/id/1.0.0} stream writes one uvarint-delimited
 * {@code Identify} protobuf and closes; the dialer reads it.
 */
public final class Identify {

  /** The protocol id. */
  public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";
  /** The protocol version we announce. */
  public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
  /** Largest identify message accepted. */
  public static final int MAX_MESSAGE_LENGTH = 8 * 1024;
  /** Most addresses or protocols kept from one message. */
  public static final int MAX_LIST_ENTRIES = 128;

  private Identify() {}

  /**
   * Encodes our identify message, length-delimited.
   *
   * @param publicKey our key
   * @param agentVersion our agent string
   * @param listenAddrs our listen addresses
   * @param protocols our protocols
   * @param observed the peer's address as we see it, if known
   * @return the bytes to write
   */
  public static byte[] encode(PublicKey publicKey, String agentVersion, List<Multiaddr> listenAddrs,
      List<String> protocols, Optional<Multiaddr> observed) {
    IdentifyProto.Identify.Builder b = IdentifyProto.Identify.newBuilder()
        .setProtocolVersion(PROTOCOL_VERSION)
        .setAgentVersion(agentVersion)
        .setPublicKey(ByteString.copyFrom(publicKey.marshal()))
        .addAllProtocols(protocols);
    listenAddrs.forEach(a -> b.addListenAddrs(ByteString.copyFrom(a.bytes())));
    observed.ifPresent(a -> b.setObservedAddr(ByteString.copyFrom(a.bytes())));
    byte[] body = b.build().toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Varint.encode(body.length));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * The responder: writes {@code message} and half-closes.
   *
   * @param stream the inbound identify stream
   * @param message from {@link #encode}
   * @return the handler to install (it discards anything the peer sends)
   */
  public static YamuxStreamHandler respond(YamuxStream stream, byte[] message) {
    stream.write(Unpooled.wrappedBuffer(message));
    stream.closeWrite();
    return new YamuxStreamHandler() {
      @Override
      public void onData(YamuxStream s, ByteBuf data) {
        data.release();
      }
    };
  }

  /**
   * The requester: reads the peer's message until it closes.
   *
   * @param install installs the handler on the negotiated stream
   * @return the peer's information; fails for oversized or malformed messages
   */
  public static CompletableFuture<IdentifyInfo> request(Consumer<YamuxStreamHandler> install) {
    CompletableFuture<IdentifyInfo> result = new CompletableFuture<>();
    install.accept(new YamuxStreamHandler() {
      private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

      @Override
      public void onData(YamuxStream s, ByteBuf data) {
        try {
          if (buffer.size() + data.readableBytes() > MAX_MESSAGE_LENGTH + Varint.MAX_BYTES) {
            result.completeExceptionally(new ServiceProtocolException("identify message exceeds "
                + MAX_MESSAGE_LENGTH + " bytes", null));
            s.reset();
            return;
          }
          byte[] b = new byte[data.readableBytes()];
          data.readBytes(b);
          buffer.writeBytes(b);
        } finally {
          data.release();
        }
      }

      @Override
      public void onRemoteClose(YamuxStream s) {
        try {
          result.complete(decode(buffer.toByteArray()));
        } catch (ServiceProtocolException e) {
          result.completeExceptionally(e);
        }
        s.closeWrite();
      }

      @Override
      public void onReset(YamuxStream s, YamuxException cause) {
        result.completeExceptionally(cause);
      }
    });
    return result;
  }

  /**
   * Decodes one length-delimited identify message.
   *
   * @param bytes the stream's content
   * @return the information
   * @throws ServiceProtocolException when it is not an identify message
   */
  public static IdentifyInfo decode(byte[] bytes) throws ServiceProtocolException {
    IdentifyProto.Identify m;
    try {
      Varint.Decoded len = Varint.readComplete(bytes, 0);
      if (len.value() != bytes.length - len.length()) {
        throw new ServiceProtocolException("identify length prefix " + len.value()
            + " does not match the " + (bytes.length - len.length()) + " bytes received", null);
      }
      m = IdentifyProto.Identify.parseFrom(Arrays.copyOfRange(bytes, len.length(),
          bytes.length));
    } catch (EncodingException | InvalidProtocolBufferException e) {
      throw new ServiceProtocolException("malformed identify message: " + e.getMessage(), e);
    }
    Optional<PublicKey> key = Optional.empty();
    if (m.hasPublicKey()) {
      try {
        key = Optional.of(PublicKey.unmarshal(m.getPublicKey().toByteArray()));
      } catch (KeyException e) {
        key = Optional.empty();
      }
    }
    List<Multiaddr> addrs = new ArrayList<>();
    for (ByteString a : m.getListenAddrsList()) {
      if (addrs.size() == MAX_LIST_ENTRIES) {
        break;
      }
      parse(a).ifPresent(addrs::add);
    }
    List<String> protocols = m.getProtocolsList().size() > MAX_LIST_ENTRIES
        ? m.getProtocolsList().subList(0, MAX_LIST_ENTRIES) : m.getProtocolsList();
    return new IdentifyInfo(key, m.getProtocolVersion(), m.getAgentVersion(), addrs, protocols,
        m.hasObservedAddr() ? parse(m.getObservedAddr()) : Optional.empty());
  }

  private static Optional<Multiaddr> parse(ByteString b) {
    try {
      return Optional.of(Multiaddr.fromBytes(b.toByteArray()));
    } catch (MultiaddrException e) {
      return Optional.empty();
    }
  }
}
