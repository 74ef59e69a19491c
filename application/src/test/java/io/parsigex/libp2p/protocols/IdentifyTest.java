package io.parsigex.libp2p.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.testsupport.TestSeed;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class IdentifyTest {

  @Test
  void roundTrip() throws Exception {
    Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(new SecureRandom());
    Multiaddr a = Multiaddr.parse("/ip4/10.0.0.1/tcp/3610");
    Multiaddr o = Multiaddr.parse("/ip6/::1/tcp/5");
    IdentifyInfo info = Identify.decode(Identify.encode(k.publicKey(), "agent/1", List.of(a),
        List.of("/a/1", "/b/2"), Optional.of(o)));
    assertThat(info.publicKey()).contains(k.publicKey());
    assertThat(info.agentVersion()).isEqualTo("agent/1");
    assertThat(info.protocolVersion()).isEqualTo(Identify.PROTOCOL_VERSION);
    assertThat(info.listenAddrs()).containsExactly(a);
    assertThat(info.protocols()).containsExactly("/a/1", "/b/2");
    assertThat(info.observedAddr()).contains(o);
  }

  @Test
  void malformedMessagesAreTypedErrors() {
    long seed = TestSeed.seed("IdentifyTest.malformedMessagesAreTypedErrors");
    Random rnd = new Random(seed);
    for (int i = 0; i < 3000; i++) {
      byte[] b = new byte[rnd.nextInt(100)];
      rnd.nextBytes(b);
      if (b.length > 0 && i % 2 == 0) {
        b[0] = (byte) Math.min(127, b.length - 1);
      }
      try {
        Identify.decode(b);
      } catch (ServiceProtocolException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed, e);
      }
    }
    assertThatThrownBy(() -> Identify.decode(new byte[] {5, 1}))
        .isInstanceOf(ServiceProtocolException.class);
  }
}
