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

  private static Secp256k1PrivateKey newKey() {
    return Secp256k1PrivateKey.generate(RANDOM);
  }

  private static PeerId idOf(Secp256k1PrivateKey key) {
    return PeerId.fromPublicKey(key.publicKey());
  }

  /**
   * What the js relay is started with (see {@link JsRelay}).
   *
   * @param ttl reservation lifetime
   * @param durationLimit relayed connection lifetime, null for the relay's default
   * @param dataLimit relayed bytes per direction, 0 for the relay's default
   */
  private record RelayLimits(Duration ttl, Duration durationLimit, long dataLimit) {
    static final RelayLimits DEFAULT = new RelayLimits(Duration.ofMinutes(10), null, 0);

    JsRelay start(Secp256k1PrivateKey key, int port) throws Exception {
      return new JsRelay(key, port, ttl, durationLimit, dataLimit);
    }
  }

  /**
   * A js-libp2p relay and two Java hosts A and B, without direct addresses of each other, that
   * accept only each other and the relay, each with a relay client reserving on the relay. Closing
   * it closes the clients, the hosts and the relay, in that order.
   */
  private record TwoHostsAndARelay(Secp256k1PrivateKey relayKey, JsRelay relay,
      Secp256k1PrivateKey aKey, Secp256k1PrivateKey bKey, Host hostA, Host hostB,
      RelayClient clientA, RelayClient clientB) implements AutoCloseable {

    static TwoHostsAndARelay start(RelayLimits limits) throws Exception {
      Secp256k1PrivateKey relayKey = newKey();
      Secp256k1PrivateKey aKey = newKey();
      Secp256k1PrivateKey bKey = newKey();
      List<AutoCloseable> started = new ArrayList<>();
      try {
        JsRelay relay = opened(started, limits.start(relayKey, 0));
        Host hostA = opened(started, host(aKey, Set.of(idOf(relayKey), idOf(bKey))));
        Host hostB = opened(started, host(bKey, Set.of(idOf(relayKey), idOf(aKey))));
        RelayClient clientA = opened(started, RelayClient.start(hostA, List.of(relay.address)));
        RelayClient clientB = opened(started, RelayClient.start(hostB, List.of(relay.address)));
        return new TwoHostsAndARelay(relayKey, relay, aKey, bKey, hostA, hostB, clientA, clientB);
      } catch (Exception | Error e) {
        try {
          closeInReverse(started);
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
    }

    PeerId relayId() {
      return idOf(relayKey);
    }

    PeerId a() {
      return idOf(aKey);
    }

    PeerId b() {
      return idOf(bKey);
    }

    void awaitReservations() throws InterruptedException {
      await("reservations", () -> reserved(clientA) && reserved(clientB), WAIT);
    }

    @Override
    public void close() throws Exception {
      closeInReverse(List.of(relay, hostA, hostB, clientA, clientB));
    }

    private static <T extends AutoCloseable> T opened(List<AutoCloseable> started, T resource) {
      started.add(resource);
      return resource;
    }

    private static void closeInReverse(List<AutoCloseable> resources) throws Exception {
      Exception failure = null;
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  @Test
  void twoJavaHostsWithoutDirectAddressesTalkThroughTheRelay() throws Exception {
    try (TwoHostsAndARelay f = TwoHostsAndARelay.start(RelayLimits.DEFAULT)) {
      f.awaitReservations();
      Reservation r = f.clientB().states().get(0).reservation().orElseThrow();
      assertThat(r.relay()).isEqualTo(f.relayId());
      assertThat(r.expires()).isAfter(java.time.Instant.now().plusSeconds(60));

      f.hostA().setRelayAddresses(f.b(), f.clientA().circuits());
      Connection ab = f.hostA().connection(f.b()).get(20, TimeUnit.SECONDS);
      assertThat(ab.isRelayed()).isTrue();
      assertThat(ab.direction()).isEqualTo(Direction.OUTBOUND);
      assertThat(ab.remoteAddress()).isEqualTo(Circuits.via(f.relay().address));
      await("B sees the relayed connection", () -> f.hostB().openConnection(f.a()).isPresent(),
          WAIT);
      Connection ba = f.hostB().openConnection(f.a()).orElseThrow();
      assertThat(ba.isRelayed()).isTrue();
      assertThat(ba.direction()).isEqualTo(Direction.INBOUND);

      // both directions over the same relayed connection
      assertThat(f.hostA().ping(f.b()).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(f.hostB().ping(f.a()).get(20, TimeUnit.SECONDS)).isPositive();
      IdentifyInfo info = f.hostA().identify(f.b()).get(20, TimeUnit.SECONDS);
      assertThat(info.publicKey()).contains(f.bKey().publicKey());
      assertThat(f.hostB().identify(f.a()).get(20, TimeUnit.SECONDS).publicKey())
          .contains(f.aKey().publicKey());
      await("relay metrics",
          () -> f.clientA().relayedConnections().getOrDefault(f.relayId(), 0) == 1
              && f.clientB().relayedConnections().getOrDefault(f.relayId(), 0) == 1, WAIT);
    }
  }

  @Test
  void reservationsAreRefreshedAndRenewedAfterARelayRestartAndTheExchangeResumes()
      throws Exception {
    RelayLimits limits = new RelayLimits(Duration.ofSeconds(3), null, 0);
    try (TwoHostsAndARelay f = TwoHostsAndARelay.start(limits)) {
      int port = f.relay().port();
      f.awaitReservations();
      java.time.Instant first = f.clientB().states().get(0).reservation().orElseThrow().expires();
      // refreshed before it expires: the expiry moves forward while the relay stays up
      await("a refreshed reservation", () -> f.clientB().states().get(0).reservation()
          .filter(r -> r.expires().isAfter(first)).isPresent(), WAIT);

      f.hostA().setRelayAddresses(f.b(), f.clientA().circuits());
      f.hostA().keepConnected(f.b());
      f.hostA().connection(f.b()).get(20, TimeUnit.SECONDS);
      assertThat(f.hostA().ping(f.b()).get(20, TimeUnit.SECONDS)).isPositive();

      f.relay().close();
      await("relay loss noticed", () -> !reserved(f.clientA()) && !reserved(f.clientB())
          && f.hostA().openConnection(f.b()).isEmpty(), WAIT);
      assertThat(f.clientB().states().get(0).lastError()).isPresent();
      try (JsRelay restarted = limits.start(f.relayKey(), port)) {
        await("reservations renewed", () -> reserved(f.clientA()) && reserved(f.clientB()), WAIT);
        await("relayed connection re-established",
            () -> f.hostA().openConnection(f.b()).isPresent(), WAIT);
        assertThat(f.hostA().ping(f.b()).get(20, TimeUnit.SECONDS)).isPositive();
        assertThat(f.hostB().ping(f.a()).get(20, TimeUnit.SECONDS)).isPositive();
      }
    }
  }

  @Test
  void aConnectionCutByTheRelaysLimitIsReestablished() throws Exception {
    RelayLimits limits = new RelayLimits(Duration.ofMinutes(10), Duration.ofSeconds(2), 64 * 1024);
    try (TwoHostsAndARelay f = TwoHostsAndARelay.start(limits)) {
      f.awaitReservations();
      f.hostA().setRelayAddresses(f.b(), f.clientA().circuits());
      f.hostA().keepConnected(f.b());
      Connection first = f.hostA().connection(f.b()).get(20, TimeUnit.SECONDS);
      assertThat(f.hostA().ping(f.b()).get(20, TimeUnit.SECONDS)).isPositive();
      // the relay ends the circuit after 2 s; the host dials through the relay again
      await("the limit cuts the connection", () -> !first.isOpen(), WAIT);
      await("a new relayed connection", () -> f.hostA().openConnection(f.b())
          .filter(c -> c != first && c.isOpen()).isPresent(), WAIT);
      assertThat(f.hostA().ping(f.b()).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(f.hostB().ping(f.a()).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(reserved(f.clientA()) && reserved(f.clientB())).isTrue();
    }
  }

  @Test
  void aJsPeerReachableOnlyThroughTheRelayTalksWithAJavaHost() throws Exception {
    Secp256k1PrivateKey relayKey = newKey();
    Secp256k1PrivateKey javaKey = newKey();
    Secp256k1PrivateKey jsKey = newKey();
    PeerId relayId = idOf(relayKey);
    PeerId javaId = idOf(javaKey);
    PeerId jsId = idOf(jsKey);
    try (JsRelay relay = RelayLimits.DEFAULT.start(relayKey, 0);
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
    try (TwoHostsAndARelay f = TwoHostsAndARelay.start(RelayLimits.DEFAULT)) {
      f.awaitReservations();
      // a dead direct address first: the dial falls back to the relay
      int deadPort;
      deadPort = io.parsigex.testsupport.FreePorts.loopbackPort();
      f.hostA().addAddress(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + deadPort).withPeerId(f.b()));
      f.hostA().setRelayAddresses(f.b(), f.clientA().circuits());
      Connection relayed = f.hostA().connection(f.b()).get(20, TimeUnit.SECONDS);
      assertThat(relayed.isRelayed()).isTrue();
      relayed.close().awaitUninterruptibly(5_000);
      await("closed", () -> f.hostA().openConnection(f.b()).isEmpty(), WAIT);
      // a working direct address is used before the relay
      f.hostA().addAddress(f.hostB().listenAddresses().get(0).withPeerId(f.b()));
      Connection direct = f.hostA().connection(f.b()).get(20, TimeUnit.SECONDS);
      assertThat(direct.isRelayed()).isFalse();
      assertThat(f.hostA().ping(f.b()).get(20, TimeUnit.SECONDS)).isPositive();
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
      PeerId p = idOf(newKey());
      PeerId q = idOf(newKey());
      assertThat(RelayRouter.shouldDial(p, q) ^ RelayRouter.shouldDial(q, p))
          .as("%s %s", p, q).isTrue();
    }
  }

  @Test
  void bulkTransfersOverARelayedConnectionArePacedNotDropped() throws Exception {
    int streams = 8;
    int perStream = 1 << 20;
    int chunk = 64 * 1024;
    RelayLimits limits = new RelayLimits(Duration.ofMinutes(10), null, 64L << 20);
    try (TwoHostsAndARelay f = TwoHostsAndARelay.start(limits)) {
      Host hostA = f.hostA();
      PeerId b = f.b();
      f.hostB().setStreamHandler("/test/count/1.0.0", s -> s.handler(new YamuxStreamHandler() {
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
      f.awaitReservations();
      hostA.setRelayAddresses(b, f.clientA().circuits());
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
    try (TwoHostsAndARelay f = TwoHostsAndARelay.start(RelayLimits.DEFAULT)) {
      f.awaitReservations();
      f.hostA().setRelayAddresses(f.b(), f.clientA().circuits());
      assertThat(f.hostA().connection(f.b()).get(20, TimeUnit.SECONDS).isRelayed()).isTrue();
      try (RelayRouter router = RelayRouter.start(f.hostA(), f.clientA(),
          java.util.Map.of(f.b(), List.of(f.hostB().listenAddresses().get(0))),
          Duration.ofMillis(300))) {
        await("a direct connection", () -> f.hostA().openConnection(f.b())
            .filter(c -> !c.isRelayed()).isPresent(), WAIT);
      }
      assertThat(f.hostA().ping(f.b()).get(20, TimeUnit.SECONDS)).isPositive();
    }
  }

  @Test
  void changedRelaysAreReservedAndDroppedOnesForgotten() throws Exception {
    Secp256k1PrivateKey r1Key = newKey();
    Secp256k1PrivateKey r2Key = newKey();
    PeerId r1 = idOf(r1Key);
    PeerId r2 = idOf(r2Key);
    try (JsRelay relay1 = RelayLimits.DEFAULT.start(r1Key, 0);
        JsRelay relay2 = RelayLimits.DEFAULT.start(r2Key, 0);
        Host hostA = host(newKey(), Set.of(r1, r2));
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
