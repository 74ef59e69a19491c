package io.parsigex.libp2p.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NodeJs;
import io.parsigex.testsupport.TestSeed;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class MultiaddrTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String ID1 = "16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi";

  @Test
  void knownEncodings() throws Exception {
    Multiaddr m = Multiaddr.parse("/ip4/127.0.0.1/tcp/3610");
    assertThat(HEX.formatHex(m.bytes())).isEqualTo("047f000001060e1a");
    assertThat(Multiaddr.fromBytes(m.bytes())).isEqualTo(m);
    assertThat(m.tcpEndpoint()).contains(new InetSocketAddress("127.0.0.1", 3610));
    Multiaddr p = Multiaddr.parse("/ip4/127.0.0.1/tcp/3610/p2p/" + ID1);
    assertThat(p.peerId()).contains(PeerId.parse(ID1));
    assertThat(p.withoutPeerId()).isEqualTo(m);
    assertThat(m.withPeerId(PeerId.parse(ID1))).isEqualTo(p);
    assertThat(Multiaddr.parse("/ip4/127.0.0.1/tcp/3610/ipfs/" + ID1)).isEqualTo(p);
    assertThat(Multiaddr.parse("/ip6/0:0:0:0:0:0:0:1/tcp/1").toString()).isEqualTo("/ip6/::1/tcp/1");
    assertThat(Multiaddr.parse("/dns4/relay.example/tcp/443").tcpEndpoint().orElseThrow()
        .isUnresolved()).isTrue();
    Multiaddr relayed = Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + ID1 + "/p2p-circuit");
    assertThat(relayed.peerId()).isEmpty();
    assertThat(relayed.tcpEndpoint()).isEmpty();
    assertThat(Multiaddr.tcp(new InetSocketAddress(InetAddress.getByName("::1"), 5)).toString())
        .isEqualTo("/ip6/::1/tcp/5");
  }

  @Test
  void typedErrors() {
    for (String bad : new String[] {"", "ip4/1.2.3.4", "/ip4/1.2.3", "/ip4/256.1.1.1",
        "/ip4/01.2.3.4", "/tcp/65536", "/tcp/-1", "/tcp", "/ip6/1:2", "/ip6/::1::2",
        "/p2p/notapeerid", "//tcp/1", "/dns/", "/ip6/12345::"}) {
      assertThatThrownBy(() -> Multiaddr.parse(bad)).as(bad)
          .isInstanceOf(MultiaddrException.Malformed.class);
    }
    for (String unsupported : new String[] {"/ip4/1.2.3.4/udp/1/quic-v1", "/unix/x", "/ws"}) {
      assertThatThrownBy(() -> Multiaddr.parse(unsupported)).as(unsupported)
          .isInstanceOf(MultiaddrException.Unsupported.class);
    }
    assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex("047f0000")))
        .isInstanceOf(MultiaddrException.Malformed.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex("9102")))
        .isInstanceOf(MultiaddrException.Unsupported.class);
  }

  @Test
  void randomBytesAndTextNeverThrowUnchecked() {
    long seed = TestSeed.seed("MultiaddrTest.randomBytesAndTextNeverThrowUnchecked");
    Random rnd = new Random(seed);
    String alphabet = "/ip46dnscptr0123456789.:abcf-2Uiu";
    for (int i = 0; i < 20000; i++) {
      byte[] b = new byte[rnd.nextInt(40)];
      rnd.nextBytes(b);
      if (b.length > 0 && i % 2 == 0) {
        b[0] = new byte[] {4, 6, 0x29, 0x35, 0x36, (byte) 0xa5}[rnd.nextInt(6)];
      }
      StringBuilder t = new StringBuilder();
      for (int k = rnd.nextInt(30); k > 0; k--) {
        t.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      try {
        Multiaddr m = Multiaddr.fromBytes(b);
        assertThat(Multiaddr.parse(m.toString())).as("seed %d", seed).isEqualTo(m);
      } catch (MultiaddrException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " bytes " + HEX.formatHex(b), e);
      }
      try {
        Multiaddr.parse(t.toString());
      } catch (MultiaddrException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " text " + t, e);
      }
    }
  }

  @Test
  void agreesWithJsMultiaddr() throws Exception {
    long seed = TestSeed.seed("MultiaddrTest.agreesWithJsMultiaddr");
    Random rnd = new Random(seed);
    SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
    keys.setSeed(seed);
    List<String> texts = new ArrayList<>(List.of("/ip4/127.0.0.1/tcp/3610",
        "/ip6/::/tcp/0", "/ip6/1::/tcp/1", "/ip6/fe80::1:0:0:5/tcp/22", "/dns/x.y/tcp/9",
        "/dns6/h/tcp/65535/p2p/" + ID1 + "/p2p-circuit/p2p/" + ID1, "/ip4/1.2.3/tcp/1",
        "/ip4/01.2.3.4", "/tcp/65536", "/ip6/1:2:3:4:5:6:7:8:9", "/ip6/1:2:3:4:5:6:1.2.3.4/tcp/1"));
    for (int i = 0; i < 150; i++) {
      StringBuilder sb = new StringBuilder();
      switch (rnd.nextInt(3)) {
        case 0 -> sb.append("/ip4/").append(rnd.nextInt(256)).append('.').append(rnd.nextInt(256))
            .append('.').append(rnd.nextInt(256)).append('.').append(rnd.nextInt(256));
        case 1 -> {
          byte[] ip = new byte[16];
          for (int k = 0; k < 16; k += 2) {
            if (rnd.nextInt(3) > 0) {
              ip[k] = (byte) rnd.nextInt(256);
              ip[k + 1] = (byte) rnd.nextInt(256);
            }
          }
          if (ip[10] == 0 && ip[11] == 0 && ip[0] == 0) {
            ip[0] = 1; // avoid IPv4-mapped/compatible forms, printed differently across stacks
          }
          sb.append("/ip6/").append(new Component(Protocol.IP6, ip).valueText());
        }
        default -> sb.append("/dns4/n").append(rnd.nextInt(1000)).append(".example");
      }
      sb.append("/tcp/").append(rnd.nextInt(65536));
      if (rnd.nextBoolean()) {
        sb.append("/p2p/").append(PeerId.fromPublicKey(
            Secp256k1PrivateKey.generate(keys).publicKey()));
      }
      texts.add(sb.toString());
    }
    try (NodeJs.JsProcess js = NodeJs.get().start("libp2p-multiaddr.mjs")) {
      js.awaitLine("ready", Duration.ofSeconds(20));
      for (String text : texts) {
        js.send("text " + text);
        String[] answer = js.awaitLine("", Duration.ofSeconds(10)).split(" ");
        Multiaddr ours = null;
        try {
          ours = Multiaddr.parse(text);
        } catch (MultiaddrException e) {
          // compared below
        }
        if (answer[0].equals("err")) {
          assertThat(ours).as("js rejects %s (seed %d)", text, seed).isNull();
          continue;
        }
        assertThat(ours).as("js accepts %s (seed %d)", text, seed).isNotNull();
        assertThat(HEX.formatHex(ours.bytes())).as(text).isEqualTo(answer[1]);
        assertThat(ours.toString()).as(text).isEqualTo(answer[2]);
        assertThat(Multiaddr.fromBytes(HEX.parseHex(answer[1]))).isEqualTo(ours);
      }
      js.send("exit");
    }
  }
}
