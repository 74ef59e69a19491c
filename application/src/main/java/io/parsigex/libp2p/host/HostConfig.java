package io.parsigex.libp2p.host;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.yamux.YamuxConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Host} needs, validated once.
 *
 * @param identity our secp256k1 identity key
 * @param listen TCP multiaddrs to listen on ({@code /ip4|ip6/…/tcp/…}; port 0 picks a free port);
 *     empty for a dial-only host
 * @param gater who may stay connected after the handshake
 * @param yamux the muxer limits
 * @param handshakeTimeout bound on security negotiation plus the Noise handshake
 * @param negotiationTimeout bound on each stream's protocol negotiation
 * @param dialTimeout bound on the TCP connect
 * @param redialInitialBackoff first wait before redialling a peer we keep connected
 * @param redialMaxBackoff the longest wait between redials
 * @param agentVersion the agent string announced through identify
 * @param ioThreads event-loop threads
 * @param maxConnections connections of authenticated, admitted peers plus our own outbound dials
 *     (being set up or established) beyond which new ones are closed; inbound connections still
 *     in their handshake never take one of these, they wait in {@code preAuth}
 * @param preAuth the budget of inbound connections that have not completed Noise yet
 */
public record HostConfig(Secp256k1PrivateKey identity, List<Multiaddr> listen,
    ConnectionGater gater, YamuxConfig yamux, Duration handshakeTimeout,
    Duration negotiationTimeout, Duration dialTimeout, Duration redialInitialBackoff,
    Duration redialMaxBackoff, String agentVersion, int ioThreads, int maxConnections,
    PreAuthLimits preAuth) {

  /** Default security handshake bound. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** Default stream negotiation bound (go-libp2p's NewStream negotiation timeout). */
  public static final Duration DEFAULT_NEGOTIATION_TIMEOUT = Duration.ofSeconds(10);
  /** Default TCP connect bound. */
  public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(5);
  /** Default first redial wait. */
  public static final Duration DEFAULT_REDIAL_INITIAL_BACKOFF = Duration.ofMillis(500);
  /** Default longest redial wait. */
  public static final Duration DEFAULT_REDIAL_MAX_BACKOFF = Duration.ofSeconds(30);
  /** Default agent string. */
  public static final String DEFAULT_AGENT_VERSION = "parsigex-jvm/0.1.0";
  /** Default event-loop threads. */
  public static final int DEFAULT_IO_THREADS = 2;
  /** Default connection cap. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  /** Most listen addresses. */
  public static final int MAX_LISTEN_ADDRESSES = 16;
  /** Longest agent string. */
  public static final int MAX_AGENT_VERSION_LENGTH = 256;

  /** Validates the settings. */
  public HostConfig {
    Objects.requireNonNull(identity, "identity");
    listen = List.copyOf(listen);
    Objects.requireNonNull(gater, "gater");
    Objects.requireNonNull(yamux, "yamux");
    Objects.requireNonNull(agentVersion, "agentVersion");
    Objects.requireNonNull(preAuth, "preAuth");
    if (listen.size() > MAX_LISTEN_ADDRESSES) {
      throw new IllegalArgumentException("at most " + MAX_LISTEN_ADDRESSES
          + " listen addresses");
    }
    for (Multiaddr m : listen) {
      if (m.tcpEndpoint().filter(a -> !a.isUnresolved()).isEmpty()) {
        throw new IllegalArgumentException("listen address " + m
            + " must be /ip4/<ip>/tcp/<port> or /ip6/<ip>/tcp/<port>");
      }
    }
    positive("handshakeTimeout", handshakeTimeout);
    positive("negotiationTimeout", negotiationTimeout);
    positive("dialTimeout", dialTimeout);
    positive("redialInitialBackoff", redialInitialBackoff);
    positive("redialMaxBackoff", redialMaxBackoff);
    if (redialMaxBackoff.compareTo(redialInitialBackoff) < 0) {
      throw new IllegalArgumentException("redialMaxBackoff must be >= redialInitialBackoff");
    }
    if (agentVersion.isEmpty() || agentVersion.length() > MAX_AGENT_VERSION_LENGTH) {
      throw new IllegalArgumentException("agentVersion must have 1.." + MAX_AGENT_VERSION_LENGTH
          + " characters");
    }
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads must be at least 1");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /**
   * Reference settings: the given key, listen addresses and gater, default limits.
   *
   * @param identity our key
   * @param listen listen addresses
   * @param gater the gater
   * @return the config
   */
  public static HostConfig of(Secp256k1PrivateKey identity, List<Multiaddr> listen,
      ConnectionGater gater) {
    return new HostConfig(identity, listen, gater, YamuxConfig.defaults(),
        DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_NEGOTIATION_TIMEOUT, DEFAULT_DIAL_TIMEOUT,
        DEFAULT_REDIAL_INITIAL_BACKOFF, DEFAULT_REDIAL_MAX_BACKOFF, DEFAULT_AGENT_VERSION,
        DEFAULT_IO_THREADS, DEFAULT_MAX_CONNECTIONS, PreAuthLimits.defaults());
  }

  /**
   * A copy with other timeouts.
   *
   * @param handshake the new handshake timeout
   * @param negotiation the new stream negotiation timeout
   * @return the copy
   */
  public HostConfig withTimeouts(Duration handshake, Duration negotiation) {
    return new HostConfig(identity, listen, gater, yamux, handshake, negotiation, dialTimeout,
        redialInitialBackoff, redialMaxBackoff, agentVersion, ioThreads, maxConnections, preAuth);
  }

  /**
   * A copy with another connection cap.
   *
   * @param max the new {@link #maxConnections()}
   * @return the copy
   */
  public HostConfig withMaxConnections(int max) {
    return new HostConfig(identity, listen, gater, yamux, handshakeTimeout, negotiationTimeout,
        dialTimeout, redialInitialBackoff, redialMaxBackoff, agentVersion, ioThreads, max, preAuth);
  }

  /**
   * A copy with other redial backoffs.
   *
   * @param initial first wait
   * @param max longest wait
   * @return the copy
   */
  public HostConfig withRedialBackoff(Duration initial, Duration max) {
    return new HostConfig(identity, listen, gater, yamux, handshakeTimeout, negotiationTimeout,
        dialTimeout, initial, max, agentVersion, ioThreads, maxConnections, preAuth);
  }

  /**
   * A copy with another pre-authentication budget.
   *
   * @param limits the new {@link #preAuth()}
   * @return the copy
   */
  public HostConfig withPreAuth(PreAuthLimits limits) {
    return new HostConfig(identity, listen, gater, yamux, handshakeTimeout, negotiationTimeout,
        dialTimeout, redialInitialBackoff, redialMaxBackoff, agentVersion, ioThreads,
        maxConnections, limits);
  }
}
