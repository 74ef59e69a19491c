package io.parsigex.bench;

import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.CodecException;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PluginContext;
import io.parsigex.api.PubKey;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.members.Validator;
import io.parsigex.core.node.ParSigExNode;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.eth2.charon.Eth2Codecs;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.signing.ChainSpec;
import io.parsigex.eth2.signing.SigningRoots;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Two parsigex nodes in this JVM on loopback (real TCP, Noise, Yamux), sender A (share 1) and
 * receiver B (share 2), with the built-in codecs, and on B either no verifier or the real
 * bls-verifier plugin loaded from its built artifact. A's set: one signed RANDAO reveal (Charon
 * JSON) per validator, signed with A's real secret shares.
 */
final class BenchPair implements AutoCloseable {

  /** The RANDAO epoch every set signs. */
  static final long EPOCH = 1_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int STREAMS_PER_PEER = 256;
  private static final int STREAMS = 1024;
  private static final int VERIFY_QUEUE = 8192;
  private static final int EVENT_QUEUE = 65_536;

  private final ParSigExNode sender;
  private final ParSigExNode receiver;
  private final ParSignedDataSet set;
  private final Map<String, String> senderShares;
  private final byte[] signingRoot;
  private final Optional<PluginHost> plugins;

  private BenchPair(ParSigExNode sender, ParSigExNode receiver, ParSignedDataSet set,
      Map<String, String> senderShares, byte[] signingRoot, Optional<PluginHost> plugins) {
    this.sender = sender;
    this.receiver = receiver;
    this.set = set;
    this.senderShares = Map.copyOf(senderShares);
    this.signingRoot = signingRoot.clone();
    this.plugins = plugins;
  }

  /**
   * Starts the pair and waits until A is connected to B.
   *
   * @param entries validators in each set
   * @param verify whether B verifies with the bls-verifier plugin
   * @param listener B's listener
   * @param workDir scratch folder for the plugin
   * @return the pair
   */
  static BenchPair start(int entries, boolean verify, ReceiveListener listener, Path workDir)
      throws Exception {
    SecureRandom random = new SecureRandom();
    ChainSpec chain = ChainPreset.MAINNET.spec();
    SigningRoots roots = new SigningRoots(chain);
    CodecRegistry codecs = CodecRegistry.of(Eth2Codecs.builtIns());
    Secp256k1PrivateKey keyA = Secp256k1PrivateKey.generate(random);
    Secp256k1PrivateKey keyB = Secp256k1PrivateKey.generate(random);
    Multiaddr addrA = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + freePort());
    Multiaddr addrB = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + freePort());
    Member a = new Member(PeerId.fromPublicKey(keyA.publicKey()), 1, List.of(addrA));
    Member b = new Member(PeerId.fromPublicKey(keyB.publicKey()), 2, List.of(addrB));
    Map<PubKey, Validator> validators = new LinkedHashMap<>();
    Map<PubKey, ParSignedData> entriesOfA = new LinkedHashMap<>();
    Map<PubKey, List<PubKey>> shares = new HashMap<>();
    Map<String, String> sharesOfA = new HashMap<>();
    for (int v = 0; v < entries; v++) {
      ThresholdKeys t = ThresholdKeys.generate(2, 2, random);
      validators.put(t.publicKey(), new Validator(t.publicKey(), t.publicShares()));
      shares.put(t.publicKey(), t.publicShares());
      sharesOfA.put(t.publicKey().wireKey(), HexFormat.of().formatHex(
          t.publicShares().get(0).bytes()));
      entriesOfA.put(t.publicKey(), new ParSignedData(randao(codecs, roots, t), 1));
    }
    Optional<PluginHost> host = Optional.empty();
    Optional<PartialSignatureVerifier> verifier = Optional.empty();
    if (verify) {
      ClusterShares view = new ClusterShares(shares,
          Map.of(a.peerId().toString(), 1, b.peerId().toString(), 2));
      ChainTiming timing = new ChainTiming(chain.genesisInstant(), chain.slotDuration(),
          chain.slotsPerEpoch());
      PluginHost h = new PluginHost(PluginArtifacts.install(
          Files.createTempDirectory(workDir, "plugins"), "bls-verifier"), List.of(), List.of(),
          id -> new PluginContext(id, view, timing, Clock.systemUTC(), Map.of()), true);
      host = Optional.of(h);
      verifier = Optional.of(h.verifiers().get(0).extension());
    }
    SigningContext signing = new SigningContext(chain.slotsPerEpoch(), roots::signingRoot);
    ReceivePipeline.Config pipeline = new ReceivePipeline.Config(
        Math.max(2, Runtime.getRuntime().availableProcessors()), VERIFY_QUEUE, TIMEOUT,
        EVENT_QUEUE);
    InboundLimits limits = InboundLimits.of(TIMEOUT, STREAMS_PER_PEER, STREAMS);
    ReceiveListener none = new ReceiveListener() {
      @Override
      public void onAccepted(io.parsigex.core.receive.VerifiedSet s) {}

      @Override
      public void onRejected(io.parsigex.core.receive.Rejection r) {}
    };
    ParSigExNode nodeB = ParSigExNode.start(new ParSigExNode.Options(keyB, List.of(addrB),
        new ClusterRoster(List.of(a, b), b.peerId(), validators), codecs,
        new AllGaters(List.of()), verifier, signing, listener, pipeline, limits, TIMEOUT,
        new ConnectionListener() {}, UnaryOperator.identity()));
    ParSigExNode nodeA;
    try {
      nodeA = ParSigExNode.start(new ParSigExNode.Options(keyA, List.of(addrA),
          new ClusterRoster(List.of(a, b), a.peerId(), validators), codecs,
          new AllGaters(List.of()), Optional.empty(), signing, none, pipeline, limits, TIMEOUT,
          new ConnectionListener() {}, UnaryOperator.identity()));
    } catch (Exception e) {
      nodeB.close();
      host.ifPresent(PluginHost::close);
      throw e;
    }
    BenchPair pair = new BenchPair(nodeA, nodeB, new ParSignedDataSet(entriesOfA), sharesOfA,
        signingRoot(codecs, roots), host);
    long end = System.nanoTime() + TIMEOUT.toNanos();
    while (!nodeA.isConnected(b.peerId()) && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    return pair;
  }

  private static byte[] signingRoot(CodecRegistry codecs, SigningRoots roots)
      throws CodecException {
    String unsigned = "{\"epoch\":\"" + EPOCH + "\",\"signature\":\"0x" + "00".repeat(96) + "\"}";
    return roots.signingRoot(codecs.fromJson(DutyType.RANDAO, unsigned)
        .eth2Signing(32).orElseThrow());
  }

  private static io.parsigex.api.SignedData randao(CodecRegistry codecs, SigningRoots roots,
      ThresholdKeys keys) throws CodecException {
    byte[] root = signingRoot(codecs, roots);
    String sig = HexFormat.of().formatHex(keys.sign(1, root));
    return codecs.fromJson(DutyType.RANDAO,
        "{\"epoch\":\"" + EPOCH + "\",\"signature\":\"0x" + sig + "\"}");
  }

  private static int freePort() {
    return io.parsigex.testsupport.FreePorts.loopbackPort();
  }

  ParSigExNode sender() {
    return sender;
  }

  ParSignedDataSet set() {
    return set;
  }

  /**
   * What the js receiver needs to verify the sender's sets: the signing root and each
   * validator's public share of index 1, as the js peer's {@code verify} command takes them.
   *
   * @return compact JSON
   */
  String jsVerification() {
    StringBuilder b = new StringBuilder("{\"root\":\"").append(HexFormat.of().formatHex(signingRoot))
        .append("\",\"shares\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : senderShares.entrySet()) {
      b.append(first ? "" : ",").append('"').append(e.getKey()).append("\":\"")
          .append(e.getValue()).append('"');
      first = false;
    }
    return b.append("}}").toString();
  }

  /**
   * The set as Charon JSON entries for the js peer: wire key to payload bytes.
   *
   * @return pubkey to encoded payload
   */
  Map<String, byte[]> encodedEntries() throws CodecException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<PubKey, ParSignedData> e : set.entries().entrySet()) {
      out.put(e.getKey().wireKey(), sender.codecs().encode(DutyType.RANDAO,
          e.getValue().data()).bytes());
    }
    return out;
  }

  @Override
  public void close() {
    sender.close();
    receiver.close();
    plugins.ifPresent(PluginHost::close);
  }
}
