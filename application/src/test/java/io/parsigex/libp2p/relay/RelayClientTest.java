package io.parsigex.libp2p.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.Direction;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.IdentifyInfo;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import io.parsigex.testsupport.NettyLeakCheck;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay client against js-libp2p's circuit relay v2 server on loopback: reservations, relayed
 * dials, stop, and the relayed connection used like any other.
 */
@ExtendWith(NettyLeakCheck.class)
class RelayClientTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration WAIT = Duration.ofSeconds(30);

  static Host host(Secp256k1PrivateKey key, Set<PeerId> allowed) throws Exception {
    return Host.start(HostConfig.of(key, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(allowed))
        .withRedialBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)));
  }

  static void await(String what, BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static boolean reserved(RelayClient client) {
    return !client.states().isEmpty() && client.states().stream().allMatch(RelayState::reserved);
  }

  @Test
  void twoJavaHostsWithoutDirectAddressesTalkThroughTheRelay() throws Exception {
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey aKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey bKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId relayId = PeerId.fromPublicKey(relayKey.publicKey());
    PeerId a = PeerId.fromPublicKey(aKey.publicKey());
    PeerId b = PeerId.fromPublicKey(bKey.publicKey());
    try (JsRelay relay = new JsRelay(relayKey, 0, Duration.ofMinutes(10), null, 0);
        Host hostA = host(aKey, Set.of(relayId, b));
        Host hostB = host(bKey, Set.of(relayId, a));
        RelayClient clientA = RelayClient.start(hostA, List.of(relay.address));
        RelayClient clientB = RelayClient.start(hostB, List.of(relay.address))) {
      await("reservations", () -> reserved(clientA) && reserved(clientB), WAIT);
      Reservation r = clientB.states().get(0).reservation().orElseThrow();
      assertThat(r.relay()).isEqualTo(relayId);
      assertThat(r.expires()).isAfter(java.time.Instant.now().plusSeconds(60));

      hostA.setRelayAddresses(b, clientA.circuits());
      Connection ab = hostA.connection(b).get(20, TimeUnit.SECONDS);
      assertThat(ab.isRelayed()).isTrue();
      assertThat(ab.direction()).isEqualTo(Direction.OUTBOUND);
      assertThat(ab.remoteAddress()).isEqualTo(Circuits.via(relay.address));
      await("B sees the relayed connection", () -> hostB.openConnection(a).isPresent(), WAIT);
      Connection ba = hostB.openConnection(a).orElseThrow();
      assertThat(ba.isRelayed()).isTrue();
      assertThat(ba.direction()).isEqualTo(Direction.INBOUND);

      // both directions over the same relayed connection
      assertThat(hostA.ping(b).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(hostB.ping(a).get(20, TimeUnit.SECONDS)).isPositive();
      IdentifyInfo info = hostA.identify(b).get(20, TimeUnit.SECONDS);
      assertThat(info.publicKey()).contains(bKey.publicKey());
      assertThat(hostB.identify(a).get(20, TimeUnit.SECONDS).publicKey())
          .contains(aKey.publicKey());
      await("relay metrics", () -> clientA.relayedConnections().getOrDefault(relayId, 0) == 1
          && clientB.relayedConnections().getOrDefault(relayId, 0) == 1, WAIT);
    }
  }

  @Test
  void reservationsAreRefreshedAndRenewedAfterARelayRestartAndTheExchangeResumes()
      throws Exception {
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey aKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey bKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId relayId = PeerId.fromPublicKey(relayKey.publicKey());
    PeerId a = PeerId.fromPublicKey(aKey.publicKey());
    PeerId b = PeerId.fromPublicKey(bKey.publicKey());
    Duration ttl = Duration.ofSeconds(3);
    JsRelay relay = new JsRelay(relayKey, 0, ttl, null, 0);
    int port = relay.port();
    try (Host hostA = host(aKey, Set.of(relayId, b));
        Host hostB = host(bKey, Set.of(relayId, a));
        RelayClient clientA = RelayClient.start(hostA, List.of(relay.address));
        RelayClient clientB = RelayClient.start(hostB, List.of(relay.address))) {
      await("reservations", () -> reserved(clientA) && reserved(clientB), WAIT);
      java.time.Instant first = clientB.states().get(0).reservation().orElseThrow().expires();
      // refreshed before it expires: the expiry moves forward while the relay stays up
      await("a refreshed reservation", () -> clientB.states().get(0).reservation()
          .filter(r -> r.expires().isAfter(first)).isPresent(), WAIT);

      hostA.setRelayAddresses(b, clientA.circuits());
      hostA.keepConnected(b);
      hostA.connection(b).get(20, TimeUnit.SECONDS);
      assertThat(hostA.ping(b).get(20, TimeUnit.SECONDS)).isPositive();

      relay.close();
      await("relay loss noticed", () -> !reserved(clientA) && !reserved(clientB)
          && hostA.openConnection(b).isEmpty(), WAIT);
      assertThat(clientB.states().get(0).lastError()).isPresent();
      relay = new JsRelay(relayKey, port, ttl, null, 0);
      await("reservations renewed", () -> reserved(clientA) && reserved(clientB), WAIT);
      await("relayed connection re-established", () -> hostA.openConnection(b).isPresent(),
          WAIT);
      assertThat(hostA.ping(b).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(hostB.ping(a).get(20, TimeUnit.SECONDS)).isPositive();
    } finally {
      relay.close();
    }
  }

  @Test
  void aConnectionCutByTheRelaysLimitIsReestablished() throws Exception {
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey aKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey bKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId relayId = PeerId.fromPublicKey(relayKey.publicKey());
    PeerId a = PeerId.fromPublicKey(aKey.publicKey());
    PeerId b = PeerId.fromPublicKey(bKey.publicKey());
    try (JsRelay relay = new JsRelay(relayKey, 0, Duration.ofMinutes(10), Duration.ofSeconds(2),
            64 * 1024);
        Host hostA = host(aKey, Set.of(relayId, b));
        Host hostB = host(bKey, Set.of(relayId, a));
        RelayClient clientA = RelayClient.start(hostA, List.of(relay.address));
        RelayClient clientB = RelayClient.start(hostB, List.of(relay.address))) {
      await("reservations", () -> reserved(clientA) && reserved(clientB), WAIT);
      hostA.setRelayAddresses(b, clientA.circuits());
      hostA.keepConnected(b);
      Connection first = hostA.connection(b).get(20, TimeUnit.SECONDS);
      assertThat(hostA.ping(b).get(20, TimeUnit.SECONDS)).isPositive();
      // the relay ends the circuit after 2 s; the host dials through the relay again
      await("the limit cuts the connection", () -> !first.isOpen(), WAIT);
      await("a new relayed connection", () -> hostA.openConnection(b)
          .filter(c -> c != first && c.isOpen()).isPresent(), WAIT);
      assertThat(hostA.ping(b).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(hostB.ping(a).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(reserved(clientA) && reserved(clientB)).isTrue();
    }
  }

  @Test
  void aJsPeerReachableOnlyThroughTheRelayTalksWithAJavaHost() throws Exception {
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey javaKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey jsKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId relayId = PeerId.fromPublicKey(relayKey.publicKey());
    PeerId javaId = PeerId.fromPublicKey(javaKey.publicKey());
    PeerId jsId = PeerId.fromPublicKey(jsKey.publicKey());
    try (JsRelay relay = new JsRelay(relayKey, 0, Duration.ofMinutes(10), null, 0);
        io.parsigex.testsupport.NodeJs.JsProcess js = io.parsigex.testsupport.NodeJs.get()
            .start("relay-peer.mjs", java.util.HexFormat.of().formatHex(jsKey.bytes()),
                relay.address.toString());
        Host host = host(javaKey, Set.of(relayId, jsId));
        RelayClient client = RelayClient.start(host, List.of(relay.address))) {
      String reservedLine = js.awaitLine("reserved ", WAIT);
      assertThat(reservedLine).contains("/p2p-circuit");
      await("Java reservation", () -> reserved(client), WAIT);

      // Java dials the js peer through the relay and pings it
      host.setRelayAddresses(jsId, client.circuits());
      Connection c = host.connection(jsId).get(20, TimeUnit.SECONDS);
      assertThat(c.isRelayed()).isTrue();
      assertThat(host.ping(jsId).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(host.identify(jsId).get(20, TimeUnit.SECONDS).publicKey())
          .contains(jsKey.publicKey());
      c.close().awaitUninterruptibly(5_000);
      await("closed", () -> host.openConnection(jsId).isEmpty(), WAIT);

      // the js peer dials Java through the relay (js-libp2p's own circuit transport)
      js.send("ping " + Circuits.via(relay.address).withPeerId(javaId));
      assertThat(js.awaitLine("ping-", WAIT)).startsWith("ping-ok ");
      Connection inbound = host.openConnection(jsId).orElseThrow();
      assertThat(inbound.isRelayed()).isTrue();
      assertThat(inbound.direction()).isEqualTo(Direction.INBOUND);
    }
  }

  @Test
  void aWorkingDirectAddressIsPreferredAndTheRelayIsTheFallback() throws Exception {
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey aKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey bKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId relayId = PeerId.fromPublicKey(relayKey.publicKey());
    PeerId a = PeerId.fromPublicKey(aKey.publicKey());
    PeerId b = PeerId.fromPublicKey(bKey.publicKey());
    try (JsRelay relay = new JsRelay(relayKey, 0, Duration.ofMinutes(10), null, 0);
        Host hostA = host(aKey, Set.of(relayId, b));
        Host hostB = host(bKey, Set.of(relayId, a));
        RelayClient clientA = RelayClient.start(hostA, List.of(relay.address));
        RelayClient clientB = RelayClient.start(hostB, List.of(relay.address))) {
      await("reservations", () -> reserved(clientA) && reserved(clientB), WAIT);
      // a dead direct address first: the dial falls back to the relay
      int deadPort;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
        deadPort = s.getLocalPort();
      }
      hostA.addAddress(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + deadPort).withPeerId(b));
      hostA.setRelayAddresses(b, clientA.circuits());
      Connection relayed = hostA.connection(b).get(20, TimeUnit.SECONDS);
      assertThat(relayed.isRelayed()).isTrue();
      relayed.close().awaitUninterruptibly(5_000);
      await("closed", () -> hostA.openConnection(b).isEmpty(), WAIT);
      // a working direct address is used before the relay
      hostA.addAddress(hostB.listenAddresses().get(0).withPeerId(b));
      Connection direct = hostA.connection(b).get(20, TimeUnit.SECONDS);
      assertThat(direct.isRelayed()).isFalse();
      assertThat(hostA.ping(b).get(20, TimeUnit.SECONDS)).isPositive();
    }
  }

  @Test
  void charonsRuleLetsExactlyOneOfEachPairDial() throws Exception {
    // Go compares peer.ID strings (raw multihash bytes): 00 25 08 02 12 21 ‖ compressed key, so
    // the key starting 02 (32 bytes of 0x02) sorts before the one starting 03 (0x01)
    PeerId ones = PeerId.parse("16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi");
    PeerId twos = PeerId.parse("16Uiu2HAkzdQ5Y9SYT91K1ue5SxXwgmajXntfScGnLYeip5hHyWmT");
    assertThat(RelayRouter.shouldDial(twos, ones)).isTrue();
    assertThat(RelayRouter.shouldDial(ones, twos)).isFalse();
    assertThat(RelayRouter.shouldDial(ones, ones)).isFalse();
    for (int i = 0; i < 50; i++) {
      PeerId p = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey());
      PeerId q = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey());
      assertThat(RelayRouter.shouldDial(p, q) ^ RelayRouter.shouldDial(q, p))
          .as("%s %s", p, q).isTrue();
    }
  }

  @Test
  void bulkTransfersOverARelayedConnectionArePacedNotDropped() throws Exception {
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey aKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey bKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId relayId = PeerId.fromPublicKey(relayKey.publicKey());
    PeerId a = PeerId.fromPublicKey(aKey.publicKey());
    PeerId b = PeerId.fromPublicKey(bKey.publicKey());
    int streams = 8;
    int perStream = 1 << 20;
    int chunk = 64 * 1024;
    try (JsRelay relay = new JsRelay(relayKey, 0, Duration.ofMinutes(10), null, 64L << 20);
        Host hostA = host(aKey, Set.of(relayId, b));
        Host hostB = host(bKey, Set.of(relayId, a));
        RelayClient clientA = RelayClient.start(hostA, List.of(relay.address));
        RelayClient clientB = RelayClient.start(hostB, List.of(relay.address))) {
      hostB.setStreamHandler("/test/count/1.0.0", s -> s.handler(new YamuxStreamHandler() {
        private long count;

        @Override
        public void onData(YamuxStream stream, ByteBuf data) {
          count += data.readableBytes();
          data.release();
        }

        @Override
        public void onRemoteClose(YamuxStream stream) {
          stream.write(Unpooled.copyLong(count));
          stream.closeWrite();
        }
      }));
      await("reservations", () -> reserved(clientA) && reserved(clientB), WAIT);
      hostA.setRelayAddresses(b, clientA.circuits());
      Connection c = hostA.connection(b).get(20, TimeUnit.SECONDS);
      List<CompletableFuture<Long>> counts = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        CompletableFuture<Long> count = new CompletableFuture<>();
        counts.add(count);
        hostA.newStream(c, "/test/count/1.0.0").thenAccept(s -> {
          s.handler(new YamuxStreamHandler() {
            private final ByteBuf got = Unpooled.buffer(8);

            @Override
            public void onData(YamuxStream stream, ByteBuf data) {
              got.writeBytes(data, Math.min(data.readableBytes(), got.writableBytes()));
              data.release();
            }

            @Override
            public void onRemoteClose(YamuxStream stream) {
              count.complete(got.readableBytes() == 8 ? got.readLong() : -1L);
              got.release();
            }

            @Override
            public void onReset(YamuxStream stream, YamuxException cause) {
              count.completeExceptionally(cause);
              got.release();
            }
          });
          for (int sent = 0; sent < perStream; sent += chunk) {
            s.write(Unpooled.wrappedBuffer(new byte[chunk]));
          }
          s.closeWrite();
        }).exceptionally(e -> {
          count.completeExceptionally(e);
          return null;
        });
      }
      for (CompletableFuture<Long> count : counts) {
        assertThat(count.get(60, TimeUnit.SECONDS)).isEqualTo(perStream);
      }
      assertThat(c.isOpen()).isTrue();
      assertThat(hostA.openConnection(b)).contains(c);
    }
  }

  @Test
  void theRouterMovesARelayedPeerToItsDirectAddressOnceThatWorks() throws Exception {
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey aKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey bKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId relayId = PeerId.fromPublicKey(relayKey.publicKey());
    PeerId a = PeerId.fromPublicKey(aKey.publicKey());
    PeerId b = PeerId.fromPublicKey(bKey.publicKey());
    try (JsRelay relay = new JsRelay(relayKey, 0, Duration.ofMinutes(10), null, 0);
        Host hostA = host(aKey, Set.of(relayId, b));
        Host hostB = host(bKey, Set.of(relayId, a));
        RelayClient clientA = RelayClient.start(hostA, List.of(relay.address));
        RelayClient clientB = RelayClient.start(hostB, List.of(relay.address))) {
      await("reservations", () -> reserved(clientA) && reserved(clientB), WAIT);
      hostA.setRelayAddresses(b, clientA.circuits());
      assertThat(hostA.connection(b).get(20, TimeUnit.SECONDS).isRelayed()).isTrue();
      try (RelayRouter router = RelayRouter.start(hostA, clientA,
          java.util.Map.of(b, List.of(hostB.listenAddresses().get(0))), Duration.ofMillis(300))) {
        await("a direct connection", () -> hostA.openConnection(b)
            .filter(c -> !c.isRelayed()).isPresent(), WAIT);
      }
      assertThat(hostA.ping(b).get(20, TimeUnit.SECONDS)).isPositive();
    }
  }

  @Test
  void changedRelaysAreReservedAndDroppedOnesForgotten() throws Exception {
    Secp256k1PrivateKey r1Key = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey r2Key = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey aKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId r1 = PeerId.fromPublicKey(r1Key.publicKey());
    PeerId r2 = PeerId.fromPublicKey(r2Key.publicKey());
    try (JsRelay relay1 = new JsRelay(r1Key, 0, Duration.ofMinutes(10), null, 0);
        JsRelay relay2 = new JsRelay(r2Key, 0, Duration.ofMinutes(10), null, 0);
        Host hostA = host(aKey, Set.of(r1, r2));
        RelayClient client = RelayClient.start(hostA, List.of(relay1.address))) {
      await("reserved on relay 1", () -> reserved(client), WAIT);
      client.setRelays(List.of(relay2.address));
      await("reserved on relay 2", () -> reserved(client)
          && client.states().get(0).relay().equals(r2), WAIT);
      assertThat(client.states()).hasSize(1);
      assertThat(client.isRelay(r1)).isFalse();
      assertThat(client.circuits()).containsExactly(Circuits.via(relay2.address));
      // the old relay is not redialled once its connection is gone
      hostA.openConnection(r1).ifPresent(c -> c.close().awaitUninterruptibly(5_000));
      Thread.sleep(1_500);
      assertThat(hostA.openConnection(r1)).isEmpty();
    }
  }
}
