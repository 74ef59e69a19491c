package io.parsigex.core.node;

import io.parsigex.api.CodecException;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.Broadcaster;
import io.parsigex.core.broadcast.PeerSender;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.peerinfo.LocalPeerInfo;
import io.parsigex.core.peerinfo.PeerInfoProtocol;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.protocol.ParSigExProtocol;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.host.HostException;
import io.parsigex.libp2p.host.PreAuthLimits;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.relay.RelayClient;
import io.parsigex.libp2p.relay.RelayRouter;
import io.parsigex.libp2p.relay.RelayState;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One parsigex cluster member, without Spring: a libp2p host that admits only the cluster's peers,
 * the {@code /charon/parsigex/2.0.0} protocol, the receive pipeline and the broadcaster. The Spring
 * node wraps one of these; the demo cluster runs several in one process.
 */
public final class ParSigExNode implements AutoCloseable {

  /**
   * Everything a node is made of.
   *
   * @param identity the libp2p identity key
   * @param listen listen addresses
   * @param cluster members and validators
   * @param codecs payload codecs
   * @param gater composed duty gaters
   * @param verifier composed verifiers; empty only when verification is disabled
   * @param signing chain facts for signing roots
   * @param listener where receive outcomes go
   * @param pipeline pipeline sizes
   * @param inbound inbound stream limits
   * @param sendTimeout deadline of each send
   * @param connections told about connections (may be a no-op)
   * @param senderDecorator wraps the transport's sender (metrics); identity for none
   * @param relays circuit relays to reserve on and reach peers through (addresses ending in
   *     {@code /p2p/<relay id>}); empty for none (more can be set later with
   *     {@link ParSigExNode#setRelays})
   * @param preAuth the budget of inbound connections that have not completed Noise yet
   */
  public record Options(Secp256k1PrivateKey identity, List<Multiaddr> listen,
      ClusterRoster cluster, CodecRegistry codecs, DutyGater gater,
      Optional<PartialSignatureVerifier> verifier, SigningContext signing,
      ReceiveListener listener, ReceivePipeline.Config pipeline, InboundLimits inbound,
      Duration sendTimeout, ConnectionListener connections,
      UnaryOperator<PeerSender> senderDecorator, List<Multiaddr> relays, PreAuthLimits preAuth) {

    /** Validates. */
    public Options {
      Objects.requireNonNull(identity, "identity");
      listen = List.copyOf(listen);
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(codecs, "codecs");
      Objects.requireNonNull(gater, "gater");
      Objects.requireNonNull(verifier, "verifier");
      Objects.requireNonNull(signing, "signing");
      Objects.requireNonNull(listener, "listener");
      Objects.requireNonNull(pipeline, "pipeline");
      Objects.requireNonNull(inbound, "inbound");
      Objects.requireNonNull(sendTimeout, "sendTimeout");
      Objects.requireNonNull(connections, "connections");
      Objects.requireNonNull(senderDecorator, "senderDecorator");
      relays = List.copyOf(relays);
      Objects.requireNonNull(preAuth, "preAuth");
      if (!PeerId.fromPublicKey(identity.publicKey()).equals(cluster.self())) {
        throw new IllegalArgumentException("the identity key is not the cluster's self member");
      }
    }

    /**
     * Options with the default pre-authentication budget.
     *
     * @param identity identity
     * @param listen listen addresses
     * @param cluster members and validators
     * @param codecs codecs
     * @param gater gaters
     * @param verifier verifiers
     * @param signing signing facts
     * @param listener outcomes
     * @param pipeline pipeline sizes
     * @param inbound inbound limits
     * @param sendTimeout send deadline
     * @param connections connection events
     * @param senderDecorator sender wrapper
     * @param relays circuit relays
     */
    public Options(Secp256k1PrivateKey identity, List<Multiaddr> listen, ClusterRoster cluster,
        CodecRegistry codecs, DutyGater gater, Optional<PartialSignatureVerifier> verifier,
        SigningContext signing, ReceiveListener listener, ReceivePipeline.Config pipeline,
        InboundLimits inbound, Duration sendTimeout, ConnectionListener connections,
        UnaryOperator<PeerSender> senderDecorator, List<Multiaddr> relays) {
      this(identity, listen, cluster, codecs, gater, verifier, signing, listener, pipeline,
          inbound, sendTimeout, connections, senderDecorator, relays, PreAuthLimits.defaults());
    }

    /**
     * Options without relays.
     *
     * @param identity identity
     * @param listen listen addresses
     * @param cluster members and validators
     * @param codecs codecs
     * @param gater gaters
     * @param verifier verifiers
     * @param signing signing facts
     * @param listener outcomes
     * @param pipeline pipeline sizes
     * @param inbound inbound limits
     * @param sendTimeout send deadline
     * @param connections connection events
     * @param senderDecorator sender wrapper
     */
    public Options(Secp256k1PrivateKey identity, List<Multiaddr> listen, ClusterRoster cluster,
        CodecRegistry codecs, DutyGater gater, Optional<PartialSignatureVerifier> verifier,
        SigningContext signing, ReceiveListener listener, ReceivePipeline.Config pipeline,
        InboundLimits inbound, Duration sendTimeout, ConnectionListener connections,
        UnaryOperator<PeerSender> senderDecorator) {
      this(identity, listen, cluster, codecs, gater, verifier, signing, listener, pipeline,
          inbound, sendTimeout, connections, senderDecorator, List.of());
    }
  }

  private final Options options;
  private final Host host;
  private final ReceivePipeline pipeline;
  private final ParSigExProtocol protocol;
  private final Broadcaster broadcaster;
  private final Set<PeerId> relayPeers;
  private RelayClient relayClient;
  private RelayRouter relayRouter;
  private final PeerInfoProtocol peerInfo;

  private ParSigExNode(Options options, Host host, ReceivePipeline pipeline,
      ParSigExProtocol protocol, Broadcaster broadcaster, Set<PeerId> relayPeers,
      PeerInfoProtocol peerInfo) {
    this.options = options;
    this.peerInfo = peerInfo;
    this.host = host;
    this.pipeline = pipeline;
    this.protocol = protocol;
    this.broadcaster = broadcaster;
    this.relayPeers = relayPeers;
  }

  /**
   * Starts the node: listens, registers the protocol and starts connecting to every other member.
   *
   * @param options the parts
   * @return the running node
   * @throws HostException when the host cannot listen
   */
  public static ParSigExNode start(Options options) throws HostException {
    return start(options, LocalPeerInfo.defaults());
  }

  /**
   * Starts the node and answers Charon's peerinfo with {@code peerInfo} (asking every other member
   * once a minute, as Charon does).
   *
   * @param options the parts
   * @param peerInfo what the node announces through {@code /charon/peerinfo/2.0.0}
   * @return the running node
   * @throws HostException when the host cannot listen
   */
  public static ParSigExNode start(Options options, LocalPeerInfo peerInfo)
      throws HostException {
    ClusterRoster cluster = options.cluster();
    Set<PeerId> members = cluster.members().stream().map(Member::peerId)
        .collect(Collectors.toUnmodifiableSet());
    Set<PeerId> relayPeers = ConcurrentHashMap.newKeySet();
    options.relays().forEach(r -> r.peerId().ifPresent(relayPeers::add));
    Host host = Host.start(HostConfig.of(options.identity(), options.listen(),
        peer -> members.contains(peer) || relayPeers.contains(peer))
        .withPreAuth(options.preAuth()));
    ReceivePipeline pipeline = null;
    try {
      host.addConnectionListener(options.connections());
      pipeline = new ReceivePipeline(options.pipeline(), options.gater(), options.codecs(),
          options.verifier(), options.signing(), options.listener(), Clock.systemUTC());
      ParSigExProtocol protocol = new ParSigExProtocol(host, pipeline, options.inbound(),
          peer -> cluster.member(peer).map(Member::shareIndex).orElse(0), Clock.systemUTC());
      Broadcaster broadcaster = new Broadcaster(options.codecs(),
          cluster.members().stream().map(m -> m.peerId().toString()).toList(),
          cluster.self().toString(), options.senderDecorator().apply(protocol),
          options.sendTimeout());
      for (Member m : cluster.others()) {
        for (Multiaddr a : m.addresses()) {
          host.connectTo(a.withPeerId(m.peerId()));
        }
      }
      ParSigExNode node = new ParSigExNode(options, host, pipeline, protocol, broadcaster,
          relayPeers, new PeerInfoProtocol(host, cluster.members().stream()
              .map(Member::peerId).toList(), peerInfo, Clock.systemUTC()));
      if (!options.relays().isEmpty()) {
        node.setRelays(options.relays());
      }
      node.peerInfo.startPeriodicRequests();
      return node;
    } catch (RuntimeException e) {
      if (pipeline != null) {
        pipeline.close();
      }
      host.close();
      throw e;
    }
  }

  /**
   * Broadcasts this node's partial signatures to every other member.
   *
   * @param duty the duty
   * @param set the partial signatures
   * @return one outcome per peer; never fails exceptionally
   * @throws CodecException when a payload cannot be encoded
   */
  public CompletableFuture<BroadcastResult> broadcast(Duty duty, ParSignedDataSet set)
      throws CodecException {
    return broadcaster.broadcast(duty, set);
  }

  /**
   * The libp2p host.
   *
   * @return the host
   */
  public Host host() {
    return host;
  }

  /**
   * The cluster.
   *
   * @return members and validators
   */
  public ClusterRoster cluster() {
    return options.cluster();
  }

  /**
   * The codecs.
   *
   * @return the registry
   */
  public CodecRegistry codecs() {
    return options.codecs();
  }

  /**
   * Whether a member is connected now.
   *
   * @param peer the member
   * @return true with an open connection
   */
  public boolean isConnected(PeerId peer) {
    return host.openConnection(peer).isPresent();
  }

  /**
   * Inbound streams refused by the caps.
   *
   * @return the count
   */
  public long refusedStreams() {
    return protocol.refusedStreams();
  }

  /**
   * Inbound streams refused at open because their peer is throttled.
   *
   * @return the count
   */
  public long throttledStreams() {
    return protocol.throttledStreams();
  }

  /**
   * Inbound streams shed at the per-peer cap: the peer's oldest in-flight stream, reset to read
   * a newer one (also counted in {@link #refusedStreams()}).
   *
   * @return the count
   */
  public long shedStreams() {
    return protocol.shedStreams();
  }

  /**
   * Bytes one peer's inbound messages hold now, from the first byte read until the set is
   * published or refused.
   *
   * @param peer the peer
   * @return bytes
   */
  public long inboundBytes(PeerId peer) {
    return protocol.budget().used(peer.toString());
  }

  /**
   * Bytes all inbound messages hold now.
   *
   * @return bytes
   */
  public long inboundBytes() {
    return protocol.budget().used();
  }

  /**
   * Sets one peer has waiting for verification.
   *
   * @param peer the peer
   * @return the count
   */
  public int verifyQueueDepth(PeerId peer) {
    return pipeline.queueDepth(peer.toString());
  }

  /**
   * Sets shed by the load-shedding policy (oldest duty first), by cause.
   *
   * @return cause label ({@code peer_queue}, {@code node_queue}, {@code deadline},
   *     {@code bytes}) to count
   */
  public Map<String, Long> shedSets() {
    return pipeline.shedSets();
  }

  /**
   * The throttled peers and their failure scores.
   *
   * @return peer id text to score
   */
  public Map<String, Double> throttledPeers() {
    return pipeline.throttledPeers();
  }

  /**
   * Lines the receive path's rejection logs have written (full lines and rate-limited summaries).
   *
   * @return the count
   */
  public long rejectionLogLines() {
    return pipeline.rejectionLogLines();
  }

  /**
   * Outcomes dropped because listeners were too slow.
   *
   * @return the count
   */
  public long droppedOutcomes() {
    return pipeline.droppedOutcomes();
  }

  /**
   * Sets the circuit relays (e.g. after re-resolving relay URLs): admits them through the gater,
   * reserves on them, and routes the cluster peers through them (Charon's rule: the member with the
   * smaller peer id dials).
   *
   * @param relays relay addresses ending in {@code /p2p/<relay id>}
   */
  public synchronized void setRelays(List<Multiaddr> relays) {
    relays.forEach(r -> relayPeers.add(r.peerId().orElseThrow(() ->
        new IllegalArgumentException("relay address " + r + " must end in /p2p/<relay id>"))));
    if (relayClient == null) {
      if (relays.isEmpty()) {
        return;
      }
      relayClient = RelayClient.start(host, relays);
      Map<PeerId, List<Multiaddr>> peers = new LinkedHashMap<>();
      for (Member m : options.cluster().others()) {
        peers.put(m.peerId(), m.addresses());
      }
      relayRouter = RelayRouter.start(host, relayClient, peers);
    } else {
      relayClient.setRelays(relays);
      relayRouter.route();
    }
  }

  /**
   * The state of every relay (empty without relays).
   *
   * @return one entry per relay
   */
  public synchronized List<RelayState> relayStates() {
    return relayClient == null ? List.of() : relayClient.states();
  }

  /**
   * Open connections relayed through each relay.
   *
   * @return counts by relay
   */
  public synchronized Map<PeerId, Integer> relayedConnections() {
    return relayClient == null ? Map.of() : relayClient.relayedConnections();
  }

  /**
   * Charon's peerinfo protocol on this node: what we announce and what the members answered.
   *
   * @return the protocol
   */
  public PeerInfoProtocol peerInfo() {
    return peerInfo;
  }

  @Override
  public void close() {
    peerInfo.close();
    synchronized (this) {
      if (relayRouter != null) {
        relayRouter.close();
      }
      if (relayClient != null) {
        relayClient.close();
      }
    }
    host.close();
    pipeline.close();
  }

  /**
   * How long this node's peers have to answer before a send fails.
   *
   * @return the send timeout
   */
  public Duration sendTimeout() {
    return options.sendTimeout();
  }
}
