package io.parsigex.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseHandshakeTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> YAMUX = List.of("/yamux/1.0.0");

  @Test
  void bothSidesAgreeOnKeysPeersAndMuxer() throws Exception {
    Secp256k1PrivateKey a = Secp256k1PrivateKey.generate(RANDOM);
    Secp256k1PrivateKey b = Secp256k1PrivateKey.generate(RANDOM);
    NoiseHandshake i = NoiseHandshake.initiator(a, YAMUX,
        Optional.of(PeerId.fromPublicKey(b.publicKey())), RANDOM);
    NoiseHandshake r = NoiseHandshake.responder(b, List.of("/mplex/6.7.0", "/yamux/1.0.0"),
        RANDOM);
    r.readMessage(i.writeMessage());
    i.readMessage(r.writeMessage());
    r.readMessage(i.writeMessage());
    assertThat(i.isComplete()).isTrue();
    assertThat(r.isComplete()).isTrue();
    assertThat(i.handshakeHash()).isEqualTo(r.handshakeHash());
    assertThat(i.session().remotePeer()).isEqualTo(PeerId.fromPublicKey(b.publicKey()));
    assertThat(r.session().remotePeer()).isEqualTo(PeerId.fromPublicKey(a.publicKey()));
    assertThat(i.session().muxer()).contains("/yamux/1.0.0");
    assertThat(r.session().muxer()).contains("/yamux/1.0.0");
    byte[] ct = i.sendCipher().encrypt(new byte[0], new byte[] {1, 2, 3});
    assertThat(r.receiveCipher().decrypt(new byte[0], ct, 0, ct.length)).containsExactly(1, 2, 3);
    byte[] back = r.sendCipher().encrypt(new byte[0], new byte[] {4});
    assertThat(i.receiveCipher().decrypt(new byte[0], back, 0, back.length)).containsExactly(4);
  }

  @Test
  void noCommonMuxerLeavesItEmpty() throws Exception {
    NoiseHandshake i = NoiseHandshake.initiator(Secp256k1PrivateKey.generate(RANDOM), YAMUX,
        Optional.empty(), RANDOM);
    NoiseHandshake r = NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM), List.of(),
        RANDOM);
    r.readMessage(i.writeMessage());
    i.readMessage(r.writeMessage());
    r.readMessage(i.writeMessage());
    assertThat(i.session().muxer()).isEmpty();
    assertThat(r.session().muxer()).isEmpty();
    assertThat(r.session().remoteMuxers()).containsExactly("/yamux/1.0.0");
  }

  @Test
  void initiatorRejectsAResponderThatIsNotTheDialledPeer() throws Exception {
    NoiseHandshake i = NoiseHandshake.initiator(Secp256k1PrivateKey.generate(RANDOM), YAMUX,
        Optional.of(PeerId.fromPublicKey(Secp256k1PrivateKey.generate(RANDOM).publicKey())),
        RANDOM);
    NoiseHandshake r = NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM), YAMUX,
        RANDOM);
    r.readMessage(i.writeMessage());
    byte[] m2 = r.writeMessage();
    assertThatThrownBy(() -> i.readMessage(m2)).isInstanceOf(NoiseException.PeerMismatch.class)
        .hasMessageContaining("dialled");
  }

  @Test
  void everyBitFlipInTheHandshakeIsATypedFailure() throws Exception {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    for (int round = 0; round < 200; round++) {
      NoiseHandshake i = NoiseHandshake.initiator(Secp256k1PrivateKey.generate(RANDOM), YAMUX,
          Optional.empty(), RANDOM);
      NoiseHandshake r = NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM), YAMUX,
          RANDOM);
      r.readMessage(i.writeMessage());
      byte[] m2 = r.writeMessage();
      boolean tamperSecond = rnd.nextBoolean();
      if (tamperSecond) {
        m2[32 + rnd.nextInt(m2.length - 32)] ^= (byte) (1 << rnd.nextInt(8));
        assertThatThrownBy(() -> i.readMessage(m2)).as("seed %d", seed)
            .isInstanceOf(NoiseException.class);
        continue;
      }
      i.readMessage(m2);
      byte[] m3 = i.writeMessage();
      m3[rnd.nextInt(m3.length)] ^= (byte) (1 << rnd.nextInt(8));
      assertThatThrownBy(() -> r.readMessage(m3)).as("seed %d", seed)
          .isInstanceOf(NoiseException.class);
    }
  }

  @Test
  void randomMessagesNeverThrowUnchecked() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    for (int round = 0; round < 500; round++) {
      try {
        NoiseHandshake r = NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM), YAMUX,
            RANDOM);
        byte[] m1 = new byte[rnd.nextInt(80)];
        rnd.nextBytes(m1);
        r.readMessage(m1);
        r.writeMessage();
        byte[] m3 = new byte[rnd.nextInt(200)];
        rnd.nextBytes(m3);
        r.readMessage(m3);
        throw new AssertionError("random third message accepted, seed " + seed);
      } catch (NoiseException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed, e);
      }
    }
  }

  @Test
  void nonceExhaustionIsTyped() throws Exception {
    byte[] key = new byte[32];
    NoiseCipher c = new NoiseCipher(key, -2L);
    c.encrypt(new byte[0], new byte[] {1});
    assertThatThrownBy(() -> c.encrypt(new byte[0], new byte[] {1}))
        .isInstanceOf(NoiseException.NonceExhausted.class);
    NoiseCipher d = new NoiseCipher(key, -1L);
    assertThatThrownBy(() -> d.decrypt(new byte[0], new byte[17], 0, 17))
        .isInstanceOf(NoiseException.NonceExhausted.class);
  }

  @Test
  void lowOrderEphemeralKeyIsRejected() throws Exception {
    NoiseHandshake r = NoiseHandshake.responder(Secp256k1PrivateKey.generate(RANDOM), YAMUX,
        RANDOM);
    r.readMessage(new byte[32]); // the all-zero point has small order
    assertThatThrownBy(r::writeMessage).isInstanceOf(NoiseException.HandshakeFailed.class);
  }
}
