package io.parsigex.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Whichever provider handles a message (SunJCE below {@link ChaChaPolyProvider#BULK_MIN_BYTES},
 * the bulk provider from it), the bytes are Noise's ChaChaPoly: checked against SunJCE computed by
 * hand with the counter nonce, on every size around the switch and random larger ones.
 */
class NoiseCipherTest {

  private static final int RANDOM_SIZES = 60;

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
    for (int size : sizes) {
      byte[] plain = new byte[size];
      rnd.nextBytes(plain);
      long n = send.nonce();
      byte[] sealed = new byte[size + NoiseCipher.TAG_LENGTH];
      assertThat(send.encrypt(plain, 0, size, sealed, 0)).isEqualTo(sealed.length);
      byte[] iv = new byte[12];
      for (int i = 0; i < Long.BYTES; i++) {
        iv[4 + i] = (byte) (n >>> (8 * i));
      }
      reference.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
          new IvParameterSpec(iv));
      assertThat(sealed).as("size %d, seed %d", size, seed).isEqualTo(reference.doFinal(plain));
      byte[] opened = new byte[size];
      assertThat(receive.decrypt(sealed, 0, sealed.length, opened, 0)).isEqualTo(size);
      assertThat(opened).as("size %d, seed %d", size, seed).isEqualTo(plain);
    }
  }

  @Test
  void aForgedMessageOfEitherKindIsRefused() throws Exception {
    byte[] key = new byte[NoiseCipher.KEY_LENGTH];
    for (int size : new int[] {10, ChaChaPolyProvider.BULK_MIN_BYTES * 4}) {
      NoiseCipher send = new NoiseCipher(key);
      NoiseCipher receive = new NoiseCipher(key);
      byte[] sealed = new byte[size + NoiseCipher.TAG_LENGTH];
      send.encrypt(new byte[size], 0, size, sealed, 0);
      sealed[size / 2] ^= 1;
      assertThatThrownBy(() -> receive.decrypt(sealed, 0, sealed.length, new byte[size], 0))
          .isInstanceOf(NoiseException.DecryptFailed.class);
    }
  }
}
