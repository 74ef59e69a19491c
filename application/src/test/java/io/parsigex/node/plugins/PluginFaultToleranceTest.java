package io.parsigex.node.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PluginContext;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.extensions.BreakerState;
import io.parsigex.core.extensions.ExtensionPointKind;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.NamedExtension;
import io.parsigex.core.extensions.PipelineExtensions;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.node.ParSigExNode;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.TextData;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.node.metrics.ParSigExMetrics;
import io.parsigex.node.plugins.broken.FaultyVerifier;
import io.parsigex.node.plugins.broken.ThrowingCodec;
import io.parsigex.node.plugins.broken.ThrowingGater;
import io.parsigex.testsupport.PluginArtifacts;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * Broken plugins, loaded for real (a plugin zip in its own class loader, through
 * {@link PluginHost}) and wired as the node wires them ({@link GuardedExtensions} with a pool per
 * extension point, {@link PipelineExtensions}), behind a real receiving node on loopback. A
 * cluster member floods it with sets that make a plugin hang or throw; an honest member keeps
 * sending good sets. The refusals are counted as the node's fault (never the peer's), the breaker
 * takes the plugin out of service (health DOWN or DEGRADED), and after the cool-down a probe puts it
 * back, so the honest member's sets are verified and published within their deadline again.
 */
class PluginFaultToleranceTest {

  private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration COOL_DOWN = Duration.ofSeconds(2);
  private static final int THRESHOLD = 5;
  private static final int VERIFY_WORKERS = 4;
  private static final PubKey KEY = PubKey.fromBytes(new byte[48]);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ParSigExMetrics metrics = new ParSigExMetrics(registry);
  private final Map<String, List<Object>> outcomes = new ConcurrentHashMap<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private GuardedExtensions guarded;
  private ParSigExNode receiver;
  private ParSigExNode honest;
  private ParSigExNode attacker;

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  /** Loads the plugins from a zip and starts receiver, honest member and attacker. */
  private void start(String pluginId, Class<?> extension, boolean verify) throws Exception {
    Path target = Files.createDirectories(Path.of("target"));
    Path dir = PluginArtifacts.testPlugin(Files.createTempDirectory(target, "faulty-plugin"),
        pluginId, extension);
    ChainTiming timing = new ChainTiming(Instant.EPOCH, Duration.ofSeconds(12), 32);
    PluginHost host = new PluginHost(dir, List.of(), List.of(),
        id -> new PluginContext(id, ClusterShares.empty(), timing, Clock.systemUTC(), Map.of()),
        false);
    closing.add(host);
    guarded = new GuardedExtensions(host.gaters(), host.verifiers(), host.codecs(),
        new GuardedExtensions.Limits(CALL_TIMEOUT, 2, VERIFY_WORKERS, 2, 1024, THRESHOLD,
            COOL_DOWN, 64), registry);
    closing.add(guarded);
    List<SignedDataCodec> codecs = new ArrayList<>();
    host.codecs().forEach(c -> codecs.add(PipelineExtensions.codec(guarded, c)));
    codecs.add(new TextData.Codec());

    SecureRandom rnd = new SecureRandom();
    Secp256k1PrivateKey kReceiver = Secp256k1PrivateKey.generate(rnd);
    Secp256k1PrivateKey kHonest = Secp256k1PrivateKey.generate(rnd);
    Secp256k1PrivateKey kAttacker = Secp256k1PrivateKey.generate(rnd);
    Multiaddr aReceiver = loopback();
    Multiaddr aHonest = loopback();
    Multiaddr aAttacker = loopback();
    List<Member> members = List.of(
        new Member(PeerId.fromPublicKey(kReceiver.publicKey()), 1, List.of(aReceiver)),
        new Member(PeerId.fromPublicKey(kHonest.publicKey()), 2, List.of(aHonest)),
        new Member(PeerId.fromPublicKey(kAttacker.publicKey()), 3, List.of(aAttacker)));
    ReceiveListener record = new ReceiveListener() {
      @Override
      public void onAccepted(VerifiedSet s) {
        metrics.accepted(s);
        outcomes.computeIfAbsent(s.senderPeerId(), p -> new java.util.concurrent.CopyOnWriteArrayList<>())
            .add(s);
      }

      @Override
      public void onRejected(Rejection r) {
        metrics.rejected(r);
        outcomes.computeIfAbsent(r.senderPeerId(), p -> new java.util.concurrent.CopyOnWriteArrayList<>())
            .add(r);
      }
    };
    receiver = node(kReceiver, aReceiver, members, CodecRegistry.of(codecs),
        PipelineExtensions.gater(guarded),
        verify ? Optional.of(PipelineExtensions.verifier(guarded)) : Optional.empty(), record);
    ReceiveListener ignore = new ReceiveListener() {
      @Override
      public void onAccepted(VerifiedSet s) {}

      @Override
      public void onRejected(Rejection r) {}
    };
    CodecRegistry senderCodecs = CodecRegistry.of(List.of(new ThrowingCodec(),
        new TextData.Codec()));
    honest = node(kHonest, aHonest, members, senderCodecs, new AllGaters(List.of()),
        Optional.empty(), ignore);
    attacker = node(kAttacker, aAttacker, members, senderCodecs, new AllGaters(List.of()),
        Optional.empty(), ignore);
  }

  private ParSigExNode node(Secp256k1PrivateKey k, Multiaddr a, List<Member> members,
      CodecRegistry codecs, io.parsigex.api.DutyGater gater,
      Optional<io.parsigex.api.PartialSignatureVerifier> verifier, ReceiveListener l)
      throws Exception {
    ParSigExNode n = ParSigExNode.start(new ParSigExNode.Options(k, List.of(a),
        new ClusterRoster(members, PeerId.fromPublicKey(k.publicKey()), Map.of()), codecs, gater,
        verifier, new SigningContext(32, s -> s.messageRoot()), l,
        new ReceivePipeline.Config(VERIFY_WORKERS, 4096, RECEIVE_TIMEOUT, 65_536),
        InboundLimits.of(RECEIVE_TIMEOUT, 1024, 1024), Duration.ofSeconds(7),
        new ConnectionListener() {}, UnaryOperator.identity()));
    closing.add(n);
    return n;
  }

  private static ParSignedDataSet set(SignedData data, int share) {
    return ParSignedDataSet.of(KEY, new ParSignedData(data, share));
  }

  private static TextData good() {
    return new TextData("fine", new byte[] {1});
  }

  private List<Object> from(ParSigExNode sender) {
    return outcomes.getOrDefault(sender.host().peerId().toString(), List.of());
  }

  /** Waits until the receiver has an outcome for {@code n} sets from the sender. */
  private List<Object> await(ParSigExNode sender, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (from(sender).size() < n && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(from(sender)).hasSizeGreaterThanOrEqualTo(n);
    return from(sender);
  }

  private double rejected(String reason, String fault) {
    return registry.find("parsigex.rejected").tag("reason", reason).tag("fault", fault)
        .counters().stream().mapToDouble(Counter::count).sum();
  }

  private static Set<RejectReason> reasons(List<Object> outcomes) {
    Set<RejectReason> out = new java.util.HashSet<>();
    outcomes.forEach(o -> {
      if (o instanceof Rejection r) {
        out.add(r.reason());
      }
    });
    return out;
  }

  /** Sends sets from the sender one after another; returns each send-to-publish latency. */
  private List<Duration> honestSetsArePublished(int count, long firstSlot) throws Exception {
    List<Duration> latencies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int before = from(honest).size();
      long t0 = System.nanoTime();
      honest.broadcast(new Duty(firstSlot + i, DutyType.RANDAO), set(good(), 2))
          .get(10, TimeUnit.SECONDS);
      Object o = await(honest, before + 1).get(before);
      assertThat(o).as("honest set %d", i).isInstanceOf(VerifiedSet.class);
      latencies.add(Duration.ofNanos(System.nanoTime() - t0));
    }
    return latencies;
  }

  @Test
  void aVerifierThatNeverReturnsOnOnePeersSetsIsOutOfServiceForThatPeerOnly()
      throws Exception {
    start("faulty-verifier", FaultyVerifier.class, true);
    // warm up: the honest member's sets are verified
    honestSetsArePublished(3, 10);

    // 100 sets that make verify never return
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sends.add(attacker.broadcast(new Duty(FaultyVerifier.POISON_SLOT + i, DutyType.RANDAO),
          set(good(), 3)));
    }
    for (CompletableFuture<?> f : sends) {
      f.get(30, TimeUnit.SECONDS);
    }
    List<Object> attacked = await(attacker, 100);
    assertThat(attacked).noneMatch(VerifiedSet.class::isInstance);
    assertThat(reasons(attacked)).as("the node's fault, never the peer's")
        .containsOnly(RejectReason.PLUGIN_TIMEOUT, RejectReason.PLUGIN_FAILED);
    assertThat(rejected("plugin_timeout", "node")).isGreaterThanOrEqualTo(THRESHOLD);
    assertThat(rejected("plugin_timeout", "node") + rejected("plugin_failed", "node"))
        .isEqualTo(100);
    assertThat(rejected("invalid_signature", "peer")).isZero();
    assertThat(rejected("timeout", "peer")).as("the plugin deadline ends before the receive one")
        .isZero();

    // Out of service for the attacker's sets: health says so (DEGRADED, naming the peer), and
    // the attacker's sets are refused, never accepted unverified.
    String attackerId = attacker.host().peerId().toString();
    assertThat(guarded.pluginStates()).singleElement().satisfies(st -> {
      assertThat(st.pluginId()).isEqualTo("faulty-verifier");
      assertThat(st.state()).isEqualTo(BreakerState.OUT_OF_SERVICE);
      assertThat(st.outOfServiceFor()).containsExactly(attackerId);
    });
    PluginHealth health = PluginHealth.of(guarded, true);
    assertThat(health.status()).as("still verifying the other members' sets")
        .isEqualTo(PluginHealth.DEGRADED);
    assertThat(health.plugins()).singleElement().satisfies(m -> {
      assertThat(m).containsEntry("plugin", "faulty-verifier").containsEntry("point", "verifier")
          .containsEntry("state", "out_of_service")
          .containsEntry("out_of_service_for_peers", List.of(attackerId));
    });
    assertThat(guarded.liveWorkers(ExtensionPointKind.VERIFIER)).as("hung workers replaced")
        .isEqualTo(VERIFY_WORKERS);
    assertThat(guarded.abandonedThreads(ExtensionPointKind.VERIFIER))
        .isBetween(THRESHOLD, THRESHOLD + 2 * VERIFY_WORKERS);
    assertThat(registry.get("parsigex.plugin.failures").tag("plugin", "faulty-verifier")
        .tag("kind", "out_of_service").counter().count()).isPositive();
    // The honest member's sets are still verified and published within their deadline, while
    // the verifier is out of service for the attacker's sets.
    List<Duration> during = honestSetsArePublished(20, 100);
    assertThat(during).allSatisfy(d -> assertThat(d).isLessThan(RECEIVE_TIMEOUT));

    // After the cool-down, the attacker's next (good) set is the probe: back in service.
    Thread.sleep(COOL_DOWN.toMillis() + 200);
    int attackerBefore = from(attacker).size();
    attacker.broadcast(new Duty(70, DutyType.RANDAO), set(good(), 3)).get(10, TimeUnit.SECONDS);
    assertThat(await(attacker, attackerBefore + 1).get(attackerBefore))
        .isInstanceOf(VerifiedSet.class);
    assertThat(guarded.pluginStates().get(0).state()).isEqualTo(BreakerState.IN_SERVICE);
    assertThat(PluginHealth.of(guarded, true).status()).isEqualTo(Status.UP);
    assertThat(registry.get("parsigex.plugin.breaker.transitions")
        .tag("plugin", "faulty-verifier").tag("to", "in_service").counter().count()).isEqualTo(1);
    System.out.println("honest set latency while the verifier is out of service for the "
        + "attacker, max " + during.stream().max(Duration::compareTo).orElseThrow().toMillis()
        + " ms");
  }

  @Test
  void aVerifierThatHangsOnEverySendersSetsTakesVerificationDown() throws Exception {
    start("faulty-verifier", FaultyVerifier.class, true);
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < 2 * THRESHOLD; i++) {
      sends.add(attacker.broadcast(new Duty(FaultyVerifier.POISON_SLOT + i, DutyType.RANDAO),
          set(good(), 3)));
      sends.add(honest.broadcast(new Duty(FaultyVerifier.POISON_SLOT + 100 + i,
          DutyType.RANDAO), set(good(), 2)));
    }
    for (CompletableFuture<?> f : sends) {
      f.get(30, TimeUnit.SECONDS);
    }
    await(attacker, 2 * THRESHOLD);
    await(honest, 2 * THRESHOLD);
    assertThat(guarded.verifiersInService()).isFalse();
    assertThat(PluginHealth.of(guarded, true).status()).as("no sender's sets can be verified")
        .isEqualTo(Status.DOWN);
  }

  @Test
  void aGaterThatThrowsIsPluginFailedNeverGatedAndIsTakenOutOfService() throws Exception {
    start("faulty-gater", ThrowingGater.class, false);
    for (int i = 0; i < 30; i++) {
      attacker.broadcast(new Duty(FaultyVerifier.POISON_SLOT + i, DutyType.RANDAO),
          set(good(), 3)).get(10, TimeUnit.SECONDS);
    }
    List<Object> attacked = await(attacker, 30);
    assertThat(reasons(attacked)).containsOnly(RejectReason.PLUGIN_FAILED);
    assertThat(rejected("plugin_failed", "node")).isEqualTo(30);
    assertThat(rejected("gated", "peer")).isZero();
    // calls already admitted when the breaker opens (at most one per pipeline worker) still run
    double failed = registry.get("parsigex.plugin.failures").tag("plugin", "faulty-gater")
        .tag("kind", "failed").counter().count();
    assertThat(failed).isBetween((double) THRESHOLD, (double) THRESHOLD + VERIFY_WORKERS);
    assertThat(registry.get("parsigex.plugin.failures").tag("plugin", "faulty-gater")
        .tag("kind", "out_of_service").counter().count()).isEqualTo(30 - failed);
    // out of service for the attacker's sets only: health names it, the honest member's sets
    // still go through the gater (its own breaker) at once, without waiting for the cool-down
    String attackerId = attacker.host().peerId().toString();
    assertThat(guarded.pluginStates().get(0).state()).isEqualTo(BreakerState.OUT_OF_SERVICE);
    assertThat(guarded.pluginStates().get(0).outOfServiceFor()).containsExactly(attackerId);
    assertThat(PluginHealth.of(guarded, false).status()).isEqualTo(PluginHealth.DEGRADED);
    honestSetsArePublished(5, 10);
    assertThat(guarded.pluginStates().get(0).outOfServiceFor()).containsExactly(attackerId);
    // after the cool-down, the attacker's next set is the probe; a duty the gater answers puts
    // the plugin back in service for it
    Thread.sleep(COOL_DOWN.toMillis() + 200);
    int before = from(attacker).size();
    attacker.broadcast(new Duty(20, DutyType.RANDAO), set(good(), 3)).get(10, TimeUnit.SECONDS);
    await(attacker, before + 1);
    assertThat(PluginHealth.of(guarded, false).status()).isEqualTo(Status.UP);
  }

  @Test
  void aCodecThatThrowsIsPluginFailedNeverUndecodableAndIsTakenOutOfService() throws Exception {
    start("faulty-codec", ThrowingCodec.class, false);
    for (int i = 0; i < 30; i++) {
      attacker.broadcast(new Duty(10 + i, DutyType.EXIT),
          set(new ThrowingCodec.Value("boom", new byte[] {1}), 3)).get(10, TimeUnit.SECONDS);
    }
    List<Object> attacked = await(attacker, 30);
    assertThat(reasons(attacked)).containsOnly(RejectReason.PLUGIN_FAILED);
    assertThat(rejected("plugin_failed", "node")).isEqualTo(30);
    assertThat(rejected("undecodable", "peer")).isZero();
    double failed = registry.get("parsigex.plugin.failures").tag("plugin", "faulty-codec")
        .tag("kind", "failed").counter().count();
    assertThat(failed).isBetween((double) THRESHOLD, (double) THRESHOLD + VERIFY_WORKERS);
    assertThat(registry.get("parsigex.plugin.failures").tag("plugin", "faulty-codec")
        .tag("kind", "out_of_service").counter().count()).isEqualTo(30 - failed);
    assertThat(guarded.pluginStates()).singleElement().satisfies(st -> {
      assertThat(st.point()).isEqualTo(ExtensionPointKind.CODEC);
      assertThat(st.state()).isEqualTo(BreakerState.OUT_OF_SERVICE);
    });
    assertThat(PluginHealth.of(guarded, false).status()).isEqualTo(PluginHealth.DEGRADED);
    String attackerId = attacker.host().peerId().toString();
    assertThat(guarded.pluginStates().get(0).outOfServiceFor()).containsExactly(attackerId);
    // other duty types never touch the plugin and keep flowing meanwhile
    honestSetsArePublished(3, 10);
    // and the honest member's EXIT sets still go through the codec (its own breaker), at once
    int before = from(honest).size();
    honest.broadcast(new Duty(99, DutyType.EXIT),
        set(new ThrowingCodec.Value("fine", new byte[] {1}), 2)).get(10, TimeUnit.SECONDS);
    assertThat(await(honest, before + 1).get(before)).isInstanceOf(VerifiedSet.class);
    assertThat(guarded.pluginStates().get(0).outOfServiceFor()).containsExactly(attackerId);
    // after the cool-down the attacker's next set is the probe; a payload the codec decodes puts
    // it back in service for the attacker too
    Thread.sleep(COOL_DOWN.toMillis() + 200);
    int mine = from(attacker).size();
    attacker.broadcast(new Duty(98, DutyType.EXIT),
        set(new ThrowingCodec.Value("fine", new byte[] {1}), 3)).get(10, TimeUnit.SECONDS);
    assertThat(await(attacker, mine + 1).get(mine)).isInstanceOf(VerifiedSet.class);
    assertThat(guarded.pluginStates().get(0).state()).isEqualTo(BreakerState.IN_SERVICE);
  }

  @Test
  void anEntryWithAnotherMembersShareIsWrongShareBeforeAnyPluginCall() throws Exception {
    start("faulty-verifier", FaultyVerifier.class, true);
    attacker.broadcast(new Duty(10, DutyType.RANDAO), set(good(), 2)).get(10, TimeUnit.SECONDS);
    assertThat(await(attacker, 1).get(0)).isInstanceOfSatisfying(Rejection.class, r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.WRONG_SHARE);
      assertThat(r.message()).contains("share index 2").contains("holds share 3");
    });
    assertThat(rejected("wrong_share", "peer")).isEqualTo(1);
    assertThat(registry.find("parsigex.plugin.calls").tag("point", "verifier").counters())
        .allSatisfy(c -> assertThat(c.count()).isZero());
  }

  private static Multiaddr loopback() throws Exception {
    return Multiaddr.parse("/ip4/127.0.0.1/tcp/" + io.parsigex.testsupport.FreePorts.loopbackPort());
  }
}
