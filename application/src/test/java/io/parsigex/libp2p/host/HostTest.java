package io.parsigex.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Identify;
import io.parsigex.libp2p.protocols.IdentifyInfo;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.testsupport.NettyLeakCheck;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakCheck.class)
class HostTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<Host> hosts = new ArrayList<>();

  @AfterEach
  void closeHosts() {
    hosts.forEach(Host::close);
  }

  private Host host(Secp256k1PrivateKey key, Set<PeerId> allowed) throws Exception {
    Host h = Host.start(HostConfig.of(key, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(allowed)).withRedialBackoff(Duration.ofMillis(50),
        Duration.ofMillis(400)));
    hosts.add(h);
    h.setStreamHandler(EchoProtocol.ECHO, s -> s.handler(EchoProtocol.echo()));
    return h;
  }

  private static PeerId id(Secp256k1PrivateKey k) {
    return PeerId.fromPublicKey(k.publicKey());
  }

  private static Multiaddr addr(Host h) {
    return h.listenAddresses().get(0).withPeerId(h.peerId());
  }

  @Test
  void twoHostsExchangeStreamsPingAndIdentify() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    Host a = host(ka, Set.of(id(kb)));
    Host b = host(kb, Set.of(id(ka)));
    Connection c = a.connectTo(addr(b)).get(10, TimeUnit.SECONDS);
    assertThat(c.remotePeer()).isEqualTo(b.peerId());
    // the listener registers the connection once it has read the last handshake message
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!b.connectedPeers().contains(a.peerId()) && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    List<CompletableFuture<byte[]>> answers = new ArrayList<>();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] p = new byte[1 + rnd.nextInt(2000)];
      rnd.nextBytes(p);
      sent.add(p);
      Host from = i % 2 == 0 ? a : b;
      PeerId to = i % 2 == 0 ? b.peerId() : a.peerId();
      answers.add(from.newStream(to, EchoProtocol.ECHO)
          .thenCompose(s -> EchoProtocol.roundTrip(s, p, 4096)));
    }
    for (int i = 0; i < answers.size(); i++) {
      assertThat(answers.get(i).get(20, TimeUnit.SECONDS)).as("seed %d #%d", seed, i)
          .isEqualTo(sent.get(i));
    }
    assertThat(a.ping(b.peerId()).get(5, TimeUnit.SECONDS)).isPositive();
    IdentifyInfo info = b.identify(a.peerId()).get(5, TimeUnit.SECONDS);
    assertThat(info.protocols()).contains(Identify.PROTOCOL_ID, Ping.PROTOCOL_ID,
        EchoProtocol.ECHO);
    assertThat(info.publicKey()).contains(ka.publicKey());
    assertThat(info.listenAddrs()).containsExactlyElementsOf(a.listenAddresses());
    assertThatThrownBy(() -> a.newStream(b.peerId(), "/not/supported/1.0.0")
        .get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(HostException.NegotiationFailed.class);
  }

  @Test
  void aPeerOutsideTheClusterIsRefusedAndCounted() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey stranger = Secp256k1PrivateKey.generate(RANDOM);
    Host a = host(ka, Set.of(id(kb)));
    Host s = host(stranger, Set.of(id(ka)));
    // the dialler finishes its side of the handshake first, so its dial may succeed briefly;
    // the listener's gater then closes the connection
    s.dial(addr(a)).handle((c, e) -> null).get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (a.stats().gatedPeers() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(a.stats().gatedPeers()).isEqualTo(1);
    assertThat(a.connectedPeers()).isEmpty();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!s.connectedPeers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(s.connectedPeers()).isEmpty();
    // the refused side's gater is also applied when dialling: a refuses to dial a stranger
    assertThatThrownBy(() -> a.dial(addr(s)).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(HostException.Gated.class);
  }

  @Test
  void dialingTheWrongPeerIdFails() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    Host a = host(ka, Set.of(id(kb)));
    Host b = host(kb, Set.of(id(ka)));
    PeerId other = id(Secp256k1PrivateKey.generate(RANDOM));
    assertThatThrownBy(() -> a.dial(b.listenAddresses().get(0).withPeerId(other))
        .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(HostException.SecurityFailed.class)
        .hasMessageContaining("proved to be");
  }

  @Test
  void redialsAfterThePeerRestarts() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    Host a = host(ka, Set.of(id(kb)));
    Host b = host(kb, Set.of(id(ka)));
    Multiaddr bAddr = addr(b);
    a.connectTo(bAddr).get(10, TimeUnit.SECONDS);
    b.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!a.connectedPeers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(a.connectedPeers()).isEmpty();
    Host b2 = Host.start(HostConfig.of(kb, List.of(bAddr.withoutPeerId()),
        ConnectionGater.allowOnly(Set.of(id(ka)))));
    hosts.add(b2);
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (a.connectedPeers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(a.connectedPeers()).containsExactly(b2.peerId());
  }

  @Test
  void goStyleLazySelectPipelinesDataBehindTheProposal() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    Host a = host(ka, Set.of(id(kb)));
    Host b = host(kb, Set.of(id(ka)));
    Connection c = a.dial(addr(b)).get(10, TimeUnit.SECONDS);
    io.parsigex.libp2p.yamux.YamuxStream raw = c.session().openStream().get(5, TimeUnit.SECONDS);
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    raw.handler(EchoProtocol.collect(answer, 4096));
    byte[] payload = "pipelined behind the proposal".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
    packet.writeBytes(io.parsigex.libp2p.multistream.Negotiator.encode("/multistream/1.0.0"));
    packet.writeBytes(io.parsigex.libp2p.multistream.Negotiator.encode(EchoProtocol.ECHO));
    packet.writeBytes(payload);
    raw.write(io.netty.buffer.Unpooled.wrappedBuffer(packet.toByteArray()));
    raw.closeWrite();
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    expected.writeBytes(io.parsigex.libp2p.multistream.Negotiator.encode("/multistream/1.0.0"));
    expected.writeBytes(io.parsigex.libp2p.multistream.Negotiator.encode(EchoProtocol.ECHO));
    expected.writeBytes(payload);
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(expected.toByteArray());
  }

  @Test
  void bytesAndCloseArrivingBeforeTheHandlerIsInstalledAreDelivered() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    Host a = host(ka, Set.of(id(kb)));
    Host b = host(kb, Set.of(id(ka)));
    CompletableFuture<byte[]> received = new CompletableFuture<>();
    java.util.concurrent.ScheduledExecutorService later =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      // the handler is installed 300 ms after the stream arrived, from another thread
      b.setStreamHandler("/test/late/1.0.0", s -> later.schedule(
          () -> s.handler(EchoProtocol.collect(received, 1 << 20)), 300, TimeUnit.MILLISECONDS));
      // a DNS address exercises the resolver path
      Multiaddr viaDns = Multiaddr.parse("/dns4/localhost/tcp/"
          + b.listenAddresses().get(0).tcpEndpoint().orElseThrow().getPort() + "/p2p/"
          + b.peerId());
      byte[] payload = new byte[200_000];
      RANDOM.nextBytes(payload);
      HostStream s = a.dial(viaDns).thenCompose(c -> a.newStream(c, "/test/late/1.0.0"))
          .get(10, TimeUnit.SECONDS);
      CompletableFuture<byte[]> ignored = EchoProtocol.roundTrip(s, payload, 16);
      assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(payload);
      assertThat(ignored.get(10, TimeUnit.SECONDS)).isEmpty();
    } finally {
      later.shutdownNow();
    }
  }
}
