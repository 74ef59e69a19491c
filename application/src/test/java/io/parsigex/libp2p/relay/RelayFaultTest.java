package io.parsigex.libp2p.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.encoding.Varint;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.proto.libp2p.CircuitProto;
import io.parsigex.testsupport.NettyLeakCheck;
import io.parsigex.testsupport.TestSeed;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A misbehaving relay (a Java host answering the hop protocol with scripted bytes) and random
 * input to the decoders: every failure is a typed {@link RelayException}, nothing leaks, and the
 * host keeps working.
 */
@ExtendWith(NettyLeakCheck.class)
@ExtendWith(TestSeed.class)
class RelayFaultTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] delimited(byte[] body) {
    byte[] len = Varint.encode(body.length);
    byte[] out = new byte[len.length + body.length];
    System.arraycopy(len, 0, out, 0, len.length);
    System.arraycopy(body, 0, out, len.length, body.length);
    return out;
  }

  private static Throwable reserveAgainst(byte[] answer, boolean close) throws Exception {
    Secp256k1PrivateKey rKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey cKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId r = PeerId.fromPublicKey(rKey.publicKey());
    PeerId c = PeerId.fromPublicKey(cKey.publicKey());
    try (Host relay = RelayClientTest.host(rKey, Set.of(c));
        Host client = RelayClientTest.host(cKey, Set.of(r))) {
      relay.setStreamHandler(RelayProtocol.HOP_PROTOCOL_ID, s -> {
        s.handler((stream, data) -> data.release());
        if (answer.length > 0) {
          s.write(Unpooled.wrappedBuffer(answer));
        }
        if (close) {
          s.closeWrite();
        }
      });
      client.addAddress(relay.listenAddresses().get(0).withPeerId(r));
      try {
        new HopClient(client).reserve(r).get(20, TimeUnit.SECONDS);
        throw new AssertionError("reservation unexpectedly succeeded");
      } catch (ExecutionException e) {
        // the connection survives a bad answer
        assertThat(client.ping(r).get(10, TimeUnit.SECONDS)).isPositive();
        return e.getCause();
      }
    }
  }

  @Test
  void badAnswersBecomeTypedErrors() throws Exception {
    byte[] refused = delimited(CircuitProto.HopMessage.newBuilder()
        .setType(CircuitProto.HopMessage.Type.STATUS)
        .setStatus(CircuitProto.Status.RESERVATION_REFUSED).build().toByteArray());
    assertThat(reserveAgainst(refused, true)).isInstanceOfSatisfying(RelayException.Refused.class,
        e -> assertThat(e.status()).isEqualTo(RelayStatus.RESERVATION_REFUSED));
    byte[] okWithoutReservation = delimited(CircuitProto.HopMessage.newBuilder()
        .setType(CircuitProto.HopMessage.Type.STATUS).setStatus(CircuitProto.Status.OK).build()
        .toByteArray());
    assertThat(reserveAgainst(okWithoutReservation, true))
        .isInstanceOf(RelayException.Malformed.class).hasMessageContaining("expiry");
    assertThat(reserveAgainst(delimited(new byte[] {(byte) 0xff, 0x01}), true))
        .isInstanceOf(RelayException.Malformed.class);
    assertThat(reserveAgainst(Varint.encode(RelayProtocol.MAX_MESSAGE_SIZE + 1), false))
        .isInstanceOf(RelayException.Malformed.class).hasMessageContaining("announces");
    assertThat(reserveAgainst(new byte[] {0x05, 0x01}, true))
        .isInstanceOf(RelayException.Closed.class);
    byte[] connectInsteadOfStatus = delimited(CircuitProto.HopMessage.newBuilder()
        .setType(CircuitProto.HopMessage.Type.CONNECT).build().toByteArray());
    assertThat(reserveAgainst(connectInsteadOfStatus, true))
        .isInstanceOf(RelayException.Malformed.class).hasMessageContaining("instead of STATUS");
  }

  @Test
  void randomBytesNeverEscapeAsUncheckedExceptions() {
    long seed = TestSeed.seed("RelayFaultTest.randomBytesNeverEscapeAsUncheckedExceptions");
    Random rnd = new Random(seed);
    PeerId relay = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey());
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[rnd.nextInt(64)];
      rnd.nextBytes(b);
      try {
        CircuitProto.HopMessage m = RelayMessages.parseHop(b);
        RelayMessages.reservation(relay, RelayMessages.expectOk(m, "fuzz"));
      } catch (RelayException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("hop decoding threw " + e + " (seed " + seed + ", case " + i
            + ")", e);
      }
      try {
        RelayMessages.stopInitiator(RelayMessages.parseStop(b));
      } catch (RelayException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("stop decoding threw " + e + " (seed " + seed + ", case " + i
            + ")", e);
      }
    }
  }

  @Test
  void circuitAddressesAreCheckedNotTrusted() throws Exception {
    Multiaddr relay = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/"
        + "16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi");
    Multiaddr circuit = Circuits.via(relay);
    assertThat(circuit.toString()).endsWith("/p2p-circuit");
    assertThat(circuit.isRelayed()).isTrue();
    assertThat(Circuits.relayOf(circuit)).isEqualTo(relay.peerId());
    assertThat(Circuits.relayAddress(circuit)).isEqualTo(relay);
    assertThat(Circuits.relayOf(relay)).isEmpty();
    assertThatThrownBy(() -> Circuits.via(relay.withoutPeerId()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Multiaddr.parse(circuit.toString())).isEqualTo(circuit);
    assertThat(Multiaddr.fromBytes(circuit.bytes())).isEqualTo(circuit);
  }

  @Test
  void aCircuitDialWithoutRelayClientFailsWithAHostError() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(RANDOM);
    try (Host host = RelayClientTest.host(key, Set.of())) {
      PeerId target = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey());
      host.setRelayAddresses(target, List.of(Circuits.via(Multiaddr.parse(
          "/ip4/127.0.0.1/tcp/1/p2p/16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi"))));
      assertThatThrownBy(() -> host.connection(target).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(io.parsigex.libp2p.host.HostException.DialFailed.class)
          .hasMessageContaining("no circuit relay client");
    }
  }

  @Test
  void anUnreachableRelayIsReportedAndNotFatal() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(RANDOM);
    PeerId relayId = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey());
    int deadPort;
    deadPort = io.parsigex.testsupport.FreePorts.loopbackPort();
    Multiaddr dead = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + deadPort).withPeerId(relayId);
    try (Host host = RelayClientTest.host(key, Set.of(relayId));
        RelayClient client = RelayClient.start(host, List.of(dead))) {
      RelayClientTest.await("the failure reported", () -> client.states().get(0).lastError()
          .isPresent(), Duration.ofSeconds(10));
      RelayState state = client.states().get(0);
      assertThat(state.connected()).isFalse();
      assertThat(state.reserved()).isFalse();
      assertThat(state.lastError().orElseThrow()).contains("cannot reach relay");
      assertThat(host.listenAddresses()).isNotEmpty();
    }
  }

  /** Opens a stop stream from {@code relay} to {@code client}, sends {@code bytes}, returns the answer. */
  private static byte[] stopExchange(Host relay, PeerId client, byte[] bytes) throws Exception {
    java.util.concurrent.CompletableFuture<byte[]> answer = new java.util.concurrent.CompletableFuture<>();
    relay.newStream(client, RelayProtocol.STOP_PROTOCOL_ID).thenAccept(s -> {
      s.handler(new io.parsigex.libp2p.yamux.YamuxStreamHandler() {
        private final java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();

        @Override
        public void onData(io.parsigex.libp2p.yamux.YamuxStream stream,
            io.netty.buffer.ByteBuf data) {
          got.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(data));
          data.release();
        }

        @Override
        public void onRemoteClose(io.parsigex.libp2p.yamux.YamuxStream stream) {
          answer.complete(got.toByteArray());
          stream.closeWrite();
        }

        @Override
        public void onReset(io.parsigex.libp2p.yamux.YamuxStream stream,
            io.parsigex.libp2p.yamux.YamuxException cause) {
          answer.complete(null);
        }
      });
      s.write(Unpooled.wrappedBuffer(bytes));
    }).exceptionally(e -> {
      answer.completeExceptionally(e);
      return null;
    });
    return answer.get(20, TimeUnit.SECONDS);
  }

  private static CircuitProto.Status status(byte[] answer) throws Exception {
    int len = answer[0];
    CircuitProto.StopMessage m = CircuitProto.StopMessage.parseFrom(
        java.util.Arrays.copyOfRange(answer, 1, 1 + len));
    assertThat(m.getType()).isEqualTo(CircuitProto.StopMessage.Type.STATUS);
    return m.getStatus();
  }

  private static void awaitRefusedStops(Host host, long expected) throws Exception {
    RelayClientTest.await("refused relay stops = " + expected,
        () -> host.stats().refusedRelayStops() >= expected, Duration.ofSeconds(10));
    assertThat(host.stats().refusedRelayStops()).isEqualTo(expected);
  }

  @Test
  void stopRequestsAreCheckedBeforeAnythingIsUpgraded() throws Exception {
    Secp256k1PrivateKey rKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey cKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey sKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId r = PeerId.fromPublicKey(rKey.publicKey());
    PeerId c = PeerId.fromPublicKey(cKey.publicKey());
    PeerId stranger = PeerId.fromPublicKey(sKey.publicKey());
    try (Host relay = RelayClientTest.host(rKey, Set.of(c));
        Host notRelay = RelayClientTest.host(sKey, Set.of(c));
        Host client = RelayClientTest.host(cKey, Set.of(r, stranger));
        RelayClient relays = RelayClient.start(client,
            List.of(relay.listenAddresses().get(0).withPeerId(r)))) {
      RelayClientTest.await("connected to the relay", () -> client.openConnection(r).isPresent(),
          Duration.ofSeconds(10));
      assertThat(client.stats().refusedRelayStops()).isZero();
      // garbage: MALFORMED_MESSAGE, counted
      assertThat(status(stopExchange(relay, c, delimited(new byte[] {(byte) 0xff, 0x01}))))
          .isEqualTo(CircuitProto.Status.MALFORMED_MESSAGE);
      awaitRefusedStops(client, 1);
      // a CONNECT without a peer: MALFORMED_MESSAGE, counted
      assertThat(status(stopExchange(relay, c, delimited(CircuitProto.StopMessage.newBuilder()
          .setType(CircuitProto.StopMessage.Type.CONNECT).build().toByteArray()))))
          .isEqualTo(CircuitProto.Status.MALFORMED_MESSAGE);
      awaitRefusedStops(client, 2);
      // a length prefix announcing more than a stop message may hold: reset, counted
      assertThat(stopExchange(relay, c, Varint.encode(RelayProtocol.MAX_MESSAGE_SIZE + 1)))
          .isNull();
      awaitRefusedStops(client, 3);
      // a peer the gater refuses: PERMISSION_DENIED
      PeerId outsider = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey());
      assertThat(status(stopExchange(relay, c, delimited(CircuitProto.StopMessage.newBuilder()
          .setType(CircuitProto.StopMessage.Type.CONNECT)
          .setPeer(CircuitProto.Peer.newBuilder().setId(com.google.protobuf.ByteString.copyFrom(
              outsider.multihash()))).build().toByteArray()))))
          .isEqualTo(CircuitProto.Status.PERMISSION_DENIED);
      awaitRefusedStops(client, 4);
      // a peer that is not one of our relays cannot open stop streams at all
      notRelay.addAddress(client.listenAddresses().get(0).withPeerId(c));
      assertThat(stopExchange(notRelay, c, delimited(new byte[] {0x08, 0x00}))).isNull();
      awaitRefusedStops(client, 5);
      // none of it was a connection failure
      assertThat(client.stats().connectionErrors()).isZero();
      // the client still works
      assertThat(client.ping(r).get(10, TimeUnit.SECONDS)).isPositive();
      assertThat(client.connectedPeers()).doesNotContain(outsider);
    }
  }
}
