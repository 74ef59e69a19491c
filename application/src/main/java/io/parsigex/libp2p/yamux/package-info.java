/**
 * Yamux ({@code /yamux/1.0.0}) stream multiplexing on a Netty channel that already carries
 * plaintext (after Noise, or raw TCP in tests).
 *
 * <p>Install with {@link io.parsigex.libp2p.yamux.Yamux#install}: it adds a frame decoder and
 * encoder ({@link io.parsigex.libp2p.yamux.YamuxFrame}) and the session state machine, and returns
 * the {@link io.parsigex.libp2p.yamux.YamuxSession}. Each stream is a
 * {@link io.parsigex.libp2p.yamux.YamuxStream}: writes respect the peer's window, and receive
 * credit is returned only when the stream's consumer has taken the bytes, so a slow reader
 * back-pressures its sender. Everything runs on the connection's event loop; every limit lives in
 * {@link io.parsigex.libp2p.yamux.YamuxConfig}.
 */
package io.parsigex.libp2p.yamux;
