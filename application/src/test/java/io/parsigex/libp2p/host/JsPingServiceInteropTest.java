package io.parsigex.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.ping.PingListener;
import io.parsigex.libp2p.ping.PingSchedule;
import io.parsigex.libp2p.ping.PingService;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.testsupport.NettyLeakCheck;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our ping service against js-libp2p's {@code @libp2p/ping} (an independent implementation of
 * {@code /ipfs/ping/1.0.0}): it answers every ping our service sends on Charon's schedule, and our
 * responder answers its pings; the host counts the ping bytes of both directions.
 */
@ExtendWith(NettyLeakCheck.class)
class JsPingServiceInteropTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LONG = Duration.ofSeconds(60);

  @Test
  void ourServicePingsJsAndJsPingsUs() throws Exception {
    Secp256k1PrivateKey jsKey = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey javaKey = Secp256k1PrivateKey.generate(RANDOM);
    PeerId javaId = PeerId.fromPublicKey(javaKey.publicKey());
    PeerId jsId = PeerId.fromPublicKey(jsKey.publicKey());
    List<Duration> answers = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    PingListener listener = new PingListener() {
      @Override
      public void answered(PeerId peer, Duration rtt) {
        answers.add(rtt);
      }

      @Override
      public void failed(PeerId peer, Throwable cause) {
        failures.add(cause);
      }
    };
    try (JsPeer js = new JsPeer(jsKey, javaId.toString());
        Host host = Host.start(HostConfig.of(javaKey, List.of(
            io.parsigex.libp2p.multiaddr.Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
            ConnectionGater.allowOnly(Set.of(jsId))))) {
      host.connectTo(js.address).get(20, TimeUnit.SECONDS);
      try (PingService service = PingService.start(host, List.of(javaId, jsId), listener,
          PingSchedule.charon())) {
        long end = System.nanoTime() + LONG.toNanos();
        while (answers.size() < 3 && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        assertThat(service.peers()).containsExactly(jsId);
      }
      assertThat(failures).isEmpty();
      assertThat(answers).hasSizeGreaterThanOrEqualTo(3).allSatisfy(d -> assertThat(d)
          .isPositive().isLessThan(Duration.ofSeconds(10)));

      // js pings us: our responder answers, and the bytes are counted per peer and protocol
      for (int i = 0; i < 2; i++) {
        assertThat(js.command("ping " + javaId, LONG)).startsWith("ping-ok ");
      }
      StreamTraffic.Counters ping = host.traffic().all().stream()
          .filter(c -> c.peer().equals(jsId) && c.protocol().equals(Ping.PROTOCOL_ID))
          .findFirst().orElseThrow();
      long expected = (long) (answers.size() + 2) * Ping.PAYLOAD_LENGTH;
      long end = System.nanoTime() + LONG.toNanos();
      while (ping.receivedBytes() < expected && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(ping.receivedBytes()).isGreaterThanOrEqualTo(expected);
      assertThat(ping.sentBytes()).isGreaterThanOrEqualTo(expected);
    }
  }
}
