package io.parsigex.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PubKey;
import io.parsigex.api.VerificationResult;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.protocol.ParSigExProtocol;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.TextData;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.core.wire.WireEntry;
import io.parsigex.core.wire.WireMessage;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fairness over loopback: a member that floods (raw frames from a plain libp2p host holding a
 * member's key) against a node with verification on, while an honest member (a real node) sends.
 */
class ParSigExFairnessTest {

  private static final long PER_PEER_BYTES = 1 << 20;
  private static final long TOTAL_BYTES = (5L << 20) / 2;
  private static final int RAW_SHARE = 3;

  private final Queue<Object> outcomes = new ConcurrentLinkedQueue<>();
  private ParSigExNode node;
  private ParSigExNode good;
  private Host raw;
  private PeerId nodeId;
  private volatile long rawVerifyMillis;

  /** Signature 01 verifies; the attacker's sets take {@link #rawVerifyMillis} each. */
  private final PartialSignatureVerifier verifier = r -> {
    if (r.senderShareIndex() == RAW_SHARE && rawVerifyMillis > 0) {
      try {
        Thread.sleep(rawVerifyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return r.signature().length == 1 && r.signature()[0] == 1 ? VerificationResult.ok()
        : VerificationResult.invalid("bad signature");
  };

  @BeforeEach
  void start() throws Exception {
    SecureRandom rnd = new SecureRandom();
    Secp256k1PrivateKey kNode = Secp256k1PrivateKey.generate(rnd);
    Secp256k1PrivateKey kGood = Secp256k1PrivateKey.generate(rnd);
    Secp256k1PrivateKey kRaw = Secp256k1PrivateKey.generate(rnd);
    Multiaddr aNode = loopback();
    Multiaddr aGood = loopback();
    nodeId = PeerId.fromPublicKey(kNode.publicKey());
    List<Member> members = List.of(new Member(nodeId, 1, List.of(aNode)),
        new Member(PeerId.fromPublicKey(kGood.publicKey()), 2, List.of(aGood)),
        new Member(PeerId.fromPublicKey(kRaw.publicKey()), RAW_SHARE, List.of()));
    InboundLimits limits = new InboundLimits(Duration.ofSeconds(3), 1 << 20, 64, 1024,
        TOTAL_BYTES, PER_PEER_BYTES);
    node = ParSigExNode.start(options(kNode, aNode, members, nodeId, new ReceiveListener() {
      @Override public void onAccepted(VerifiedSet s) { outcomes.add(s); }
      @Override public void onRejected(Rejection r) { outcomes.add(r); }
    }, limits, Optional.of(verifier)));
    good = ParSigExNode.start(options(kGood, aGood, members,
        PeerId.fromPublicKey(kGood.publicKey()), new ReceiveListener() {
          @Override public void onAccepted(VerifiedSet s) {}
          @Override public void onRejected(Rejection r) {}
        }, limits, Optional.empty()));
    raw = Host.start(HostConfig.of(kRaw, List.of(), ConnectionGater.allowAll()));
    raw.addAddress(aNode.withPeerId(nodeId));
  }

  private static ParSigExNode.Options options(Secp256k1PrivateKey k, Multiaddr a,
      List<Member> members, PeerId self, ReceiveListener l, InboundLimits limits,
      Optional<PartialSignatureVerifier> v) {
    return new ParSigExNode.Options(k, List.of(a), new ClusterRoster(members, self, Map.of()),
        CodecRegistry.of(List.of(new TextData.Codec())), new AllGaters(List.of()), v,
        new SigningContext(32, s -> s.messageRoot()), l,
        new ReceivePipeline.Config(2, 4096, Duration.ofSeconds(3), 65536, 1024), limits,
        Duration.ofSeconds(5), new ConnectionListener() {}, UnaryOperator.identity());
  }

  @AfterEach
  void stop() {
    raw.close();
    good.close();
    node.close();
  }

  private static byte[] frame(long slot, String sigHex, int padding) {
    String text = "x".repeat(padding) + "|" + sigHex;
    return ParSigExFraming.encodeFrame(new WireMessage(new Duty(slot, DutyType.RANDAO), Map.of(
        PubKey.fromBytes(new byte[48]), new WireEntry(text.getBytes(StandardCharsets.UTF_8), null,
            RAW_SHARE))));
  }

  /** Sends one frame on a new stream; completes when written (or failed: a refused stream). */
  private CompletableFuture<Void> send(byte[] frame) {
    return raw.newStream(nodeId, ParSigExProtocol.PROTOCOL_ID).thenCompose(s -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      s.handler((x, d) -> d.release());
      s.write(Unpooled.wrappedBuffer(frame)).addListener(w -> {
        s.closeWrite();
        done.complete(null);
      });
      return done;
    });
  }

  private long count(String peer, RejectReason reason) {
    return outcomes.stream().filter(o -> o instanceof Rejection r && r.reason() == reason
        && r.senderPeerId().equals(peer)).count();
  }

  private long accepted(String peer) {
    return outcomes.stream().filter(o -> o instanceof VerifiedSet v
        && v.senderPeerId().equals(peer)).count();
  }

  private long settled(String peer) {
    return outcomes.stream().filter(o -> o instanceof VerifiedSet v
        ? v.senderPeerId().equals(peer) : ((Rejection) o).senderPeerId().equals(peer)).count();
  }

  private void await(java.util.function.BooleanSupplier ok, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!ok.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(ok.getAsBoolean()).as(what + "; outcomes " + outcomes.size()).isTrue();
  }

  private CompletableFuture<?> honestSet(long slot) throws Exception {
    return good.broadcast(new Duty(slot, DutyType.RANDAO), ParSignedDataSet.of(
        PubKey.fromBytes(new byte[48]), new ParSignedData(new TextData("fine", new byte[] {1}),
            2)));
  }

  @Test
  void queuedFramesNeverExceedThePeerShareOrTheTotalAndAreReleasedToZero() throws Exception {
    String rawPeer = raw.peerId().toString();
    String goodPeer = good.host().peerId().toString();
    await(() -> good.isConnected(nodeId), "honest peer connected");
    rawVerifyMillis = 150;
    AtomicLong peakPeer = new AtomicLong();
    AtomicLong peakTotal = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peakPeer.accumulateAndGet(node.inboundBytes(raw.peerId()), Math::max);
        peakTotal.accumulateAndGet(node.inboundBytes(), Math::max);
        Thread.onSpinWait();
      }
    });
    sampler.start();
    int frames = 60;
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      sends.add(send(frame(100 + i, "02", 100_000)));
    }
    long t0 = System.nanoTime();
    honestSet(200).get(10, TimeUnit.SECONDS);
    await(() -> accepted(goodPeer) == 1, "the honest set is verified during the flood");
    long honestMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
        .get(20, TimeUnit.SECONDS);
    await(() -> settled(rawPeer) == frames, "every flood frame settled");
    await(() -> node.inboundBytes() == 0, "the budget returns to 0");
    sampler.interrupt();
    sampler.join();
    System.out.printf("byte flood: peak held by the flooder %,d (share %,d), node %,d (total "
        + "%,d); shed %s; honest set verified after %d ms; rejections %s%n", peakPeer.get(),
        PER_PEER_BYTES, peakTotal.get(), TOTAL_BYTES, node.shedSets(), honestMs,
        outcomes.stream().filter(o -> o instanceof Rejection).map(o -> ((Rejection) o).reason())
            .collect(java.util.stream.Collectors.groupingBy(r -> r,
                java.util.stream.Collectors.counting())));
    assertThat(peakPeer.get()).isGreaterThan(PER_PEER_BYTES / 2)
        .isLessThanOrEqualTo(PER_PEER_BYTES);
    // The README's bound: min(total, other members x share).
    assertThat(peakTotal.get()).isLessThanOrEqualTo(Math.min(TOTAL_BYTES, 2 * PER_PEER_BYTES));
    assertThat(node.inboundBytes(raw.peerId())).isZero();
    assertThat(node.inboundBytes(good.host().peerId())).isZero();
    assertThat(node.shedSets().get("bytes") + count(rawPeer, RejectReason.OVERLOADED))
        .as("the share was full: sets were shed or refused").isPositive();
    assertThat(node.verifyQueueDepth(raw.peerId())).isZero();
  }

  @Test
  void aResetOrStalledStreamGivesItsBytesBackExactlyOnce() throws Exception {
    String rawPeer = raw.peerId().toString();
    byte[] big = frame(7, "01", 600_000);
    // Reset by the peer after part of the body.
    HostStream reset = raw.newStream(nodeId, ParSigExProtocol.PROTOCOL_ID)
        .get(10, TimeUnit.SECONDS);
    reset.write(Unpooled.wrappedBuffer(big, 0, 300_000)).sync();
    await(() -> node.inboundBytes(raw.peerId()) >= 256 * 1024, "partial body reserved");
    reset.reset();
    await(() -> node.inboundBytes(raw.peerId()) == 0, "reset stream released");
    // Stalled: the receive timeout (3 s) resets it and releases.
    HostStream stalled = raw.newStream(nodeId, ParSigExProtocol.PROTOCOL_ID)
        .get(10, TimeUnit.SECONDS);
    stalled.write(Unpooled.wrappedBuffer(big, 0, 200_000)).sync();
    await(() -> node.inboundBytes(raw.peerId()) > 0, "partial body reserved");
    await(() -> count(rawPeer, RejectReason.TIMEOUT) == 1, "stalled stream timed out");
    await(() -> node.inboundBytes(raw.peerId()) == 0, "timed-out stream released");
    // A complete one is published and released; nothing went negative on the way.
    send(big).get(10, TimeUnit.SECONDS);
    await(() -> accepted(rawPeer) == 1, "complete set verified");
    await(() -> node.inboundBytes() == 0, "published set released");
    assertThat(node.inboundBytes(raw.peerId())).isZero();
  }

  @Test
  void aPeerWhoseSetsKeepFailingIsThrottledThenRestored() throws Exception {
    String rawPeer = raw.peerId().toString();
    for (int i = 0; i < 24; i++) {
      send(frame(10 + i, "02", 10)).get(10, TimeUnit.SECONDS);
      long want = i + 1;
      await(() -> count(rawPeer, RejectReason.INVALID_SIGNATURE) >= want, "bad set refused");
    }
    assertThat(node.throttledPeers()).containsKey(rawPeer);
    // Throttled: streams beyond the small quota are refused at open, counted, with an event.
    rawVerifyMillis = 300;
    List<CompletableFuture<Void>> burst = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      burst.add(send(frame(50 + i, "01", 10)));
    }
    await(() -> node.throttledStreams() > 0 && count(rawPeer, RejectReason.THROTTLED) > 0,
        "throttled streams refused, with an event");
    Rejection r = (Rejection) outcomes.stream().filter(o -> o instanceof Rejection x
        && x.reason() == RejectReason.THROTTLED).findFirst().orElseThrow();
    assertThat(r.senderPeerId()).isEqualTo(rawPeer);
    assertThat(r.message()).contains("throttled");
    await(() -> settled(rawPeer) >= 24 + 10, "the burst settled");
    rawVerifyMillis = 0;
    // Good behaviour restores it: verified sets count in its favour.
    int good = 0;
    while (node.throttledPeers().containsKey(rawPeer) && good < 40) {
      long before = accepted(rawPeer);
      send(frame(100 + good, "01", 10)).get(10, TimeUnit.SECONDS);
      await(() -> accepted(rawPeer) > before, "good set verified");
      good++;
    }
    System.out.printf("throttled after 24 bad sets; %d streams refused as throttled; restored "
        + "after %d verified sets%n", node.throttledStreams(), good);
    assertThat(node.throttledPeers()).doesNotContainKey(rawPeer);
    long refusedBefore = node.throttledStreams();
    List<CompletableFuture<Void>> after = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      after.add(send(frame(500 + i, "01", 10)));
    }
    long acceptedBefore = accepted(rawPeer);
    await(() -> accepted(rawPeer) >= acceptedBefore + 10, "restored peer's sets all verified");
    assertThat(node.throttledStreams()).isEqualTo(refusedBefore);
  }

  @Test
  void aWrongSignatureFloodLogsTensOfLinesAndHonestSetsKeepFlowing() throws Exception {
    String rawPeer = raw.peerId().toString();
    String goodPeer = good.host().peerId().toString();
    await(() -> good.isConnected(nodeId), "honest peer connected");
    long lines0 = node.rejectionLogLines();
    int flood = 2_000;
    int honest = 0;
    List<Long> honestLatencies = new ArrayList<>();
    List<CompletableFuture<Void>> window = new ArrayList<>();
    for (int i = 0; i < flood; i++) {
      window.add(send(frame(1000 + i / 20, "02", 50)));
      if (window.size() == 32) {
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new))
            .exceptionally(e -> null).get(20, TimeUnit.SECONDS);
        window.clear();
      }
      if (i % 200 == 100) {
        long want = accepted(goodPeer) + 1;
        long t0 = System.nanoTime();
        honestSet(1000 + i / 20).get(10, TimeUnit.SECONDS);
        honest++;
        await(() -> accepted(goodPeer) >= want, "honest set verified during the flood");
        honestLatencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      }
    }
    CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
        .get(20, TimeUnit.SECONDS);
    // Every stream is one outcome: verified-and-refused, shed, or refused at open.
    await(() -> settled(rawPeer) == flood, "every flood set counted exactly once");
    long lines = node.rejectionLogLines() - lines0;
    System.out.printf("wrong-signature flood of %d: invalid_signature %d, throttled %d, "
        + "overloaded %d; honest %d/%d delivered, latency ms %s; %d log lines%n", flood,
        count(rawPeer, RejectReason.INVALID_SIGNATURE), count(rawPeer, RejectReason.THROTTLED),
        count(rawPeer, RejectReason.OVERLOADED), accepted(goodPeer), honest, honestLatencies,
        lines);
    assertThat(accepted(goodPeer)).isEqualTo(honest);
    assertThat(accepted(rawPeer)).isZero();
    assertThat(count(rawPeer, RejectReason.THROTTLED)).isPositive();
    assertThat(lines).isLessThan(50);
    assertThat(node.throttledStreams()).isEqualTo(count(rawPeer, RejectReason.THROTTLED));
  }

  private static Multiaddr loopback() throws Exception {
    return Multiaddr.parse("/ip4/127.0.0.1/tcp/" + io.parsigex.testsupport.FreePorts.loopbackPort());
  }
}
