package io.parsigex.cluster.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.testsupport.NodeJs;
import io.parsigex.testsupport.TestSeed;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recoverable signatures cross-checked with @noble/curves ({@code libp2p-identity.mjs}): the same
 * RFC 6979 low-S signature and the same recovery id, and noble's signatures recover their signer.
 */
@ExtendWith(TestSeed.class)
class Secp256k1RecoveryJsTest {

  private static final Duration ANSWER = Duration.ofSeconds(20);
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void signaturesAndRecoveryIdsAgreeWithNoble() throws Exception {
    long seed = TestSeed.seed("Secp256k1RecoveryJsTest.signaturesAndRecoveryIdsAgreeWithNoble");
    SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
    rnd.setSeed(seed);
    try (NodeJs.JsProcess js = NodeJs.get().start("libp2p-identity.mjs")) {
      js.awaitLine("ready", ANSWER);
      for (int i = 0; i < 30; i++) {
        Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(rnd);
        byte[] digest = new byte[32];
        rnd.nextBytes(digest);
        js.send("digest " + HEX.formatHex(k.bytes()) + " " + HEX.formatHex(digest));
        String[] theirs = js.awaitLine("digest ", ANSWER).split(" ");
        byte[] nobleSig = HEX.parseHex(theirs[1] + String.format("%02x",
            Integer.parseInt(theirs[2])));
        assertThat(HEX.formatHex(RecoverableSignatures.sign(k, digest))).as("seed %d", seed)
            .isEqualTo(HEX.formatHex(nobleSig));
        assertThat(Secp256k1Recovery.recover(digest, nobleSig)).as("seed %d", seed)
            .contains(k.publicKey());
      }
      js.send("exit");
    }
  }
}
