package io.parsigex.libp2p.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.testsupport.TestSeed;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class PeerIdTest {

  private static Secp256k1PrivateKey filled(int b) throws Exception {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return Secp256k1PrivateKey.fromBytes(k);
  }

  @Test
  void knownVectorsFromTheNotes() throws Exception {
    Secp256k1PrivateKey one = filled(1);
    assertThat(HexFormat.of().formatHex(one.publicKey().compressed()))
        .isEqualTo("031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f");
    assertThat(PeerId.fromPublicKey(one.publicKey()).toString())
        .isEqualTo("16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi");
    Secp256k1PrivateKey two = filled(2);
    assertThat(HexFormat.of().formatHex(two.publicKey().compressed()))
        .isEqualTo("024d4b6cd1361032ca9bd2aeb9d900aa4d45d9ead80ac9423374c451a7254d0766");
    assertThat(PeerId.fromPublicKey(two.publicKey()).toString())
        .isEqualTo("16Uiu2HAkzdQ5Y9SYT91K1ue5SxXwgmajXntfScGnLYeip5hHyWmT");
  }

  @Test
  void identityMultihashLayout() throws Exception {
    PeerId id = PeerId.fromPublicKey(filled(1).publicKey());
    byte[] mh = id.multihash();
    assertThat(mh).hasSize(39);
    assertThat(Arrays.copyOf(mh, 6)).containsExactly(0x00, 0x25, 0x08, 0x02, 0x12, 0x21);
    assertThat(id.extractPublicKey()).contains(filled(1).publicKey());
  }

  @Test
  void textAndCidRoundTripForRandomKeys() throws Exception {
    long seed = TestSeed.seed("PeerIdTest.textAndCidRoundTripForRandomKeys");
    SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
    rnd.setSeed(seed);
    for (int i = 0; i < 200; i++) {
      PeerId id = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(rnd).publicKey());
      assertThat(id.toString()).as("seed %d", seed).startsWith("16Uiu2H");
      assertThat(PeerId.parse(id.toString())).as("seed %d", seed).isEqualTo(id);
      assertThat(id.toCidString()).as("seed %d", seed).startsWith("bafz");
      assertThat(PeerId.parse(id.toCidString())).as("seed %d", seed).isEqualTo(id);
    }
  }

  @Test
  void sha256IdsParse() throws Exception {
    // An RSA-style id (sha2-256 multihash) from the libp2p specs' examples.
    PeerId id = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
    assertThat(id.multihash()[0]).isEqualTo((byte) 0x12);
    assertThat(id.extractPublicKey()).isEmpty();
    assertThat(id.toString()).isEqualTo("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  }

  @Test
  void malformedTextIsATypedError() {
    for (String bad : new String[] {"", "x", "16Uiu2HAm0OIl", "Qm", "bafz", "zzzz",
        "16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzN",
        "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"}) {
      assertThatThrownBy(() -> PeerId.parse(bad)).as(bad).isInstanceOf(PeerIdException.class);
    }
  }

  @Test
  void randomBytesNeverThrowUnchecked() {
    long seed = TestSeed.seed("PeerIdTest.randomBytesNeverThrowUnchecked");
    Random rnd = new Random(seed);
    for (int i = 0; i < 5000; i++) {
      byte[] b = new byte[rnd.nextInt(50)];
      rnd.nextBytes(b);
      try {
        PeerId.fromBytes(b);
      } catch (PeerIdException expected) {
        // typed
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " bytes " + HexFormat.of().formatHex(b), e);
      }
    }
  }
}
