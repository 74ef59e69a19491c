package io.parsigex.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Identify;
import io.parsigex.libp2p.protocols.IdentifyInfo;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.testsupport.NettyLeakCheck;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The host against real js-libp2p peers (TCP, Noise, Yamux, identify, ping) on loopback. */
@ExtendWith(NettyLeakCheck.class)
class JsInteropTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LONG = Duration.ofSeconds(60);

  private static Host javaHost(Secp256k1PrivateKey key, Set<PeerId> allowed) throws Exception {
    Host h = Host.start(HostConfig.of(key, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(allowed)));
    h.setStreamHandler(EchoProtocol.ECHO, s -> s.handler(EchoProtocol.echo()));
    return h;
  }

  private static void await(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void javaDialsJsAndExchangesEverything() throws Exception {
    Secp256k1PrivateKey jsKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey javaKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId javaId = PeerId.fromPublicKey(javaKey.publicKey());
    try (JsPeer js = new JsPeer(jsKey, javaId.toString());
        Host host = javaHost(javaKey, Set.of(PeerId.fromPublicKey(jsKey.publicKey())))) {
      assertThat(js.peerId).isEqualTo(PeerId.fromPublicKey(jsKey.publicKey()));
      Connection c = host.connectTo(js.address).get(20, TimeUnit.SECONDS);
      assertThat(c.remotePeer()).isEqualTo(js.peerId);
      assertThat(js.await("conn-open ", LONG)).isEqualTo("conn-open " + javaId);

      // identify in both directions; js learns our protocols (so go peers would lazy-select)
      String identified = js.await("identified " + javaId, LONG);
      assertThat(identified.split(" ")[2]).isEqualTo(HostConfig.DEFAULT_AGENT_VERSION);
      assertThat(List.of(identified.split(" ")[3].split(","))).contains(Identify.PROTOCOL_ID,
          Ping.PROTOCOL_ID, EchoProtocol.ECHO);
      IdentifyInfo info = host.identify(js.peerId).get(20, TimeUnit.SECONDS);
      assertThat(info.protocols()).contains(Identify.PROTOCOL_ID, Ping.PROTOCOL_ID,
          EchoProtocol.ECHO, EchoProtocol.SINK);
      assertThat(info.publicKey()).contains(jsKey.publicKey());

      // ping both ways
      assertThat(host.ping(js.peerId).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(js.command("ping " + javaId, LONG)).startsWith("ping-ok ");

      // 1,000 messages on 1,000 new streams, Java to js, 32 in flight
      long seed = new Random().nextLong();
      Random rnd = new Random(seed);
      ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
      for (int i = 0; i < 1000; i++) {
        byte[] p = new byte[1 + rnd.nextInt(1000)];
        rnd.nextBytes(p);
        inFlight.add(host.newStream(js.peerId, EchoProtocol.ECHO)
            .thenCompose(s -> EchoProtocol.roundTrip(s, p, 2048))
            .thenAccept(back -> {
              if (!Arrays.equals(back, p)) {
                throw new AssertionError("echo differs (seed " + seed + ")");
              }
            }));
        if (inFlight.size() >= 32) {
          inFlight.poll().get(30, TimeUnit.SECONDS);
        }
      }
      for (CompletableFuture<Void> f : inFlight) {
        f.get(30, TimeUnit.SECONDS);
      }

      // 1,000 messages on 1,000 new streams, js to Java
      assertThat(js.command("echo " + javaId + " 1000 421 16", Duration.ofSeconds(120)))
          .isEqualTo("echo-ok 1000");
      // one 16 MiB stream echoed by Java: 64 window sizes each way
      assertThat(js.command("big " + javaId + " " + (16 << 20), Duration.ofSeconds(120)))
          .startsWith("big-ok " + (16 << 20));
      // one 16 MiB stream from Java, echoed by js
      byte[] big = new byte[16 << 20];
      rnd.nextBytes(big);
      byte[] back = host.newStream(js.peerId, EchoProtocol.ECHO)
          .thenCompose(s -> EchoProtocol.roundTrip(s, big, big.length))
          .get(120, TimeUnit.SECONDS);
      assertThat(Arrays.equals(back, big)).as("16 MiB echo (seed %d)", seed).isTrue();
      assertThat(js.command("stats", LONG)).startsWith("stats 1001 ");
    }
  }

  @Test
  void jsDialsJavaAndAStrangerIsRefused() throws Exception {
    Secp256k1PrivateKey jsKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey strangerKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey javaKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId javaId = PeerId.fromPublicKey(javaKey.publicKey());
    Set<PeerId> connected = ConcurrentHashMap.newKeySet();
    try (JsPeer js = new JsPeer(jsKey, "all");
        JsPeer stranger = new JsPeer(strangerKey, "all");
        Host host = javaHost(javaKey, Set.of(PeerId.fromPublicKey(jsKey.publicKey())))) {
      host.addConnectionListener(new ConnectionListener() {
        @Override
        public void connected(Connection connection) {
          connected.add(connection.remotePeer());
        }
      });
      Multiaddr javaAddr = host.listenAddresses().get(0).withPeerId(javaId);
      assertThat(js.command("dial " + javaAddr, LONG)).isEqualTo("dialed " + javaId);
      await(() -> connected.contains(js.peerId), LONG);
      assertThat(connected).containsExactly(js.peerId);
      assertThat(host.openConnection(js.peerId).orElseThrow().direction())
          .isEqualTo(Direction.INBOUND);
      assertThat(js.command("echo " + javaId + " 50 100 8", LONG)).isEqualTo("echo-ok 50");
      assertThat(js.command("ping " + javaId, LONG)).startsWith("ping-ok ");

      // the stranger completes its handshake, then Java's gater drops it
      String answer = stranger.command("dial " + javaAddr, LONG);
      await(() -> host.stats().gatedPeers() > 0, LONG);
      assertThat(host.stats().gatedPeers()).as(answer).isEqualTo(1);
      assertThat(host.connectedPeers()).containsExactly(js.peerId);
      assertThat(stranger.command("echo " + javaId + " 1 10 1", LONG)).startsWith("echo-error");
    }
  }
}
