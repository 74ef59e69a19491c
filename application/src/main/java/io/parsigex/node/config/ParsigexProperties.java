package io.parsigex.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code parsigex.*} setting except plugins (see {@code PluginProperties}). The local demo
 * cluster runs only when {@code parsigex.mode=demo} asks for it; otherwise the identity and cluster
 * settings must describe a real cluster member.
 *
 * @param identity this node's libp2p identity
 * @param p2p libp2p listen addresses and relays
 * @param cluster the cluster: members and validators, by hand or from a Charon lock
 * @param chain the beacon chain whose signing domains apply
 * @param api the REST API
 * @param protocol timeouts and limits of the exchange protocol
 * @param demo the shape of the local demo cluster (used only in demo mode)
 * @param mode what the node runs: member (the default), one member of the configured cluster; or
 *     demo, the local demo cluster on loopback (the profile demo sets it)
 */
@ConfigurationProperties("parsigex")
public record ParsigexProperties(
    @DefaultValue Identity identity,
    @DefaultValue P2p p2p,
    @DefaultValue Cluster cluster,
    @DefaultValue Chain chain,
    @DefaultValue Api api,
    @DefaultValue Protocol protocol,
    @DefaultValue Demo demo,
    @DefaultValue("member") NodeMode mode) {

  /** Treats an absent mode as the default, {@link NodeMode#MEMBER}. */
  public ParsigexProperties {
    mode = mode == null ? NodeMode.MEMBER : mode;
  }

  /**
   * Whether enough is configured to run as a real cluster member.
   *
   * @return false when neither identity nor cluster settings are present
   */
  public boolean isConfigured() {
    return identity.keyFile() != null || cluster.lockFile() != null || !cluster.peers().isEmpty()
        || !cluster.validators().isEmpty();
  }

  /**
   * @param keyFile file holding the secp256k1 private key as 64 hex characters (optional 0x and
   *     trailing newline), Charon's {@code charon-enr-private-key} format
   */
  public record Identity(Path keyFile) {}

  /**
   * @param listen multiaddrs to listen on, e.g. {@code /ip4/127.0.0.1/tcp/3610}
   * @param relays circuit relays: multiaddrs ending in {@code /p2p/<id>} or http(s) URLs
   * @param preauth the budget of inbound connections that have not completed Noise yet
   */
  public record P2p(@DefaultValue(NodeSettingsResolver.DEFAULT_LISTEN) List<String> listen,
      @DefaultValue List<String> relays, @DefaultValue PreAuth preauth) {}

  /**
   * Inbound connections whose remote has not proven its key with Noise yet, kept apart from the
   * connections of authenticated cluster peers.
   *
   * @param maxPerSource handshakes pending from one source address; more from it are closed at once
   * @param maxTotal handshakes pending from everyone; beyond it the oldest silent one is evicted
   * @param timeout how long an inbound connection may take to complete Noise
   */
  public record PreAuth(@DefaultValue("8") int maxPerSource, @DefaultValue("64") int maxTotal,
      @DefaultValue("3s") Duration timeout) {

    /** Most pending handshakes a setting may ask for. */
    public static final int MAX_PENDING = 65_536;
    /** Longest handshake deadline a setting may ask for. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    /** Refuses values the node cannot run with, naming the property. */
    public PreAuth {
      within(maxPerSource, 1, MAX_PENDING, "parsigex.p2p.preauth.max-per-source");
      within(maxTotal, maxPerSource, MAX_PENDING, "parsigex.p2p.preauth.max-total (at least "
          + "parsigex.p2p.preauth.max-per-source)");
      positive(timeout, "parsigex.p2p.preauth.timeout");
      if (timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException("parsigex.p2p.preauth.timeout must be at most "
            + MAX_TIMEOUT.toSeconds() + "s, got " + timeout);
      }
    }

    /**
     * The host's limits.
     *
     * @return the limits
     */
    public io.parsigex.libp2p.host.PreAuthLimits limits() {
      return new io.parsigex.libp2p.host.PreAuthLimits(maxPerSource, maxTotal, timeout);
    }
  }

  /**
   * @param peers every member as a multiaddr ending in {@code /p2p/<peer id>}, in cluster order,
   *     this node included; member i holds share index i+1
   * @param lockFile a Charon {@code cluster-lock.json}
   * @param validators validators with their public shares, when no lock file is used
   * @param lockVerification how much of the lock to check: {@code full} (hashes and every
   *     signature, the default), {@code hashes-only}, or {@code none} (an explicit override,
   *     logged as a warning)
   */
  public record Cluster(@DefaultValue List<String> peers, Path lockFile,
      @DefaultValue List<ValidatorShares> validators,
      @DefaultValue("full") String lockVerification) {}

  /**
   * @param publicKey the group public key, 0x + 96 hex
   * @param publicShares public shares in share-index order, 0x + 96 hex each
   */
  public record ValidatorShares(String publicKey, @DefaultValue List<String> publicShares) {}

  /**
   * @param preset {@code mainnet}, {@code hoodi}, {@code sepolia}, {@code gnosis}, {@code chiado}
   *     or {@code custom}; unset means the lock's network, or mainnet without a lock
   * @param genesisTime override: unix seconds
   * @param genesisValidatorsRoot override: 0x + 64 hex
   * @param secondsPerSlot override
   * @param slotsPerEpoch override
   * @param forkVersions override: fork name (phase0, altair, …, fulu) to 0x + 8 hex
   * @param forkEpochs override: fork name to activation epoch
   */
  public record Chain(String preset, Long genesisTime,
      String genesisValidatorsRoot, Long secondsPerSlot, Long slotsPerEpoch,
      @DefaultValue Map<String, String> forkVersions, @DefaultValue Map<String, Long> forkEpochs) {}

  /**
   * @param token bearer token for the mutating REST endpoints; none set means they answer 403
   * @param maxRequestSize the largest body a REST call under {@code /api/} accepts; a larger one
   *     answers 413 without being read further
   */
  public record Api(String token, @DefaultValue("64MB") DataSize maxRequestSize) {

    /** Upper bound for {@code parsigex.api.max-request-size}: a body is parsed in memory. */
    public static final DataSize MAX_REQUEST_SIZE_LIMIT = DataSize.ofMegabytes(512);

    /** Refuses a size the node cannot hold, naming the property. */
    public Api {
      if (maxRequestSize == null || maxRequestSize.toBytes() < 1
          || maxRequestSize.toBytes() > MAX_REQUEST_SIZE_LIMIT.toBytes()) {
        throw new IllegalArgumentException("parsigex.api.max-request-size must be 1B.."
            + MAX_REQUEST_SIZE_LIMIT + ", got " + maxRequestSize);
      }
    }
  }

  /**
   * @param receiveTimeout read-and-handle deadline of one inbound message (Charon: 5 s)
   * @param sendTimeout deadline of one outbound send (Charon: 7 s)
   * @param maxInboundStreams parsigex streams all peers together may have in flight
   * @param maxInboundStreamsPerPeer parsigex streams one peer may have in flight
   * @param verifyWorkers threads verifying signatures (0 = one per core, at least 2)
   * @param verifyQueue messages waiting for verification before new ones are refused
   * @param eventQueue outcomes waiting for listeners before new ones are dropped
   * @param verifyQueuePerPeer sets one peer may have waiting for verification (at most
   *     verify-queue counts); beyond it that peer's set of the oldest duty is shed
   * @param inboundBytes bytes all peers' inbound messages may hold, from the first byte read
   *     until the set is published or refused (the verify queue included)
   * @param inboundBytesPerPeer the same bound for one peer; at least the largest message (128 MiB)
   *     keeps every message receivable
   */
  public record Protocol(
      @DefaultValue("5s") Duration receiveTimeout,
      @DefaultValue("7s") Duration sendTimeout,
      @DefaultValue("64") int maxInboundStreamsPerPeer,
      @DefaultValue("1024") int maxInboundStreams,
      @DefaultValue("0") int verifyWorkers,
      @DefaultValue("4096") int verifyQueue,
      @DefaultValue("65536") int eventQueue,
      @DefaultValue("1024") int verifyQueuePerPeer,
      @DefaultValue("512MB") DataSize inboundBytes,
      @DefaultValue("128MB") DataSize inboundBytesPerPeer) {

    /** Upper bound for {@code parsigex.protocol.inbound-bytes} and its per-peer share. */
    public static final DataSize MAX_INBOUND_BYTES = DataSize.ofGigabytes(64);

    /** Most verification threads {@code parsigex.protocol.verify-workers} may ask for. */
    public static final int MAX_WORKERS = 256;
    /** Longest queue (and stream cap) a setting may ask for: queues are allocated up front. */
    public static final int MAX_QUEUE = 1 << 20;

    /** Refuses values the node cannot run with, naming the property. */
    public Protocol {
      positive(receiveTimeout, "parsigex.protocol.receive-timeout");
      positive(sendTimeout, "parsigex.protocol.send-timeout");
      within(maxInboundStreamsPerPeer, 1, MAX_QUEUE,
          "parsigex.protocol.max-inbound-streams-per-peer");
      within(maxInboundStreams, 1, MAX_QUEUE, "parsigex.protocol.max-inbound-streams");
      within(verifyWorkers, 0, MAX_WORKERS, "parsigex.protocol.verify-workers");
      within(verifyQueue, 1, MAX_QUEUE, "parsigex.protocol.verify-queue");
      within(eventQueue, 1, MAX_QUEUE, "parsigex.protocol.event-queue");
      within(verifyQueuePerPeer, 1, MAX_QUEUE, "parsigex.protocol.verify-queue-per-peer");
      bytes(inboundBytes, MAX_INBOUND_BYTES, "parsigex.protocol.inbound-bytes");
      bytes(inboundBytesPerPeer, inboundBytes, "parsigex.protocol.inbound-bytes-per-peer");
    }

    private static void bytes(DataSize value, DataSize max, String property) {
      if (value == null || value.toBytes() < 1 || value.toBytes() > max.toBytes()) {
        throw new IllegalArgumentException(property + " must be 1B.." + max + ", got " + value);
      }
    }
  }

  /**
   * @param nodes members of the demo cluster (all in this process)
   * @param threshold signatures needed to reconstruct (Charon's default for 4 is 3)
   * @param validators distributed validators the demo signs for
   * @param slotDuration how often the demo signs a slot's duties
   * @param signing whether the demo members sign and exchange duties (off: a quiet cluster)
   */
  public record Demo(@DefaultValue("4") int nodes, @DefaultValue("3") int threshold,
      @DefaultValue("3") int validators, @DefaultValue("2s") Duration slotDuration,
      @DefaultValue("true") boolean signing) {

    /** Most members a demo cluster may have (all run in this process). */
    public static final int MAX_NODES = 16;
    /** Most validators a demo cluster may sign for. */
    public static final int MAX_VALIDATORS = 1000;

    /** Refuses values the demo cannot run with, naming the property. */
    public Demo {
      within(nodes, 1, MAX_NODES, "parsigex.demo.nodes");
      within(threshold, 1, nodes, "parsigex.demo.threshold");
      within(validators, 1, MAX_VALIDATORS, "parsigex.demo.validators");
      if (slotDuration == null || slotDuration.toSeconds() < 1) {
        throw new IllegalArgumentException("parsigex.demo.slot-duration must be at least 1s, got "
            + slotDuration);
      }
    }
  }

  /**
   * Checks that a duration setting is positive.
   *
   * @param value the value
   * @param property the property, for the message
   */
  static void positive(Duration value, String property) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(property + " must be a positive duration such as 5s, got "
          + value);
    }
  }

  /**
   * Checks that a number setting is within bounds.
   *
   * @param value the value
   * @param min smallest allowed
   * @param max largest allowed
   * @param property the property, for the message
   */
  static void within(int value, int min, int max, String property) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(property + " must be " + min + ".." + max + ", got "
          + value);
    }
  }
}
