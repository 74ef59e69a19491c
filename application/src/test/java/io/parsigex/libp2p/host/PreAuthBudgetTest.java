package io.parsigex.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NettyLeakCheck;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Strangers' sockets that never speak, against a listening host: they wait in the
 * pre-authentication budget (per source address and in total), never in the connection cap, so a
 * cluster peer gets in at once and our own dials go out; every refusal is counted. Sources other
 * than 127.0.0.1 are bound explicitly (Linux loopback answers the whole 127/8).
 */
@ExtendWith(NettyLeakCheck.class)
class PreAuthBudgetTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Longer than the default, so "at once" is told apart from "after the deadline" on a busy box. */
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final PreAuthLimits LIMITS = new PreAuthLimits(
      PreAuthLimits.DEFAULT_MAX_PER_SOURCE, PreAuthLimits.DEFAULT_MAX_TOTAL, DEADLINE);
  private static final int ATTACK_SOCKETS = 500;
  /** Attack sources 127.0.1.1 .. 127.0.1.63: at most 8 sockets each, within the per-IP limit. */
  private static final int ATTACK_SOURCES = 63;
  /** A cluster peer's connect, stream and echo during the attack must take less than this. */
  private static final Duration AT_ONCE = Duration.ofSeconds(5);

  private final List<Host> hosts = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private Secp256k1PrivateKey friendKey;
  private Host target;
  private InetSocketAddress endpoint;

  @BeforeEach
  void startTarget() throws Exception {
    friendKey = Secp256k1PrivateKey.generate(RANDOM);
    target = Host.start(HostConfig.of(Secp256k1PrivateKey.generate(RANDOM),
            List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
            ConnectionGater.allowOnly(Set.of(PeerId.fromPublicKey(friendKey.publicKey()))))
        .withPreAuth(LIMITS));
    hosts.add(target);
    target.setStreamHandler(EchoProtocol.ECHO, s -> s.handler(EchoProtocol.echo()));
    endpoint = target.listenAddresses().get(0).tcpEndpoint().orElseThrow();
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    hosts.forEach(Host::close);
  }

  private Socket silent(String source) throws Exception {
    Socket s = new Socket();
    sockets.add(s);
    s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    s.connect(endpoint, 5000);
    return s;
  }

  private PreAuthStats preAuth() {
    return target.stats().preAuth();
  }

  /** Every socket accepted so far was either admitted to the budget or refused. */
  private void awaitAccounted(long sockets) throws InterruptedException {
    awaitTrue(() -> preAuth().pending() + preAuth().totalRefused() >= sockets,
        Duration.ofSeconds(20));
  }

  private static void awaitTrue(BooleanSupplier condition, Duration bound)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** Whether the host has closed the socket (EOF or reset) within {@code wait}. */
  private static boolean closedByHost(Socket s, Duration wait) throws Exception {
    s.setSoTimeout((int) Math.max(1, wait.toMillis()));
    InputStream in = s.getInputStream();
    byte[] buf = new byte[256];
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (in.read(buf) < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  private Host friend() throws Exception {
    Host friend = Host.start(HostConfig.of(friendKey, List.of(),
        ConnectionGater.allowOnly(Set.of(target.peerId()))));
    hosts.add(friend);
    return friend;
  }

  /** Connects, opens an echo stream and round-trips 4 bytes; returns how long it took. */
  private Duration echoThroughNewConnection(Host friend) throws Exception {
    byte[] p = {1, 2, 3, 4};
    long start = System.nanoTime();
    byte[] back = friend.dial(target.listenAddresses().get(0).withPeerId(target.peerId()))
        .thenCompose(c -> friend.newStream(c, EchoProtocol.ECHO))
        .thenCompose(s -> EchoProtocol.roundTrip(s, p, 100))
        .get(DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(back).isEqualTo(p);
    return took;
  }

  @Test
  void clusterPeerGetsInAtOnceWhileFiveHundredSilentSocketsAreOpen() throws Exception {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(PreAuthBudget.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      attackWithSilentSockets();
    } finally {
      logger.detachAppender(lines);
    }
    assertThat(lines.list).as("refusals are logged rate-limited, not one line per socket")
        .hasSizeBetween(2, 10);
  }

  private void attackWithSilentSockets() throws Exception {
    // Without an attack, for comparison: one connection to warm up, then one measured.
    Host warmUp = friend();
    echoThroughNewConnection(warmUp);
    warmUp.close();
    Host quiet = friend();
    Duration baseline = echoThroughNewConnection(quiet);
    quiet.close();
    awaitTrue(() -> target.connectedPeers().isEmpty(), Duration.ofSeconds(10));

    long openStart = System.nanoTime();
    for (int i = 0; i < ATTACK_SOCKETS; i++) {
      silent("127.0.1." + (1 + i % ATTACK_SOURCES));
    }
    awaitAccounted(ATTACK_SOCKETS);
    Duration opening = Duration.ofNanos(System.nanoTime() - openStart);
    PreAuthStats during = preAuth();
    assertThat(during.pending()).isEqualTo(LIMITS.maxTotal());
    assertThat(during.refused(PreAuthRefusal.EVICTED))
        .as("each socket beyond the total evicted the oldest silent one")
        .isEqualTo(ATTACK_SOCKETS - LIMITS.maxTotal());
    assertThat(during.refused(PreAuthRefusal.PER_IP)).isZero();
    assertThat(target.stats().refusedOverLimit())
        .as("no stranger took one of maxConnections").isZero();

    Host friend = friend();
    Duration took = echoThroughNewConnection(friend);
    assertThat(took).as("the cluster peer connected at once, not after the deadline")
        .isLessThan(AT_ONCE);
    assertThat(target.connectedPeers()).contains(friend.peerId());
    PreAuthStats after = preAuth();
    assertThat(after.refused(PreAuthRefusal.EVICTED))
        .as("the cluster peer's handshake took a silent socket's place")
        .isEqualTo(ATTACK_SOCKETS - LIMITS.maxTotal() + 1);
    assertThat(after.pending()).isEqualTo(LIMITS.maxTotal() - 1);

    // After the deadline every silent socket is closed, and counted.
    awaitTrue(() -> preAuth().pending() == 0, DEADLINE.multipliedBy(3));
    assertThat(preAuth().refused(PreAuthRefusal.HANDSHAKE_TIMEOUT))
        .isEqualTo(LIMITS.maxTotal() - 1);
    int open = 0;
    for (Socket s : sockets) {
      if (!closedByHost(s, Duration.ofMillis(50))) {
        open++;
      }
    }
    assertThat(open).as("silent sockets still open after the deadline").isZero();
    // The authenticated connection outlived the strangers and still serves.
    assertThat(target.connectedPeers()).contains(friend.peerId());
    assertThat(echoThroughNewConnection(friend)).isLessThan(AT_ONCE);
    System.out.printf("pre-auth attack: %d silent sockets from %d addresses accounted in %d ms;"
            + " cluster peer connected, opened a stream and echoed in %d ms (without the attack:"
            + " %d ms); refused %s%n",
        ATTACK_SOCKETS, ATTACK_SOURCES, opening.toMillis(), took.toMillis(), baseline.toMillis(),
        preAuth().refused());
  }

  @Test
  void socketsBeyondThePerAddressLimitAreRefusedAtOnce() throws Exception {
    int extra = 12;
    List<Socket> admitted = new ArrayList<>();
    for (int i = 0; i < LIMITS.maxPerSource(); i++) {
      admitted.add(silent("127.0.0.5"));
    }
    awaitAccounted(LIMITS.maxPerSource());
    List<Socket> beyond = new ArrayList<>();
    int resetWhileConnecting = 0;
    for (int i = 0; i < extra; i++) {
      try {
        beyond.add(silent("127.0.0.5"));
      } catch (java.net.SocketException e) {
        // The host accepted and reset it before connect() returned: refused at once, too.
        resetWhileConnecting++;
      }
    }
    System.out.printf("per-address limit: %d of %d refused sockets were reset during connect%n",
        resetWhileConnecting, extra);
    for (Socket s : beyond) {
      assertThat(closedByHost(s, Duration.ofSeconds(4)))
          .as("refused at once, long before the %s deadline", DEADLINE).isTrue();
    }
    assertThat(preAuth().refused(PreAuthRefusal.PER_IP)).isEqualTo(extra);
    assertThat(preAuth().pending()).isEqualTo(LIMITS.maxPerSource());
    for (Socket s : admitted) {
      assertThat(closedByHost(s, Duration.ofMillis(20))).as("within the limit: still open")
          .isFalse();
    }
    // Another address is not affected by this one's limit.
    silent("127.0.0.6");
    awaitAccounted(LIMITS.maxPerSource() + extra + 1);
    assertThat(preAuth().pending()).isEqualTo(LIMITS.maxPerSource() + 1);
    assertThat(preAuth().refused(PreAuthRefusal.PER_IP)).isEqualTo(extra);
  }

  @Test
  void ourOwnDialGoesOutWhileTheInboundBudgetIsFull() throws Exception {
    // The friend listens; the target dials it while strangers fill the target's inbound budget.
    Host friend = Host.start(HostConfig.of(friendKey,
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(Set.of(target.peerId()))));
    hosts.add(friend);
    friend.setStreamHandler(EchoProtocol.ECHO, s -> s.handler(EchoProtocol.echo()));
    for (int i = 0; i < LIMITS.maxTotal(); i++) {
      silent("127.0.2." + (1 + i % 16));
    }
    awaitAccounted(LIMITS.maxTotal());
    assertThat(preAuth().pending()).isEqualTo(LIMITS.maxTotal());
    byte[] p = {9, 8, 7};
    long start = System.nanoTime();
    byte[] back = target.dial(friend.listenAddresses().get(0).withPeerId(friend.peerId()))
        .thenCompose(c -> target.newStream(c, EchoProtocol.ECHO))
        .thenCompose(s -> EchoProtocol.roundTrip(s, p, 100))
        .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(back).isEqualTo(p);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
    assertThat(preAuth().pending()).as("the outbound dial took no inbound place")
        .isEqualTo(LIMITS.maxTotal());
    assertThat(preAuth().refused(PreAuthRefusal.EVICTED)).isZero();
  }

  @Test
  void whenEveryPendingHandshakeHasSpokenNewOnesAreRefused() throws Exception {
    Host small = Host.start(HostConfig.of(Secp256k1PrivateKey.generate(RANDOM),
            List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), ConnectionGater.allowAll())
        .withPreAuth(new PreAuthLimits(2, 2, DEADLINE)));
    hosts.add(small);
    InetSocketAddress at = small.listenAddresses().get(0).tcpEndpoint().orElseThrow();
    List<Socket> talkers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Socket s = new Socket();
      sockets.add(s);
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.3." + (i + 1)), 0));
      s.connect(at, 5000);
      // It selects Noise, then never sends a handshake message: it spoke, so it is not evicted.
      byte[] header = io.parsigex.libp2p.multistream.Negotiator.encode("/multistream/1.0.0");
      byte[] noise = io.parsigex.libp2p.multistream.Negotiator.encode("/noise");
      s.getOutputStream().write(header);
      s.getOutputStream().write(noise);
      s.getOutputStream().flush();
      // The host's header and its echo of /noise show it has read what we sent.
      s.setSoTimeout(10_000);
      s.getInputStream().readNBytes(header.length + noise.length);
      talkers.add(s);
    }
    assertThat(small.stats().preAuth().pending()).isEqualTo(2);
    Socket late = new Socket();
    sockets.add(late);
    late.bind(new InetSocketAddress(InetAddress.getByName("127.0.3.9"), 0));
    late.connect(at, 5000);
    assertThat(closedByHost(late, Duration.ofSeconds(4))).isTrue();
    assertThat(small.stats().preAuth().refused(PreAuthRefusal.TOTAL)).isEqualTo(1);
    assertThat(small.stats().preAuth().refused(PreAuthRefusal.EVICTED)).isZero();
  }

  @Test
  void limitsAreValidated() {
    assertThat(PreAuthLimits.defaults()).isEqualTo(new PreAuthLimits(8, 64, Duration.ofSeconds(3)));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new PreAuthLimits(0, 64, DEADLINE));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new PreAuthLimits(8, 4, DEADLINE)).withMessageContaining("maxTotal");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new PreAuthLimits(8, 64, Duration.ZERO));
  }
}
