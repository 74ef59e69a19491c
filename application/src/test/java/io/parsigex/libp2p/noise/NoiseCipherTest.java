package io.parsigex.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Whichever provider this JVM chose handles a message (and whichever size decides it), the bytes
 * are Noise's ChaChaPoly: checked against SunJCE computed by hand with the counter nonce, on every
 * size around {@link ChaChaPolyProvider#BULK_MIN_BYTES} and random larger ones, sealed in place and
 * opened from heap and from direct buffers.
 */
class NoiseCipherTest {

  private static final int RANDOM_SIZES = 60;
  private static final int FRAME_OFFSET = 2;

  @Test
  void everySizeSealsAsSunJceWithTheCounterNonceAndOpensOnTheOtherSide() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    byte[] key = new byte[NoiseCipher.KEY_LENGTH];
    rnd.nextBytes(key);
    NoiseCipher send = new NoiseCipher(key);
    NoiseCipher receive = new NoiseCipher(key);
    Cipher reference = Cipher.getInstance("ChaCha20-Poly1305", "SunJCE");
    int switchAt = ChaChaPolyProvider.BULK_MIN_BYTES;
    int[] sizes = new int[2 * 8 + RANDOM_SIZES + 2];
    int k = 0;
    for (int d = -8; d < 8; d++) {
      sizes[k++] = switchAt + d;
    }
    sizes[k++] = 0;
    sizes[k++] = NoiseHandler.MAX_PLAINTEXT;
    while (k < sizes.length) {
      sizes[k++] = rnd.nextInt(NoiseHandler.MAX_PLAINTEXT + 1);
    }
    byte[] scratch = new byte[NoiseHandler.MAX_FRAME_LENGTH];
    for (int j = 0; j < sizes.length; j++) {
      int size = sizes[j];
      boolean direct = j % 2 == 0;
      byte[] plain = new byte[size];
      rnd.nextBytes(plain);
      long n = send.nonce();
      ByteBuf buf = buffer(direct, FRAME_OFFSET + size + NoiseCipher.TAG_LENGTH);
      ByteBuf opened = buffer(!direct, size);
      try {
        buf.setBytes(FRAME_OFFSET, plain);
        assertThat(send.sealInPlace(buf, FRAME_OFFSET, size))
            .isEqualTo(size + NoiseCipher.TAG_LENGTH);
        byte[] sealed = ByteBufUtil.getBytes(buf, FRAME_OFFSET, size + NoiseCipher.TAG_LENGTH);
        byte[] iv = new byte[12];
        for (int i = 0; i < Long.BYTES; i++) {
          iv[4 + i] = (byte) (n >>> (8 * i));
        }
        reference.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
            new IvParameterSpec(iv));
        assertThat(sealed).as("size %d, seed %d", size, seed).isEqualTo(reference.doFinal(plain));
        assertThat(receive.open(buf, FRAME_OFFSET, sealed.length, opened, scratch))
            .isEqualTo(size);
        assertThat(ByteBufUtil.getBytes(opened)).as("size %d, seed %d", size, seed)
            .isEqualTo(plain);
      } finally {
        buf.release();
        opened.release();
      }
    }
  }

  @Test
  void aForgedMessageOfEitherKindIsRefused() throws Exception {
    byte[] key = new byte[NoiseCipher.KEY_LENGTH];
    for (int size : new int[] {10, ChaChaPolyProvider.BULK_MIN_BYTES * 4}) {
      for (boolean direct : new boolean[] {false, true}) {
        NoiseCipher send = new NoiseCipher(key);
        NoiseCipher receive = new NoiseCipher(key);
        ByteBuf buf = buffer(direct, size + NoiseCipher.TAG_LENGTH);
        ByteBuf out = buffer(direct, size);
        try {
          send.sealInPlace(buf, 0, size);
          buf.setByte(size / 2, buf.getByte(size / 2) ^ 1);
          assertThatThrownBy(() -> receive.open(buf, 0, size + NoiseCipher.TAG_LENGTH, out,
              new byte[NoiseHandler.MAX_FRAME_LENGTH]))
              .isInstanceOf(NoiseException.DecryptFailed.class);
        } finally {
          buf.release();
          out.release();
        }
      }
    }
  }

  private static ByteBuf buffer(boolean direct, int capacity) {
    return direct ? Unpooled.directBuffer(capacity) : Unpooled.buffer(capacity);
  }
}
