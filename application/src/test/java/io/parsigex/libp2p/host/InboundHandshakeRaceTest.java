package io.parsigex.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NettyLeakCheck;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Noise initiator holds a finished connection one message before the responder does. A host
 * that knows no address of a peer (it only ever reaches us by dialling) and is asked for a stream
 * to it in that window must wait for the inbound handshake in flight, not fail with
 * {@link HostException.NoAddress}. A proxy holds the initiator's bytes for {@link #DELAY}, so the
 * window is at least that long whatever the machine's load.
 */
@ExtendWith(NettyLeakCheck.class)
class InboundHandshakeRaceTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration DELAY = Duration.ofMillis(1500);
  /** Longer than the handshake takes through the proxy (three delayed messages). */
  private static final Duration SLOW = Duration.ofSeconds(30);

  private static Host host(Secp256k1PrivateKey key, PeerId allowed) throws Exception {
    return Host.start(HostConfig.of(key, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        ConnectionGater.allowOnly(Set.of(allowed))).withTimeouts(SLOW, SLOW)
        .withPreAuth(new PreAuthLimits(PreAuthLimits.DEFAULT_MAX_PER_SOURCE,
            PreAuthLimits.DEFAULT_MAX_TOTAL, SLOW)));
  }

  @Test
  void aStreamToAPeerStillHandshakingInboundWaitsForTheHandshake() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey kb = Secp256k1PrivateKey.generate(RANDOM);
    PeerId a = PeerId.fromPublicKey(ka.publicKey());
    PeerId b = PeerId.fromPublicKey(kb.publicKey());
    try (Host listener = host(ka, b);
        Host dialer = host(kb, a);
        DelayingProxy proxy = new DelayingProxy(
            listener.listenAddresses().get(0).tcpEndpoint().orElseThrow(), DELAY)) {
      Multiaddr viaProxy = Multiaddr.tcp(new InetSocketAddress("127.0.0.1", proxy.port()))
          .withPeerId(a);
      dialer.dial(viaProxy).get(60, TimeUnit.SECONDS);
      // The dialer is done; the listener reads the dialer's last message only DELAY from now.
      assertThat(listener.openConnection(b)).as("inside the window").isEmpty();
      Duration rtt = listener.ping(b).get(60, TimeUnit.SECONDS);
      assertThat(rtt).isPositive();
      assertThat(listener.openConnection(b)).isPresent();
    }
  }

  @Test
  void withNoHandshakeInFlightAnUnknownPeerStillFailsAtOnce() throws Exception {
    Secp256k1PrivateKey ka = Secp256k1PrivateKey.generate(RANDOM);
    PeerId stranger = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey());
    try (Host h = host(ka, stranger)) {
      assertThatThrownBy(() -> h.newStream(stranger, "/test/1.0.0").get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(HostException.NoAddress.class);
    }
  }
}
