package io.parsigex.libp2p.ping;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.Direction;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.host.StreamTraffic;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.protocols.Ping;
import io.parsigex.testsupport.NettyLeakCheck;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ping service between two of our hosts, on Charon's schedule: each answered ping is followed
 * by the next one a second after it (never sooner), every ping on a new stream the peer's responder
 * answers; a peer without a connection or without ping fails, and is retried after Charon's
 * backoff.
 */
@ExtendWith(NettyLeakCheck.class)
class PingServiceTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Host host(Secp256k1PrivateKey key, Set<PeerId> allowed) throws Exception {
    return Host.start(HostConfig.of(key, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(allowed)));
  }

  @Test
  void pingsAConnectedPeerOnceASecondOnANewStreamEachTime() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    PeerId a = PeerId.fromPublicKey(ka.publicKey());
    PeerId b = PeerId.fromPublicKey(kb.publicKey());
    PingRecorder seen = new PingRecorder();
    try (Host ha = host(ka, Set.of(b)); Host hb = host(kb, Set.of(a))) {
      ha.connectTo(hb.listenAddresses().get(0).withPeerId(b)).get(20, TimeUnit.SECONDS);
      try (PingService s = PingService.start(ha, List.of(a, b), seen, PingSchedule.charon())) {
        assertThat(s.peers()).containsExactly(b); // never itself
        seen.await(() -> seen.answers(b).size() >= 4, WAIT);
      }
      List<PingRecorder.Result> answers = seen.answers(b);
      assertThat(answers).hasSizeGreaterThanOrEqualTo(4);
      assertThat(seen.failures(b)).isEmpty();
      // pings start a period apart (Charon's delay callback, from the service's start); answers
      // are as far apart give or take the difference of two round trips (the first one, with the
      // connection's first streams, is the slowest)
      for (int i = 1; i < answers.size(); i++) {
        Duration gap = Duration.ofNanos(answers.get(i).atNanos() - answers.get(i - 1).atNanos());
        assertThat(gap).as("gap between answers %d and %d", i - 1, i)
            .isBetween(PingSchedule.PERIOD.dividedBy(2), PingSchedule.PERIOD.multipliedBy(3));
      }
      assertThat(answers).allSatisfy(r -> assertThat(r.rtt()).isPositive());
      // b's responder answered each ping on a stream of its own, 32 bytes each way
      StreamTraffic.Counters atB = hb.traffic().all().stream()
          .filter(c -> c.protocol().equals(Ping.PROTOCOL_ID)).findFirst().orElseThrow();
      assertThat(atB.receivedBytes()).isGreaterThanOrEqualTo(
          (long) answers.size() * Ping.PAYLOAD_LENGTH);
      seen.await(() -> atB.openStreams(Direction.INBOUND) == 0, WAIT);
      assertThat(atB.openStreams(Direction.INBOUND)).isZero();
    }
  }

  @Test
  void aPeerWithoutAConnectionFailsAndIsRetriedAfterCharonsBackoff() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    PeerId a = PeerId.fromPublicKey(ka.publicKey());
    PeerId absent = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey());
    PingRecorder seen = new PingRecorder();
    try (Host ha = host(ka, Set.of(absent));
        PingService s = PingService.start(ha, List.of(a, absent), seen, PingSchedule.charon())) {
      seen.await(() -> seen.failures(absent).size() >= 3, WAIT);
      List<PingRecorder.Result> failures = seen.failures(absent);
      assertThat(failures).hasSizeGreaterThanOrEqualTo(3);
      assertThat(failures.get(0).failure()).isInstanceOf(PingService.NotConnectedException.class);
      // 1 s after the first failure, then 1.6 s ± 20% after the second
      Duration first = Duration.ofNanos(failures.get(1).atNanos() - failures.get(0).atNanos());
      Duration second = Duration.ofNanos(failures.get(2).atNanos() - failures.get(1).atNanos());
      assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(980));
      assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(1260));
      assertThat(seen.answers(absent)).isEmpty();
    }
  }

  @Test
  void aPeerThatDoesNotSpeakPingFails() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    PeerId a = PeerId.fromPublicKey(ka.publicKey());
    PeerId b = PeerId.fromPublicKey(kb.publicKey());
    PingRecorder seen = new PingRecorder();
    try (Host ha = host(ka, Set.of(b)); Host hb = host(kb, Set.of(a))) {
      hb.removeStreamHandler(Ping.PROTOCOL_ID);
      ha.connectTo(hb.listenAddresses().get(0).withPeerId(b)).get(20, TimeUnit.SECONDS);
      try (PingService s = PingService.start(ha, List.of(b), seen, PingSchedule.charon())) {
        seen.await(() -> !seen.failures(b).isEmpty(), WAIT);
      }
      assertThat(seen.failures(b)).isNotEmpty();
      assertThat(seen.failures(b).get(0).failure()).hasMessageContaining(Ping.PROTOCOL_ID);
      assertThat(seen.answers(b)).isEmpty();
    }
  }

  @Test
  void backsOffAsCharonsExpbackoffDoes() {
    PingSchedule s = PingSchedule.charon();
    assertThat(s.backoff(0, () -> 0.99)).isEqualTo(Duration.ofSeconds(1)); // no jitter at first
    assertThat(s.backoff(1, () -> 0.5)).isEqualTo(Duration.ofMillis(1600));
    assertThat(s.backoff(2, () -> 0.5)).isEqualTo(Duration.ofMillis(2560));
    assertThat(s.backoff(1, () -> 0.0)).isEqualTo(Duration.ofMillis(1280)); // -20%
    assertThat(s.backoff(50, () -> 0.5)).isEqualTo(Duration.ofSeconds(30)); // capped
    assertThat(s.backoff(50, () -> 0.0)).isEqualTo(Duration.ofSeconds(24));
  }
}
