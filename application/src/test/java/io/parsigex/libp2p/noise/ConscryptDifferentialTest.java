package io.parsigex.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Conscrypt's ChaCha20-Poly1305, as {@link NoiseCipher} drives it (sealed in place in direct
 * memory, opened from direct to direct), against the JDK's {@code SunJCE} (heap arrays): random
 * sizes from 0 to 70 KiB, random keys and random starting nonces, sealed on each side and opened
 * on the other, with the sealed bytes equal; and a message with one flipped bit, or opened under
 * the wrong nonce, refused by both. The seed is in every failure message; rerun one with
 * {@code -Dnoise.differential.seed=<seed>}.
 */
class ConscryptDifferentialTest {

  private static final int MESSAGES = 400;
  private static final int MAX_SIZE = 70 * 1024;
  private static final int FRAME_OFFSET = 2;

  @Test
  void conscryptAndSunJceSealTheSameBytesAndOpenEachOthersMessagesAndRefuseTampering()
      throws Exception {
    long seed = Long.getLong("noise.differential.seed", System.nanoTime());
    Random rnd = new Random(seed);
    ChaChaPolyProvider.Selection conscrypt = conscrypt();
    ChaChaPolyProvider.Selection jdk = ChaChaPolyProvider.Selection.only(
        Security.getProvider("SunJCE"), "reference");
    byte[] scratch = new byte[MAX_SIZE + NoiseCipher.TAG_LENGTH];
    for (int i = 0; i < MESSAGES; i++) {
      String at = "seed " + seed + ", message " + i;
      byte[] key = new byte[NoiseCipher.KEY_LENGTH];
      rnd.nextBytes(key);
      // any counter but the reserved 2^64-1, the top of the range included
      long nonce = rnd.nextInt(8) == 0 ? -2L - rnd.nextInt(4) : rnd.nextLong() >>> 1;
      int size = rnd.nextInt(4) == 0 ? rnd.nextInt(64) : rnd.nextInt(MAX_SIZE + 1);
      byte[] plain = new byte[size];
      rnd.nextBytes(plain);
      NoiseCipher cSend = new NoiseCipher(key, nonce, conscrypt);
      NoiseCipher cReceive = new NoiseCipher(key, nonce, conscrypt);
      NoiseCipher jSend = new NoiseCipher(key, nonce, jdk);
      NoiseCipher jReceive = new NoiseCipher(key, nonce, jdk);
      assertThat(cSend.prefersDirectBuffers()).as(at).isTrue();
      assertThat(jSend.prefersDirectBuffers()).as(at).isFalse();

      byte[] byConscrypt = seal(cSend, Unpooled.directBuffer(FRAME_OFFSET + size + 16), plain);
      byte[] byJdk = seal(jSend, Unpooled.buffer(FRAME_OFFSET + size + 16), plain);
      assertThat(byConscrypt).as(at + ": sealed %d bytes", size).isEqualTo(byJdk);
      // each opens what the other sealed
      assertThat(open(cReceive, byJdk, true, scratch)).as(at).isEqualTo(plain);
      assertThat(open(jReceive, byConscrypt, false, scratch)).as(at).isEqualTo(plain);

      byte[] forged = byConscrypt.clone();
      int bit = rnd.nextInt(forged.length * 8);
      forged[bit / 8] ^= (byte) (1 << (bit % 8));
      for (ChaChaPolyProvider.Selection s : List.of(conscrypt, jdk)) {
        boolean direct = s == conscrypt;
        assertThatThrownBy(() -> open(new NoiseCipher(key, nonce, s), forged, direct, scratch))
            .as(at + ": bit %d flipped, %s", bit, s.bulk().getName())
            .isInstanceOf(NoiseException.DecryptFailed.class);
        long wrong = nonce == 0 ? 1 : nonce - 1;
        assertThatThrownBy(() -> open(new NoiseCipher(key, wrong, s), byJdk, direct, scratch))
            .as(at + ": wrong nonce, %s", s.bulk().getName())
            .isInstanceOf(NoiseException.DecryptFailed.class);
      }
    }
  }

  @Test
  void conscryptLoadsHereAndPassesTheSelfTest() throws Exception {
    Provider p = conscrypt().bulk();
    assertThat(p.getName()).startsWith("Conscrypt");
    ChaChaPolyProvider.selfTest(p, Security.getProvider("SunJCE"));
  }

  /** Conscrypt for every message, as the default chooses it before Java 20. */
  private static ChaChaPolyProvider.Selection conscrypt() {
    ChaChaPolyProvider.Selection s = ChaChaPolyProvider.select(ChaChaPolyProvider.CONSCRYPT,
        Runtime.version().feature(), List.of());
    // the jar carries the native library of this project's platforms: failing to load is a bug
    assertThat(s.reason()).as("Conscrypt must load on %s %s", System.getProperty("os.name"),
        System.getProperty("os.arch")).doesNotContain("unusable");
    assertThat(s.small()).isSameAs(s.bulk());
    return s;
  }

  private static byte[] seal(NoiseCipher c, ByteBuf buf, byte[] plain) throws NoiseException {
    try {
      buf.setBytes(FRAME_OFFSET, plain);
      int n = c.sealInPlace(buf, FRAME_OFFSET, plain.length);
      return ByteBufUtil.getBytes(buf, FRAME_OFFSET, n);
    } finally {
      buf.release();
    }
  }

  private static byte[] open(NoiseCipher c, byte[] sealed, boolean direct, byte[] scratch)
      throws NoiseException {
    ByteBuf in = direct ? Unpooled.directBuffer(sealed.length + 3)
        : Unpooled.buffer(sealed.length + 3);
    ByteBuf out = direct ? Unpooled.directBuffer(sealed.length)
        : Unpooled.buffer(sealed.length);
    try {
      in.writerIndex(3).writeBytes(sealed);
      c.open(in, 3, sealed.length, out, scratch);
      return ByteBufUtil.getBytes(out);
    } finally {
      in.release();
      out.release();
    }
  }
}
