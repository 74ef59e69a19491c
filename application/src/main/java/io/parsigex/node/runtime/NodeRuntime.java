package io.parsigex.node.runtime;

import io.parsigex.api.CodecException;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.cluster.ClusterException;
import io.parsigex.cluster.ClusterLock;
import io.parsigex.cluster.ClusterLockLoader;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerSender;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.node.ParSigExNode;
import io.parsigex.core.peerinfo.LocalPeerInfo;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.libp2p.host.PreAuthLimits;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.relay.RelayConfigException;
import io.parsigex.core.relay.RelayResolver;
import io.parsigex.core.relay.RelaySources;
import io.parsigex.eth2.signing.SigningRoots;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.host.HostException;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.relay.RelayState;
import io.parsigex.node.api.NodeInfo;
import io.parsigex.node.api.NodeOperations;
import io.parsigex.node.config.InvalidSettingException;
import io.parsigex.node.config.ParsigexProperties;
import io.parsigex.node.config.PeerInfoProperties;
import io.parsigex.node.demo.DemoCluster;
import io.parsigex.node.demo.DemoSigner;
import io.parsigex.node.events.NodeEventBridge;
import io.parsigex.node.metrics.ParSigExMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node: member 0's {@link ParSigExNode} (whose outcomes become Spring events and
 * metrics), and in demo mode the other demo members and the demo signer.
 */
public final class NodeRuntime implements NodeOperations, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);
  /** Hex characters of the lock hash Charon sends to relay URLs (its Hex7). */
  private static final int CHARON_HASH_PREFIX = 7;

  private final ClusterSetup setup;
  private final ParsigexProperties props;
  private final CodecRegistry codecs;
  private final DutyGater gater;
  private final Optional<PartialSignatureVerifier> verifier;
  private final NodeEventBridge bridge;
  private final boolean verification;
  private final ParSigExMetrics metrics;
  private final SigningRoots roots;
  private final SigningContext signing;
  private final ReceivePipeline.Config pipeline;
  private final InboundLimits inbound;
  private final PreAuthLimits preAuth;
  private final RelaySources relays;
  private final List<ParSigExNode> demoMembers = new CopyOnWriteArrayList<>();
  // set by start(), read by any thread afterwards
  private volatile ParSigExNode node;
  private volatile Optional<DemoSigner> signer = Optional.empty();
  private volatile Optional<RelayResolver> relayResolver = Optional.empty();
  private volatile Optional<io.parsigex.node.metrics.CharonMetrics> charonMetrics =
      Optional.empty();
  private final LocalPeerInfo localPeerInfo;
  private final io.parsigex.node.api.SendLatencies sendLatencies =
      new io.parsigex.node.api.SendLatencies();

  /**
   * Prepares the node and validates what is left of its settings; {@link #start()} starts it.
   *
   * @param setup what to run
   * @param props settings
   * @param codecs the codecs
   * @param gater composed gaters
   * @param verifier composed verifiers; empty when verification is disabled
   * @param bridge where member 0's outcomes go
   * @param metrics metrics
   * @throws InvalidSettingException when a relay entry is unusable
   */
  public NodeRuntime(ClusterSetup setup, ParsigexProperties props, CodecRegistry codecs,
      DutyGater gater, Optional<PartialSignatureVerifier> verifier, NodeEventBridge bridge,
      ParSigExMetrics metrics) {
    this(setup, props, codecs, gater, verifier, bridge, metrics, PeerInfoProperties.defaults());
  }

  /**
   * Starts the node, announcing {@code peerInfo} (and the lock's hash) through Charon's peerinfo.
   *
   * @param setup what to run
   * @param props settings
   * @param codecs the codecs
   * @param gater composed gaters
   * @param verifier composed verifiers; empty when verification is disabled
   * @param bridge where member 0's outcomes go
   * @param metrics metrics
   * @param peerInfo nickname and builder-API flag to announce
   */
  public NodeRuntime(ClusterSetup setup, ParsigexProperties props, CodecRegistry codecs,
      DutyGater gater, Optional<PartialSignatureVerifier> verifier, NodeEventBridge bridge,
      ParSigExMetrics metrics, PeerInfoProperties peerInfo) {
    this.localPeerInfo = LocalPeerInfo.defaults().withLockHash(lockHashHex(props))
        .withOperatorSettings(peerInfo.nickname(), peerInfo.builderApiEnabled());
    this.setup = setup;
    this.props = props;
    this.codecs = codecs;
    this.gater = gater;
    this.verifier = verifier;
    this.bridge = bridge;
    this.verification = verifier.isPresent();
    this.metrics = metrics;
    this.roots = new SigningRoots(setup.chain());
    this.signing = new SigningContext(setup.chain().slotsPerEpoch(), roots::signingRoot);
    ParsigexProperties.Protocol p = props.protocol();
    int workers = p.verifyWorkers() > 0 ? p.verifyWorkers()
        : Math.max(2, Runtime.getRuntime().availableProcessors());
    this.pipeline = new ReceivePipeline.Config(workers, p.verifyQueue(),
        p.receiveTimeout(), p.eventQueue(), Math.min(p.verifyQueuePerPeer(), p.verifyQueue()));
    this.inbound = InboundLimits.of(p.receiveTimeout(), p.maxInboundStreamsPerPeer(),
        p.maxInboundStreams()).withBufferedBytes(p.inboundBytes().toBytes(),
        p.inboundBytesPerPeer().toBytes());
    this.relays = relaySources(props.p2p().relays());
    this.preAuth = props.p2p().preauth().limits();
  }

  /**
   * Starts the libp2p host (and the demo members, relays and demo signer). Called once, by
   * {@link NodeLifecycle}; on failure everything started so far is closed again.
   *
   * @throws InvalidSettingException when an address cannot be listened on
   */
  public synchronized void start() {
    if (node != null) {
      return;
    }
    ParsigexProperties.Protocol p = props.protocol();
    ConnectionListener connections = new ConnectionListener() {
      @Override
      public void connected(Connection c) {
        bridge.onPeer(c.remotePeer().toString(), true);
      }

      @Override
      public void disconnected(Connection c) {
        bridge.onPeer(c.remotePeer().toString(), false);
      }
    };
    this.node = start("node", setup.identity(), setup.listen(), setup.cluster(), codecs, gater,
        verifier, signing, bridge, pipeline, inbound, p, connections, Optional.of(metrics));
    metrics.fairness(node, setup.cluster().others().stream().map(Member::peerId).toList());
    this.charonMetrics = Optional.of(metrics.charon(node));
    if (!relays.isEmpty() && setup.demo().isPresent()) {
      log.warn("parsigex.p2p.relays is ignored in demo mode: the demo members share one process");
    }
    this.relayResolver = relays.isEmpty() || setup.demo().isPresent() ? Optional.empty()
        : Optional.of(RelayResolver.start(relays, relayQueryHeaders(props),
            RelayResolver.REFRESH_INTERVAL, this::useRelays));
    if (setup.demo().isPresent()) {
      DemoCluster demo = setup.demo().get();
      List<DemoSigner.MemberBroadcast> broadcasters = new ArrayList<>();
      broadcasters.add(this::broadcast);
      for (int i = 1; i < demo.identities().size(); i++) {
        ParSigExNode member = start("demo member " + i, demo.identities().get(i),
            List.of(demo.addresses().get(i)), demo.definition(i), codecs, gater, verifier,
            signing, new DemoListener(i), pipeline, inbound, p, new ConnectionListener() {},
            Optional.empty());
        demoMembers.add(member);
        broadcasters.add(member::broadcast);
      }
      DemoSigner s = new DemoSigner(demo, broadcasters, codecs, roots);
      if (props.demo().signing()) {
        s.start();
      }
      this.signer = Optional.of(s);
      log.info("Demo cluster of {} nodes and {} validators running on loopback; node 0 is {}",
          demo.identities().size(), demo.validators().size(), node.host().peerId());
    } else {
      log.info("Node {} (share index {}) listening on {} in a cluster of {}",
          node.host().peerId(), setup.cluster().selfMember().shareIndex(),
          node.host().listenAddresses(), setup.cluster().members().size());
    }
  }

  /**
   * Whether {@link #start()} has run and {@link #close()} has not.
   *
   * @return true while running
   */
  public boolean isRunning() {
    return node != null;
  }

  private static RelaySources relaySources(List<String> entries) {
    try {
      return RelaySources.parse(entries);
    } catch (RelayConfigException.BadEntry e) {
      throw new InvalidSettingException("parsigex.p2p.relays[" + e.index() + "]",
          e.getMessage(), e);
    }
  }

  /** The lock's hash as hex, for peerinfo; empty without a lock (or when it cannot be read). */
  private static String lockHashHex(ParsigexProperties props) {
    if (props.cluster().lockFile() == null) {
      return "";
    }
    try {
      return java.util.HexFormat.of().formatHex(new ClusterLockLoader(
          ClusterLockLoader.Verification.NONE).load(props.cluster().lockFile()).lockHash().toArray());
    } catch (ClusterException e) {
      log.warn("peerinfo announces no lock hash: {}", e.getMessage());
      return "";
    }
  }

  /**
   * What Charon sends when it asks a relay URL: {@code Charon-Cluster} (the first 7 hex characters
   * of the lock hash) and {@code Cluster-Uuid}; nothing without a lock.
   */
  private static Map<String, String> relayQueryHeaders(ParsigexProperties props) {
    if (props.cluster().lockFile() == null) {
      return Map.of();
    }
    try {
      // already verified when the settings were resolved; read again only for the identifiers
      ClusterLock lock = new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
          .load(props.cluster().lockFile());
      String hash = java.util.HexFormat.of().formatHex(lock.lockHash().toArray());
      return Map.of("Charon-Cluster", hash.substring(0, Math.min(CHARON_HASH_PREFIX,
          hash.length())), "Cluster-Uuid", lock.definition().uuid());
    } catch (ClusterException e) {
      log.warn("Relay URLs are queried without the cluster headers: {}", e.getMessage());
      return Map.of();
    }
  }

  private void useRelays(List<Multiaddr> relays) {
    ParSigExNode n = node;
    if (n == null) {
      return; // stopped while the relay URLs were being resolved
    }
    log.info("Using relays {}", relays);
    n.setRelays(relays);
    for (Multiaddr r : relays) {
      PeerId peer = r.peerId().orElseThrow();
      metrics.relayConnectionsGauge(peer.toString(), this,
          rt -> rt.isRunning() ? rt.node().relayedConnections().getOrDefault(peer, 0) : 0);
    }
  }

  /**
   * The state of every relay.
   *
   * @return one entry per relay (empty without relays)
   */
  public List<RelayState> relayStates() {
    ParSigExNode n = node;
    return n == null ? List.of() : n.relayStates();
  }

  /**
   * Relay URLs failing now, with why.
   *
   * @return messages by URL
   */
  public Map<String, String> relayUrlErrors() {
    Map<String, String> out = new java.util.TreeMap<>();
    relayResolver.ifPresent(r -> r.errors().forEach((u, m) -> out.put(u.toString(), m)));
    return out;
  }

  /**
   * Failed relay URL queries since the start (0 without relay URLs).
   *
   * @return the count
   */
  public long relayResolutionFailures() {
    return relayResolver.map(RelayResolver::failures).orElse(0L);
  }

  private ParSigExNode start(String what, Secp256k1PrivateKey identity, List<Multiaddr> listen,
      ClusterRoster cluster, CodecRegistry codecs, DutyGater gater,
      Optional<PartialSignatureVerifier> verifier, SigningContext signing,
      ReceiveListener listener, ReceivePipeline.Config pipeline, InboundLimits inbound,
      ParsigexProperties.Protocol p, ConnectionListener connections,
      Optional<ParSigExMetrics> sendMetrics) {
    try {
      return ParSigExNode.start(new ParSigExNode.Options(identity, listen, cluster, codecs, gater,
          verifier, signing, listener, pipeline, inbound, p.sendTimeout(), connections,
          // only member 0's sends are its p2p_send_duration_seconds, not the demo members'
          sender -> sendMetrics.<PeerSender>map(m -> new TimedSender(
              new io.parsigex.node.api.SendLatencies.Recording(sender, sendLatencies), m))
              .orElse(sender),
          List.of(), preAuth), localPeerInfo);
    } catch (HostException e) {
      close();
      throw new InvalidSettingException("parsigex.p2p.listen",
          what + " cannot listen on " + listen + ": " + e.getMessage(),
          "Another process may be using the address (a second node, or the same node still "
              + "running): stop it, or choose a free port in parsigex.p2p.listen"
              + (setup.isDemo() ? " (in demo mode the members listen on free loopback ports; "
              + "start the demo again)" : "") + ".", e);
    }
  }

  @Override
  public NodeInfo info() {
    List<NodeInfo.Peer> peers = new ArrayList<>();
    for (Member m : setup.cluster().others()) {
      peers.add(new NodeInfo.Peer(m.peerId().toString(), m.shareIndex(),
          node.isConnected(m.peerId()), m.addresses().stream().map(Multiaddr::toString).toList()));
    }
    return new NodeInfo(node.host().peerId().toString(),
        setup.cluster().selfMember().shareIndex(),
        node.host().listenAddresses().stream().map(Multiaddr::toString).toList(), peers);
  }

  @Override
  public List<io.parsigex.node.api.PeerLink> links() {
    ParSigExNode n = node;
    List<io.parsigex.node.api.PeerLink> out = new ArrayList<>();
    for (Member m : setup.cluster().others()) {
      Optional<Connection> c = n == null ? Optional.empty() : n.host().openConnection(m.peerId());
      out.add(new io.parsigex.node.api.PeerLink(m.peerId().toString(), m.shareIndex(),
          io.parsigex.node.api.PeerLink.connection(c.isPresent(),
              c.map(Connection::isRelayed).orElse(false)),
          sendLatencies.of(m.peerId().toString())));
    }
    return out;
  }

  @Override
  public CodecRegistry codecs() {
    return node.codecs();
  }

  @Override
  public CompletableFuture<BroadcastResult> broadcast(Duty duty, ParSignedDataSet set)
      throws CodecException {
    return node.broadcast(duty, set).thenApply(r -> {
      bridge.onBroadcast(r);
      return r;
    });
  }

  /**
   * Members connected now (0 while not running).
   *
   * @return the count
   */
  public int connectedPeers() {
    ParSigExNode n = node;
    return n == null ? 0 : (int) setup.cluster().others().stream()
        .filter(m -> n.isConnected(m.peerId())).count();
  }

  /**
   * Whether the libp2p host is listening.
   *
   * @return true while listening
   */
  public boolean isListening() {
    ParSigExNode n = node;
    return n != null && !n.host().listenAddresses().isEmpty();
  }

  /**
   * The setup.
   *
   * @return what runs
   */
  public ClusterSetup setup() {
    return setup;
  }

  /**
   * Whether received signatures are verified.
   *
   * @return false when verification was explicitly disabled
   */
  public boolean verificationEnabled() {
    return verification;
  }

  /**
   * Member 0's node.
   *
   * @return the node; null before {@link #start()} and after {@link #close()}
   */
  public ParSigExNode node() {
    return node;
  }

  /**
   * Charon's metrics of member 0 (with its ping service).
   *
   * @return the metrics; empty before {@link #start()} and after {@link #close()}
   */
  public Optional<io.parsigex.node.metrics.CharonMetrics> charonMetrics() {
    return charonMetrics;
  }

  /**
   * The other members of the demo cluster (empty outside demo mode).
   *
   * @return demo members 1..n-1, in cluster order
   */
  public List<ParSigExNode> demoMembers() {
    return List.copyOf(demoMembers);
  }

  /**
   * The peer id of this node.
   *
   * @return peer id
   */
  public PeerId peerId() {
    return node.host().peerId();
  }

  /**
   * Stops what {@link #start()} started, the signer and relays first, member 0's host last.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    charonMetrics.ifPresent(io.parsigex.node.metrics.CharonMetrics::close);
    charonMetrics = Optional.empty();
    relayResolver.ifPresent(RelayResolver::close);
    relayResolver = Optional.empty();
    signer.ifPresent(DemoSigner::close);
    signer = Optional.empty();
    demoMembers.forEach(ParSigExNode::close);
    demoMembers.clear();
    ParSigExNode n = node;
    node = null;
    if (n != null) {
      n.close();
    }
  }

  /** Counts and logs what a demo member receives. */
  private static final class DemoListener implements ReceiveListener {
    private final int member;
    private final AtomicLong accepted = new AtomicLong();

    DemoListener(int member) {
      this.member = member;
    }

    @Override
    public void onAccepted(VerifiedSet set) {
      long n = accepted.incrementAndGet();
      if (n % 500 == 0) {
        log.info("Demo member {} has verified {} sets", member, n);
      }
    }

    @Override
    public void onRejected(Rejection r) {
      log.warn("Demo member {} rejected {} from {}: {}", member, r.duty().orElse(null),
          r.senderPeerId(), r.message());
    }
  }
}
