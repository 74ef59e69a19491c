package io.parsigex.attack;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.CodecException;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PluginContext;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.PipelineExtensions;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.members.Validator;
import io.parsigex.core.node.ParSigExNode;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.protocol.ParSigExProtocol;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.core.wire.WireEntry;
import io.parsigex.core.wire.WireMessage;
import io.parsigex.eth2.charon.Eth2Codecs;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.eth2.signing.SigningRoots;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxConfig;
import io.parsigex.node.demo.ThresholdKeys;
import io.parsigex.node.plugins.PluginHost;
import io.parsigex.testsupport.PluginArtifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A 4-member cluster in this JVM on loopback (real TCP, Noise, Yamux, real BLS threshold keys of one
 * validator, mainnet chain): member A (share 1) is an attacker, a bare {@link Host} with A's key
 * driven by a {@link RawAttacker}; H (share 2) is an honest {@link ParSigExNode} broadcasting RANDAO
 * reveals signed with its real secret share; V (share 3) is the victim, a {@link ParSigExNode}
 * verifying with the real bls-verifier plugin loaded from its built artifact, guarded the way the
 * node wires its plugins ({@link GuardedExtensions} on a bounded pool of the node's default size);
 * its {@link DeliveryRecorder} records every outcome; W (share 4) is another honest node, started
 * with the others or later ({@link #startLateMember}). Every node uses the node's default pipeline
 * and inbound limits.
 */
final class AttackCluster implements AutoCloseable {

  /** The RANDAO epoch every set signs. */
  static final long EPOCH = 1_000;
  /** The node's receive timeout (its default). */
  static final Duration RECEIVE_TIMEOUT = ReceivePipeline.Config.DEFAULT_RECEIVE_TIMEOUT;
  /** The node's default send timeout. */
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(7);
  /** The node's default inbound stream caps. */
  static final int MAX_STREAMS_PER_PEER = 64;
  static final int MAX_STREAMS = 1024;
  /** The node's default plugin pool ({@code parsigex.plugins.workers}, {@code queue}). */
  static final int PLUGIN_WORKERS = 2;
  /** The victim's verify workers: the pipeline default on this machine (one per core, at least 2). */
  static final int VERIFY_WORKERS = ReceivePipeline.Config.defaults().workers();
  /** Streams the attacker's own muxer lets it open at once. */
  static final int ATTACKER_STREAMS = 8192;
  private static final Duration CONNECT_BOUND = Duration.ofSeconds(20);
  private static final int MEMBERS = 4;
  private static final int THRESHOLD = 3;

  /** Index of each role in {@link #members}. */
  static final int A = 0;
  static final int H = 1;
  static final int V = 2;
  static final int W = 3;

  /**
   * How the victim is set up.
   *
   * @param hungVerifier whether the {@link HangingVerifier} plugin (hanging on A's sets) is loaded
   *     next to the bls-verifier
   * @param pluginCallTimeout the plugin call timeout ({@code parsigex.plugins.call-timeout})
   * @param lateMember whether W starts only on {@link #startLateMember}
   */
  record Setup(boolean hungVerifier, Duration pluginCallTimeout, boolean lateMember) {
    static Setup standard() {
      return new Setup(false, GuardedExtensions.DEFAULT_TIMEOUT, false);
    }
  }

  private final Setup setup;
  private final List<Secp256k1PrivateKey> keys = new ArrayList<>();
  private final List<Member> members = new ArrayList<>();
  private final ThresholdKeys validator;
  private final CodecRegistry codecs = CodecRegistry.of(Eth2Codecs.builtIns());
  private final ChainSpec chain = ChainPreset.MAINNET.spec();
  private final SigningRoots roots = new SigningRoots(chain);
  private final byte[] signingRoot;
  private final DeliveryRecorder recorder = new DeliveryRecorder();
  private final SimpleMeterRegistry victimMeters = new SimpleMeterRegistry();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private ParSigExNode honest;
  private ParSigExNode victim;
  private ParSigExNode late;
  private Host attackerHost;
  private RawAttacker attacker;
  private byte[] honestPayload;
  private byte[] wrongSharePayload;
  private byte[] attackerValidPayload;

  private AttackCluster(Setup setup) throws Exception {
    this.setup = setup;
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < MEMBERS; i++) {
      Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(random);
      keys.add(k);
      members.add(new Member(PeerId.fromPublicKey(k.publicKey()), i + 1,
          List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + freePort()))));
    }
    this.validator = ThresholdKeys.generate(MEMBERS, THRESHOLD, random);
    String unsigned = "{\"epoch\":\"" + EPOCH + "\",\"signature\":\"0x" + "00".repeat(96) + "\"}";
    this.signingRoot = roots.signingRoot(codecs.fromJson(DutyType.RANDAO, unsigned)
        .eth2Signing(chain.slotsPerEpoch()).orElseThrow());
  }

  /**
   * Starts the cluster and waits until the attacker, H (and W unless late) are connected to V.
   *
   * @param setup the victim's set-up
   * @param work scratch folder (plugins)
   * @return the running cluster
   */
  static AttackCluster start(Setup setup, Path work) throws Exception {
    AttackCluster c = new AttackCluster(setup);
    try {
      c.startAll(work);
      return c;
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
  }

  private void startAll(Path work) throws Exception {
    honestPayload = payload(validator.sign(H + 1, signingRoot));
    // a real signature, over the right root, by another member's share: the wrong share for A
    wrongSharePayload = payload(validator.sign(H + 1, signingRoot));
    attackerValidPayload = payload(validator.sign(A + 1, signingRoot));
    Optional<PartialSignatureVerifier> verifier = Optional.of(victimVerifier(work));
    victim = node(V, verifier, recorder);
    closing.add(victim);
    honest = node(H, Optional.empty(), ignore());
    closing.add(honest);
    if (!setup.lateMember()) {
      late = node(W, Optional.empty(), ignore());
      closing.add(late);
    }
    YamuxConfig yamux = YamuxConfig.defaults().withStreamLimits(ATTACKER_STREAMS, ATTACKER_STREAMS);
    HostConfig base = HostConfig.of(keys.get(A), members.get(A).addresses(),
        ConnectionGater.allowAll());
    attackerHost = Host.start(new HostConfig(base.identity(), base.listen(), base.gater(), yamux,
        base.handshakeTimeout(), base.negotiationTimeout(), base.dialTimeout(),
        base.redialInitialBackoff(), base.redialMaxBackoff(), base.agentVersion(),
        base.ioThreads(), base.maxConnections(), base.preAuth()));
    closing.add(attackerHost);
    // A still receives the honest members' broadcasts, and drains them as Charon would.
    attackerHost.setStreamHandler(ParSigExProtocol.PROTOCOL_ID,
        s -> s.handler((st, data) -> data.release()));
    attackerHost.addAddress(members.get(V).addresses().get(0).withPeerId(peer(V)));
    attackerHost.connectTo(members.get(V).addresses().get(0).withPeerId(peer(V)))
        .get(CONNECT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    attacker = new RawAttacker(attackerHost, peer(V));
    awaitConnected(honest, peer(V));
    if (late != null) {
      awaitConnected(late, peer(V));
    }
  }

  private PartialSignatureVerifier victimVerifier(Path work) throws IOException {
    Path dir = PluginArtifacts.install(Files.createTempDirectory(work, "plugins"), "bls-verifier");
    if (setup.hungVerifier()) {
      PluginArtifacts.testPlugin(dir, HangingVerifier.ID, HangingVerifier.class);
    }
    Map<PubKey, List<PubKey>> shares = Map.of(validator.publicKey(), validator.publicShares());
    Map<String, Integer> indices = new java.util.HashMap<>();
    for (Member m : members) {
      indices.put(m.peerId().toString(), m.shareIndex());
    }
    ClusterShares view = new ClusterShares(shares, indices);
    ChainTiming timing = new ChainTiming(chain.genesisInstant(), chain.slotDuration(),
        chain.slotsPerEpoch());
    Map<String, String> hangSettings = Map.of(HangingVerifier.HANG_FOR_PEER, peer(A).toString());
    PluginHost plugins = new PluginHost(dir, List.of(), List.of(),
        id -> new PluginContext(id, view, timing, Clock.systemUTC(),
            HangingVerifier.ID.equals(id) ? hangSettings : Map.of()), true);
    closing.add(plugins);
    // as the node's PluginConfiguration wires it: own pools per extension point, the verifier's
    // sized as the pipeline's verify workers
    GuardedExtensions guarded = new GuardedExtensions(plugins.gaters(), plugins.verifiers(),
        plugins.codecs(), GuardedExtensions.Limits.of(setup.pluginCallTimeout())
            .withWorkers(PLUGIN_WORKERS, VERIFY_WORKERS, PLUGIN_WORKERS), victimMeters);
    closing.add(guarded);
    return PipelineExtensions.verifier(guarded);
  }

  private ParSigExNode node(int i, Optional<PartialSignatureVerifier> verifier,
      ReceiveListener listener) throws Exception {
    Map<PubKey, Validator> validators = Map.of(validator.publicKey(),
        new Validator(validator.publicKey(), validator.publicShares()));
    return ParSigExNode.start(new ParSigExNode.Options(keys.get(i), members.get(i).addresses(),
        new ClusterRoster(members, peer(i), validators), codecs, new AllGaters(List.of()),
        verifier, new SigningContext(chain.slotsPerEpoch(), roots::signingRoot), listener,
        ReceivePipeline.Config.defaults(),
        InboundLimits.of(RECEIVE_TIMEOUT, MAX_STREAMS_PER_PEER, MAX_STREAMS), SEND_TIMEOUT,
        new ConnectionListener() {}, UnaryOperator.identity()));
  }

  private static void awaitConnected(ParSigExNode node, PeerId peer) throws InterruptedException {
    long end = System.nanoTime() + CONNECT_BOUND.toNanos();
    while (!node.isConnected(peer) && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    if (!node.isConnected(peer)) {
      throw new AssertionError(node.host().peerId() + " did not connect to " + peer + " within "
          + CONNECT_BOUND);
    }
  }

  /**
   * Starts W now (after {@link Setup#lateMember}) and waits until it is connected to V.
   *
   * @param bound how long to wait
   * @return how long it took, or empty when it did not connect within the bound
   */
  Optional<Duration> startLateMember(Duration bound) throws Exception {
    long start = System.nanoTime();
    late = node(W, Optional.empty(), ignore());
    closing.add(late);
    long end = start + bound.toNanos();
    while (System.nanoTime() < end) {
      if (late.isConnected(peer(V))) {
        return Optional.of(Duration.ofNanos(System.nanoTime() - start));
      }
      Thread.sleep(5);
    }
    return Optional.empty();
  }

  private byte[] payload(byte[] signature) throws CodecException {
    SignedData d = codecs.fromJson(DutyType.RANDAO, "{\"epoch\":\"" + EPOCH
        + "\",\"signature\":\"0x" + HexFormat.of().formatHex(signature) + "\"}");
    return codecs.encode(DutyType.RANDAO, d).bytes();
  }

  private ParSignedDataSet honestSet() throws CodecException {
    SignedData d = codecs.decode(DutyType.RANDAO, honestPayload).data();
    return ParSignedDataSet.of(validator.publicKey(), new ParSignedData(d, H + 1));
  }

  /**
   * H broadcasts its valid set for a slot (to every other member), and the victim's recorder notes
   * when.
   *
   * @param slot the duty slot
   * @return the broadcast's outcome
   */
  CompletableFuture<BroadcastResult> sendHonest(long slot) throws CodecException {
    recorder.sent(slot);
    return honest.broadcast(new Duty(slot, DutyType.RANDAO), honestSet());
  }

  /**
   * A well-framed set from A whose one entry carries A's share index and a real signature over the
   * right signing root, made with another member's share: a wrong-share signature.
   *
   * @param slot the duty slot
   * @return the frame (length prefix and protobuf)
   */
  byte[] wrongShareFrame(long slot) {
    return frame(slot, wrongSharePayload, A + 1);
  }

  /**
   * A set from A signed with A's own share: valid.
   *
   * @param slot the duty slot
   * @return the frame
   */
  byte[] attackerValidFrame(long slot) {
    return frame(slot, attackerValidPayload, A + 1);
  }

  private byte[] frame(long slot, byte[] payload, int share) {
    return ParSigExFraming.encodeFrame(new WireMessage(new Duty(slot, DutyType.RANDAO),
        Map.of(validator.publicKey(), new WireEntry(payload, new byte[0], share))));
  }

  RawAttacker attacker() {
    return attacker;
  }

  DeliveryRecorder recorder() {
    return recorder;
  }

  ParSigExNode victim() {
    return victim;
  }

  ParSigExNode honest() {
    return honest;
  }

  /**
   * A member's peer id.
   *
   * @param i {@link #A}, {@link #H}, {@link #V} or {@link #W}
   * @return the id
   */
  PeerId peer(int i) {
    return members.get(i).peerId();
  }

  /**
   * The victim's TCP listen port.
   *
   * @return the port
   */
  int victimPort() {
    return members.get(V).addresses().get(0).tcpEndpoint().orElseThrow().getPort();
  }

  /**
   * {@code parsigex_plugin_failures_total} of the victim for one plugin and kind.
   *
   * @param plugin the plugin id
   * @param kind for example {@code timeout}
   * @return the count
   */
  double pluginFailures(String plugin, String kind) {
    return victimMeters.find("parsigex.plugin.failures").tag("plugin", plugin).tag("kind", kind)
        .counters().stream().mapToDouble(Counter::count).sum();
  }

  /**
   * Every meter of the victim's plugin guard, for the report.
   *
   * @return name{tags}=value lines
   */
  String pluginMeters() {
    StringBuilder b = new StringBuilder();
    victimMeters.getMeters().forEach(m -> m.measure().forEach(ms -> b.append(m.getId().getName())
        .append(m.getId().getTags()).append('=').append(ms.getValue()).append(' ')));
    return b.toString();
  }

  private static ReceiveListener ignore() {
    return new ReceiveListener() {
      @Override
      public void onAccepted(VerifiedSet s) {}

      @Override
      public void onRejected(Rejection r) {}
    };
  }

  private static int freePort() {
    return io.parsigex.testsupport.FreePorts.loopbackPort();
  }

  @Override
  public void close() {
    for (int i = closing.size() - 1; i >= 0; i--) {
      try {
        closing.get(i).close();
      } catch (Exception e) {
        // best effort: the others still close
      }
    }
  }
}
