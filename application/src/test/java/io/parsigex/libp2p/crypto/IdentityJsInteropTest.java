package io.parsigex.libp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NodeJs;
import io.parsigex.testsupport.TestSeed;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Identity keys, peer ids and signatures cross-checked with js-libp2p (@libp2p/crypto). */
@ExtendWith(TestSeed.class)
class IdentityJsInteropTest {

  private static final Duration ANSWER = Duration.ofSeconds(20);
  private static final HexFormat HEX = HexFormat.of();
  private static NodeJs.JsProcess js;

  @BeforeAll
  static void startOracle() {
    js = NodeJs.get().start("libp2p-identity.mjs");
    js.awaitLine("ready", ANSWER);
  }

  @AfterAll
  static void stopOracle() {
    if (js != null) {
      js.send("exit");
      js.close();
    }
  }

  private static String[] ask(String command, String answerPrefix) {
    js.send(command);
    return js.awaitLine(answerPrefix + " ", ANSWER).split(" ");
  }

  @Test
  void peerIdsOfFixedAndRandomKeysAgree() throws Exception {
    long seed = TestSeed.seed("IdentityJsInteropTest.peerIdsOfFixedAndRandomKeysAgree");
    SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
    rnd.setSeed(seed);
    for (int i = 0; i < 40; i++) {
      Secp256k1PrivateKey k;
      if (i < 2) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) (i + 1));
        k = Secp256k1PrivateKey.fromBytes(b);
      } else {
        k = Secp256k1PrivateKey.generate(rnd);
      }
      String[] a = ask("peerid " + HEX.formatHex(k.bytes()), "peerid");
      PeerId id = PeerId.fromPublicKey(k.publicKey());
      assertThat(id.toString()).as("seed %d", seed).isEqualTo(a[1]);
      assertThat(id.toCidString()).as("seed %d", seed).isEqualTo(a[2]);
      assertThat(HEX.formatHex(k.publicKey().marshal())).as("seed %d", seed).isEqualTo(a[3]);
      assertThat(PeerId.parse(a[2])).isEqualTo(id);
    }
  }

  @Test
  void signaturesAgreeBothWays() throws Exception {
    long seed = TestSeed.seed("IdentityJsInteropTest.signaturesAgreeBothWays");
    SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
    rnd.setSeed(seed);
    for (int i = 0; i < 30; i++) {
      Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(rnd);
      byte[] msg = new byte[1 + rnd.nextInt(64)];
      rnd.nextBytes(msg);
      byte[] ours = k.sign(msg);
      String[] theirs = ask("sign " + HEX.formatHex(k.bytes()) + " " + HEX.formatHex(msg), "sig");
      // both are RFC 6979 deterministic and low-S, so the bytes are identical
      assertThat(HEX.formatHex(ours)).as("seed %d", seed).isEqualTo(theirs[1]);
      assertThat(k.publicKey().verify(msg, HEX.parseHex(theirs[1]))).isTrue();
      String[] v = ask("verify " + HEX.formatHex(k.publicKey().marshal()) + " "
          + HEX.formatHex(msg) + " " + HEX.formatHex(ours), "verify");
      assertThat(v[1]).as("seed %d", seed).isEqualTo("true");
      digestSignaturesAgree(k, rnd, seed);
    }
  }

  /** Compact signatures over a ready digest and uncompressed keys, against @noble/curves. */
  private static void digestSignaturesAgree(Secp256k1PrivateKey k, SecureRandom rnd, long seed)
      throws KeyException {
    Secp256k1PublicKey pub = k.publicKey();
    byte[] digest = new byte[Secp256k1.DIGEST_LENGTH];
    rnd.nextBytes(digest);
    byte[] ours = k.signDigest(digest);
    String[] theirs = ask("digest " + HEX.formatHex(k.bytes()) + " " + HEX.formatHex(digest),
        "digest");
    assertThat(HEX.formatHex(ours)).as("seed %d", seed).isEqualTo(theirs[1]);
    assertThat(HEX.formatHex(pub.uncompressed())).as("seed %d", seed).isEqualTo(theirs[3]);
    assertThat(Secp256k1PublicKey.fromSec1(HEX.parseHex(theirs[3]))).isEqualTo(pub);
    // the high-S twin is valid for both sides
    byte[] high = ours.clone();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(ours, 32, 64));
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, Secp256k1.N.subtract(s)), 0, high, 32,
        32);
    assertThat(pub.verifyDigest(digest, high)).as("seed %d", seed).isTrue();
    assertThat(verifyDigestInJs(pub.uncompressed(), digest, high)).as("seed %d", seed).isTrue();
    // another digest is refused by both
    byte[] other = digest.clone();
    other[rnd.nextInt(other.length)] ^= 1;
    assertThat(pub.verifyDigest(other, ours)).as("seed %d", seed).isFalse();
    assertThat(verifyDigestInJs(pub.compressed(), other, ours)).as("seed %d", seed).isFalse();
  }

  private static boolean verifyDigestInJs(byte[] key, byte[] digest, byte[] signature) {
    String[] a = ask("verifydigest " + HEX.formatHex(key) + " " + HEX.formatHex(digest) + " "
        + HEX.formatHex(signature), "verifydigest");
    return Boolean.parseBoolean(a[1]);
  }

  @Test
  void ed25519KeysFromJsVerify() throws Exception {
    long seed = TestSeed.seed("IdentityJsInteropTest.ed25519KeysFromJsVerify");
    Random rnd = new Random(seed);
    for (int i = 0; i < 10; i++) {
      byte[] s = new byte[32];
      rnd.nextBytes(s);
      byte[] msg = new byte[1 + rnd.nextInt(40)];
      rnd.nextBytes(msg);
      String[] a = ask("ed25519 " + HEX.formatHex(s) + " " + HEX.formatHex(msg), "ed");
      PublicKey key = PublicKey.unmarshal(HEX.parseHex(a[1]));
      assertThat(key).isInstanceOf(Ed25519PublicKey.class);
      assertThat(PeerId.fromPublicKey(key).toString()).as("seed %d", seed).isEqualTo(a[2]);
      assertThat(PeerId.parse(a[2]).extractPublicKey()).contains(key);
      byte[] sig = HEX.parseHex(a[3]);
      assertThat(key.verify(msg, sig)).isTrue();
      sig[7] ^= 1;
      assertThat(key.verify(msg, sig)).isFalse();
    }
  }
}
