package io.parsigex.libp2p.yamux;

import io.netty.channel.Channel;
import java.util.Objects;

/**
 * Entry point: installs Yamux on a channel that carries plaintext (after Noise, or after the
 * muxer's multistream round) and returns the session.
 */
public final class Yamux {

  /** The multistream protocol id, also offered in Noise's {@code stream_muxers} extension. */
  public static final String PROTOCOL_ID = "/yamux/1.0.0";
  /** Pipeline name of the frame decoder. */
  public static final String DECODER_NAME = "yamux-decoder";
  /** Pipeline name of the frame encoder. */
  public static final String ENCODER_NAME = "yamux-encoder";
  /** Pipeline name of the session handler. */
  public static final String SESSION_NAME = "yamux-session";

  private Yamux() {}

  /**
   * Adds the frame decoder, frame encoder and session handler at the end of {@code channel}'s
   * pipeline. Safe to call from any thread; frames are handled on the channel's event loop.
   * Keepalive starts when the channel is (or becomes) active. The session's refusals are counted
   * and logged in {@code refusals}, which a host shares between its sessions.
   *
   * @param channel the connection, registered with its event loop (as inside a
   *     {@code ChannelInitializer}), its pipeline ending where plaintext flows
   * @param role {@link YamuxRole#DIALER} on the side that dialled (odd stream ids)
   * @param config the limits
   * @param acceptor receives the streams the peer opens
   * @param refusals where refused streams and protocol errors are counted
   * @return the session
   */
  public static YamuxSession install(Channel channel, YamuxRole role, YamuxConfig config,
      YamuxStreamAcceptor acceptor, YamuxRefusals refusals) {
    Objects.requireNonNull(refusals, "refusals");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(acceptor, "acceptor");
    if (!channel.isRegistered()) {
      throw new IllegalStateException("register " + channel + " with an event loop before "
          + "installing yamux (install it from a ChannelInitializer or after the handshake)");
    }
    YamuxSessionHandler session = new YamuxSessionHandler(channel, role, config, acceptor,
        refusals);
    channel.pipeline()
        .addLast(DECODER_NAME, new YamuxFrameDecoder(session::largestWindowGranted))
        .addLast(ENCODER_NAME, new YamuxFrameEncoder())
        .addLast(SESSION_NAME, session);
    return session;
  }
}
