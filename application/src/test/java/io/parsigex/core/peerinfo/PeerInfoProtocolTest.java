package io.parsigex.core.peerinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.encoding.Varint;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import io.parsigex.testsupport.NettyLeakCheck;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our {@code /charon/peerinfo/2.0.0} against a peer that behaves as Charon's {@code app/peerinfo}
 * and {@code p2p.SendReceive} / {@code p2p.RegisterHandler} do: the "Charon" side here is a plain
 * host writing and reading the wire by hand.
 */
@ExtendWith(NettyLeakCheck.class)
class PeerInfoProtocolTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LOCK = "0b".repeat(32);
  private static final int WAIT_SECONDS = 20;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private Host host() throws Exception {
    Host h = Host.start(HostConfig.of(Secp256k1PrivateKey.generate(RANDOM),
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), ConnectionGater.allowAll()));
    closeables.add(h);
    return h;
  }

  private PeerInfoProtocol ours(Host host, List<PeerId> members, LocalPeerInfo local) {
    PeerInfoProtocol p = new PeerInfoProtocol(host, members, local, Clock.systemUTC());
    closeables.add(p);
    return p;
  }

  private static LocalPeerInfo local(String lock) {
    return new LocalPeerInfo("v0.1.0", "unknown", lock, Instant.parse("2026-12-01T10:00:00Z"),
        true, "jvm-1");
  }

  private static void connect(Host from, Host to) throws Exception {
    from.connectTo(to.listenAddresses().get(0).withPeerId(to.peerId()))
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!to.connectedPeers().contains(from.peerId()) && System.nanoTime() < until) {
      Thread.sleep(5);
    }
  }

  /** A Charon message as its peerinfo sends it (charon_version, lock, git, times, dv_client). */
  private static byte[] charonMessage(String lockHex, String git, boolean withTimes,
      boolean builder) {
    return new PeerInfoMessage("v1.11.0", lockHex, git,
        withTimes ? Optional.of(Instant.now()) : Optional.empty(),
        withTimes ? Optional.of(Instant.parse("2026-12-04T08:00:00Z")) : Optional.empty(),
        builder, "charon-op-2", "charon").encode();
  }

  /** What Charon's SendReceive does: write one delimited request, CloseWrite, read until EOF. */
  private static CompletableFuture<byte[]> charonSendReceive(Host charon, PeerId to, byte[] raw) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    charon.newStream(to, PeerInfoProtocol.PROTOCOL_ID).whenComplete((s, err) -> {
      if (err != null) {
        result.completeExceptionally(err);
        return;
      }
      s.handler(collect(result));
      s.write(Unpooled.wrappedBuffer(raw));
      s.closeWrite();
    });
    return result;
  }

  private static YamuxStreamHandler collect(CompletableFuture<byte[]> result) {
    return new YamuxStreamHandler() {
      private final ByteArrayOutputStream out = new ByteArrayOutputStream();

      @Override
      public void onData(YamuxStream stream, ByteBuf data) {
        byte[] b = new byte[data.readableBytes()];
        data.readBytes(b);
        data.release();
        out.writeBytes(b);
      }

      @Override
      public void onRemoteClose(YamuxStream stream) {
        result.complete(out.toByteArray());
        stream.closeWrite();
      }

      @Override
      public void onReset(YamuxStream stream, YamuxException cause) {
        result.completeExceptionally(cause);
      }
    };
  }

  /** go-msgio's delimited reader: exactly one length-prefixed message, nothing after it. */
  private static PeerInfoMessage oneMessage(byte[] stream) throws Exception {
    Varint.Decoded len = Varint.read(stream, 0, stream.length);
    assertThat(len).as("a length prefix").isNotNull();
    assertThat(stream.length - len.length()).as("the answer is one whole message")
        .isEqualTo(len.value());
    return PeerInfoMessage.decode(Arrays.copyOfRange(stream, len.length(), stream.length));
  }

  private static void awaitProblem(PeerInfoProtocol p, PeerInfoProblem problem)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (p.problems().get(problem) == 0 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(p.problems().get(problem)).as(problem.label()).isEqualTo(1);
  }

  @Test
  void answersACharonRequestWithOurInfoInTheFieldsCharonChecks() throws Exception {
    Host node = host();
    Host charon = host();
    PeerInfoProtocol p = ours(node, List.of(node.peerId(), charon.peerId()), local(LOCK));
    connect(charon, node);
    Instant before = Instant.now();
    byte[] answer = charonSendReceive(charon, node.peerId(),
        PeerInfoProtocol.delimited(charonMessage(LOCK, "abcdef1", true, true)))
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    Instant after = Instant.now();

    PeerInfoMessage m = oneMessage(answer);
    assertThat(m.version()).isEqualTo("v0.1.0");
    assertThat(m.lockHashHex()).isEqualTo(LOCK);
    // Charon drops an answer whose git hash is neither ^[0-9a-f]{7}$ nor "unknown"
    assertThat(m.gitHash()).isEqualTo("unknown");
    // and one without sent_at or started_at
    assertThat(m.sentAt()).hasValueSatisfying(t -> assertThat(t).isBetween(before, after));
    assertThat(m.startedAt()).contains(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(m.builderApiEnabled()).isTrue();
    assertThat(m.nickname()).isEqualTo("jvm-1");
    // not "charon": Charon skips its release-version check for other clients
    assertThat(m.dvClient()).isEqualTo("parsigex-jvm");
    assertThat(p.answered()).isEqualTo(1);
  }

  @Test
  void answersTheEmptyRequestOfCharonsAdHocQuery() throws Exception {
    // peerinfo.DoOnce sends new(pbv1.PeerInfo): a zero-length message
    Host node = host();
    Host charon = host();
    ours(node, List.of(node.peerId(), charon.peerId()), local(""));
    connect(charon, node);
    byte[] answer = charonSendReceive(charon, node.peerId(), new byte[] {0})
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    PeerInfoMessage m = oneMessage(answer);
    assertThat(m.lockHashHex()).isEmpty();
    assertThat(m.sentAt()).isPresent();
  }

  @Test
  void answersARequestNearCharonsLimitThatArrivesInManyFrames() throws Exception {
    Host node = host();
    Host charon = host();
    PeerInfoProtocol p = ours(node, List.of(node.peerId(), charon.peerId()), local(LOCK));
    connect(charon, node);
    byte[] big = new PeerInfoMessage("v1.11.0", LOCK, "abcdef1", Optional.of(Instant.now()),
        Optional.of(Instant.now()), false, "n".repeat(PeerInfoProtocol.MAX_MESSAGE_SIZE - 200),
        "charon").encode();
    assertThat(big.length).isLessThanOrEqualTo(PeerInfoProtocol.MAX_MESSAGE_SIZE);
    byte[] answer = charonSendReceive(charon, node.peerId(), PeerInfoProtocol.delimited(big))
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(oneMessage(answer).nickname()).isEqualTo("jvm-1");
    assertThat(p.answered()).isEqualTo(1);
  }

  @Test
  void refusesAThirdRequestInFlightFromOneMember() throws Exception {
    Host node = host();
    Host charon = host();
    PeerInfoProtocol p = ours(node, List.of(node.peerId(), charon.peerId()), local(LOCK));
    connect(charon, node);
    // two requests opened and never written: both stay in flight until the receive timeout
    List<CompletableFuture<byte[]>> slow = new ArrayList<>();
    for (int i = 0; i < PeerInfoProtocol.MAX_INBOUND_STREAMS_PER_PEER; i++) {
      CompletableFuture<byte[]> r = new CompletableFuture<>();
      charon.newStream(node.peerId(), PeerInfoProtocol.PROTOCOL_ID)
          .get(WAIT_SECONDS, TimeUnit.SECONDS).handler(collect(r));
      slow.add(r);
    }
    CompletableFuture<byte[]> third = charonSendReceive(charon, node.peerId(),
        PeerInfoProtocol.delimited(charonMessage(LOCK, "abcdef1", true, false)));
    assertThatThrownBy(() -> third.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(p.problems().get(PeerInfoProblem.TOO_MANY_STREAMS)).isEqualTo(1);
    assertThat(p.answered()).isZero();
    // the two slow ones time out after the receive timeout and free their places
    awaitCount(p, PeerInfoProblem.TIMEOUT, 2);
    byte[] answer = charonSendReceive(charon, node.peerId(),
        PeerInfoProtocol.delimited(charonMessage(LOCK, "abcdef1", true, false)))
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(oneMessage(answer).dvClient()).isEqualTo(LocalPeerInfo.DV_CLIENT);
  }

  private static void awaitCount(PeerInfoProtocol p, PeerInfoProblem problem, long n)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (p.problems().get(problem) < n && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(p.problems().get(problem)).as(problem.label()).isEqualTo(n);
  }

  @Test
  void refusesAStreamFromAPeerThatIsNoMember() throws Exception {
    Host node = host();
    Host stranger = host();
    PeerInfoProtocol p = ours(node, List.of(node.peerId()), local(LOCK));
    connect(stranger, node);
    CompletableFuture<byte[]> answer = charonSendReceive(stranger, node.peerId(),
        PeerInfoProtocol.delimited(charonMessage(LOCK, "abcdef1", true, false)));
    assertThatThrownBy(() -> answer.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    awaitProblem(p, PeerInfoProblem.NOT_A_MEMBER);
    assertThat(p.answered()).isZero();
  }

  @Test
  void refusesARequestLongerThanCharonsLimitFromItsPrefix() throws Exception {
    Host node = host();
    Host charon = host();
    PeerInfoProtocol p = ours(node, List.of(node.peerId(), charon.peerId()), local(LOCK));
    connect(charon, node);
    CompletableFuture<byte[]> answer = charonSendReceive(charon, node.peerId(),
        Varint.encode(PeerInfoProtocol.MAX_MESSAGE_SIZE + 1L));
    assertThatThrownBy(() -> answer.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    awaitProblem(p, PeerInfoProblem.TOO_LONG);
    assertThat(p.answered()).isZero();
  }

  @Test
  void refusesARequestThatIsNoPeerInfoProtobuf() throws Exception {
    Host node = host();
    Host charon = host();
    PeerInfoProtocol p = ours(node, List.of(node.peerId(), charon.peerId()), local(LOCK));
    connect(charon, node);
    // charon_version announces 5 bytes and has 1: not a PeerInfo
    CompletableFuture<byte[]> answer = charonSendReceive(charon, node.peerId(),
        PeerInfoProtocol.delimited(new byte[] {0x0a, 0x05, 0x61}));
    assertThatThrownBy(() -> answer.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    awaitProblem(p, PeerInfoProblem.MALFORMED);
  }

  /** What Charon's RegisterHandler does: read one delimited message, answer, close. */
  private static void charonResponder(Host charon, byte[] answer) {
    charon.setStreamHandler(PeerInfoProtocol.PROTOCOL_ID, s -> s.handler(
        new io.parsigex.libp2p.protocols.DelimitedMessageReader(PeerInfoProtocol.MAX_MESSAGE_SIZE,
            new io.parsigex.libp2p.protocols.DelimitedMessageReader.Callback() {
              @Override
              public void onMessage(YamuxStream stream, byte[] message) {
                stream.write(Unpooled.wrappedBuffer(PeerInfoProtocol.delimited(answer)));
                stream.closeWrite();
              }

              @Override
              public void onFailure(YamuxStream stream,
                  io.parsigex.libp2p.protocols.DelimitedMessageReader.Failure failure) {}
            })));
  }

  @Test
  void asksAMemberAndKeepsItsAnswerWithCharonsDerivedChecks() throws Exception {
    Host node = host();
    Host charon = host();
    charonResponder(charon, charonMessage("0c".repeat(32), "abcdef1", true, false));
    PeerInfoProtocol p = ours(node, List.of(node.peerId(), charon.peerId()), local(LOCK));
    connect(node, charon);
    PeerInfoReport r = p.request(charon.peerId()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(r.info().version()).isEqualTo("v1.11.0");
    assertThat(r.info().effectiveDvClient()).isEqualTo("charon");
    assertThat(r.info().nickname()).isEqualTo("charon-op-2");
    assertThat(r.lockHashMatches()).isFalse();
    assertThat(r.builderApiMatches()).isFalse();
    assertThat(r.clockOffset().abs()).isLessThan(Duration.ofSeconds(WAIT_SECONDS));
    assertThat(r.rtt()).isPositive();
    assertThat(p.report(charon.peerId())).contains(r);
    assertThat(p.problems().values()).allMatch(n -> n == 0);
  }

  @Test
  void refusesAnAnswerWithoutTimestampsOrWithAnInvalidGitHashAsCharonDoes() throws Exception {
    Host node = host();
    Host noTimes = host();
    Host badGit = host();
    charonResponder(noTimes, charonMessage(LOCK, "abcdef1", false, true));
    charonResponder(badGit, charonMessage(LOCK, "ABCDEF1", true, true));
    PeerInfoProtocol p = ours(node, List.of(node.peerId(), noTimes.peerId(), badGit.peerId()),
        local(LOCK));
    connect(node, noTimes);
    connect(node, badGit);
    assertThatThrownBy(() -> p.request(noTimes.peerId()).get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasCauseInstanceOf(PeerInfoException.class)
        .satisfies(e -> assertThat(((PeerInfoException) e.getCause()).problem())
            .isEqualTo(PeerInfoProblem.MISSING_TIMESTAMPS));
    assertThatThrownBy(() -> p.request(badGit.peerId()).get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasCauseInstanceOf(PeerInfoException.class)
        .satisfies(e -> assertThat(((PeerInfoException) e.getCause()).problem())
            .isEqualTo(PeerInfoProblem.INVALID_GIT_HASH));
    assertThat(p.reports()).isEmpty();
    assertThat(p.problems().get(PeerInfoProblem.MISSING_TIMESTAMPS)).isEqualTo(1);
    assertThat(p.problems().get(PeerInfoProblem.INVALID_GIT_HASH)).isEqualTo(1);
  }

  @Test
  void countsAMemberThatDoesNotSpeakPeerInfo() throws Exception {
    Host node = host();
    Host old = host();
    PeerInfoProtocol p = ours(node, List.of(node.peerId(), old.peerId()), local(LOCK));
    connect(node, old);
    assertThatThrownBy(() -> p.request(old.peerId()).get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasCauseInstanceOf(PeerInfoException.class);
    assertThat(p.problems().get(PeerInfoProblem.UNSUPPORTED)).isEqualTo(1);
  }

  @Test
  void twoOfOurNodesLearnEachOther() throws Exception {
    Host a = host();
    Host b = host();
    List<PeerId> members = List.of(a.peerId(), b.peerId());
    PeerInfoProtocol pa = ours(a, members, local(LOCK));
    PeerInfoProtocol pb = ours(b, members, local(LOCK).withOperatorSettings("jvm-2", true));
    connect(a, b);
    pa.requestAll();
    PeerInfoReport r = pb.request(a.peerId()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(r.info().nickname()).isEqualTo("jvm-1");
    assertThat(r.lockHashMatches()).isTrue();
    assertThat(r.builderApiMatches()).isTrue();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (pa.report(b.peerId()).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(pa.report(b.peerId())).hasValueSatisfying(x ->
        assertThat(x.info().nickname()).isEqualTo("jvm-2"));
    assertThat(pa.answered()).isEqualTo(1);
    assertThat(pb.answered()).isEqualTo(1);
  }
}
