package io.parsigex.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.testsupport.NettyLeakCheck;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host counts each peer's and protocol's payload bytes and open streams (what Charon's
 * {@code p2p_peer_network_*_bytes_total} and {@code p2p_peer_streams} show): both sides of an echo
 * count exactly the bytes that crossed, a stream counts as open until it finishes, and what a
 * protocol handler writes through the stream it is handed is counted too (the ping responder).
 */
@ExtendWith(NettyLeakCheck.class)
class StreamTrafficTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Host host(Secp256k1PrivateKey key, PeerId allowed) throws Exception {
    Host h = Host.start(HostConfig.of(key, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(Set.of(allowed))));
    h.setStreamHandler(EchoProtocol.ECHO, s -> s.handler(EchoProtocol.echo()));
    return h;
  }

  private static StreamTraffic.Counters counters(Host host, PeerId peer, String protocol) {
    return host.traffic().all().stream()
        .filter(c -> c.peer().equals(peer) && c.protocol().equals(protocol)).findFirst()
        .orElseThrow(() -> new AssertionError("no traffic of " + protocol + " with " + peer));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).as("condition within %s", WAIT).isTrue();
  }

  @Test
  void bothSidesCountTheBytesAndStreamsOfAnEcho() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    PeerId a = PeerId.fromPublicKey(ka.publicKey());
    PeerId b = PeerId.fromPublicKey(kb.publicKey());
    try (Host ha = host(ka, b); Host hb = host(kb, a)) {
      ha.connectTo(hb.listenAddresses().get(0).withPeerId(b)).get(20, TimeUnit.SECONDS);
      HostStream s = ha.newStream(b, EchoProtocol.ECHO).get(20, TimeUnit.SECONDS);
      CompletableFuture<byte[]> echoed = new CompletableFuture<>();
      s.handler(EchoProtocol.collect(echoed, 1 << 20));
      byte[] payload = new byte[10_000];
      RANDOM.nextBytes(payload);
      s.write(Unpooled.wrappedBuffer(payload)).sync();
      await(() -> counters(hb, a, EchoProtocol.ECHO).sentBytes() == payload.length
          && counters(ha, b, EchoProtocol.ECHO).receivedBytes() == payload.length);
      // open while neither side closed
      assertThat(counters(ha, b, EchoProtocol.ECHO).openStreams(Direction.OUTBOUND)).isEqualTo(1);
      assertThat(counters(ha, b, EchoProtocol.ECHO).openStreams(Direction.INBOUND)).isZero();
      assertThat(counters(hb, a, EchoProtocol.ECHO).openStreams(Direction.INBOUND)).isEqualTo(1);
      s.closeWrite();
      assertThat(echoed.get(20, TimeUnit.SECONDS)).isEqualTo(payload);
      await(() -> counters(ha, b, EchoProtocol.ECHO).openStreams(Direction.OUTBOUND) == 0
          && counters(hb, a, EchoProtocol.ECHO).openStreams(Direction.INBOUND) == 0);
      StreamTraffic.Counters sender = counters(ha, b, EchoProtocol.ECHO);
      StreamTraffic.Counters echo = counters(hb, a, EchoProtocol.ECHO);
      assertThat(sender.sentBytes()).isEqualTo(payload.length);
      assertThat(sender.receivedBytes()).isEqualTo(payload.length);
      assertThat(echo.receivedBytes()).isEqualTo(payload.length);
      assertThat(echo.sentBytes()).isEqualTo(payload.length);

      // the ping responder writes through the stream it is handed: 32 bytes each way per ping
      for (int i = 0; i < 3; i++) {
        assertThat(ha.ping(b).get(20, TimeUnit.SECONDS)).isPositive();
      }
      await(() -> counters(hb, a, Ping.PROTOCOL_ID).sentBytes() == 3 * Ping.PAYLOAD_LENGTH);
      assertThat(counters(hb, a, Ping.PROTOCOL_ID).receivedBytes())
          .isEqualTo(3 * Ping.PAYLOAD_LENGTH);
      assertThat(counters(ha, b, Ping.PROTOCOL_ID).sentBytes()).isEqualTo(3 * Ping.PAYLOAD_LENGTH);
    }
  }
}
