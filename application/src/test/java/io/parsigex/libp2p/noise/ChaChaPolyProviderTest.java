package io.parsigex.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.testsupport.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaChaPolyProviderTest {

  private static final int MESSAGES = 200;
  private static final String SUN_JCE = "SunJCE";

  @Test
  void jdkModeAndIntrinsicReleasesUseSunJce() {
    assertThat(ChaChaPolyProvider.select(ChaChaPolyProvider.JDK, 17,
        ChaChaPolyProvider.NSS_DIRS).provider().getName()).isEqualTo(SUN_JCE);
    ChaChaPolyProvider.Selection s = ChaChaPolyProvider.select(ChaChaPolyProvider.AUTO,
        ChaChaPolyProvider.INTRINSICS_RELEASE, ChaChaPolyProvider.NSS_DIRS);
    assertThat(s.provider().getName()).isEqualTo(SUN_JCE);
    assertThat(s.reason()).contains("intrinsics");
  }

  @Test
  void aMistypedModeIsReportedAndCountsAsAuto() {
    ChaChaPolyProvider.Selection s = ChaChaPolyProvider.select("nsss",
        ChaChaPolyProvider.INTRINSICS_RELEASE, ChaChaPolyProvider.NSS_DIRS);
    assertThat(s.provider().getName()).isEqualTo(SUN_JCE);
    assertThat(s.reason()).contains("unknown " + ChaChaPolyProvider.PROPERTY + "=nsss")
        .contains("expected auto, jdk, conscrypt or nss").contains("intrinsics");
  }

  @Test
  void beforeJava20AutoUsesConscryptForEveryMessage() {
    ChaChaPolyProvider.Selection s = ChaChaPolyProvider.select(ChaChaPolyProvider.AUTO, 17,
        ChaChaPolyProvider.NSS_DIRS);
    assertThat(s.bulk().getName()).startsWith("Conscrypt");
    assertThat(s.small()).isSameAs(s.bulk());
    assertThat(s.reason()).contains("self-tested against SunJCE");
    assertThat(s.describe()).startsWith(s.bulk().getName() + " for every message");
    assertThat(new NoiseCipher(new byte[NoiseCipher.KEY_LENGTH], 0, s).prefersDirectBuffers())
        .isTrue();
  }

  @Test
  void aConscryptWhoseNativeLibraryCannotLoadFallsBackToNssOrSunJceAndSaysWhy(
      @TempDir Path empty) {
    Supplier<Provider> broken = () -> {
      throw new UnsatisfiedLinkError("no conscrypt_openjdk_jni-linux-x86_64 in java.library.path");
    };
    ChaChaPolyProvider.Selection s =
        ChaChaPolyProvider.select(ChaChaPolyProvider.AUTO, 17, List.of(empty), broken);
    assertThat(s.small().getName()).isEqualTo(SUN_JCE);
    assertThat(s.bulk().getName()).isEqualTo(SUN_JCE);
    assertThat(s.reason()).contains("Conscrypt unusable").contains("UnsatisfiedLinkError")
        .contains("NSS not found");
    // the pure-JDK path still computes Noise's cipher
    NoiseCipher c = new NoiseCipher(new byte[NoiseCipher.KEY_LENGTH], 0, s);
    assertThat(c.prefersDirectBuffers()).isFalse();

    ChaChaPolyProvider.Selection withNss = ChaChaPolyProvider.select(ChaChaPolyProvider.CONSCRYPT,
        17, ChaChaPolyProvider.NSS_DIRS, broken);
    assertThat(withNss.reason()).contains("Conscrypt unusable");
    assertThat(withNss.small().getName()).isEqualTo(SUN_JCE);
  }

  @Test
  void nssAndJdkModesNeverLoadConscrypt() {
    Supplier<Provider> mustNotLoad = () -> {
      throw new AssertionError("Conscrypt loaded although the mode excludes it");
    };
    ChaChaPolyProvider.Selection nss = ChaChaPolyProvider.select(ChaChaPolyProvider.NSS, 17,
        ChaChaPolyProvider.NSS_DIRS, mustNotLoad);
    assertThat(nss.small().getName()).isEqualTo(SUN_JCE);
    assertThat(nss.reason()).doesNotContain("Conscrypt");
    ChaChaPolyProvider.Selection jdk = ChaChaPolyProvider.select(ChaChaPolyProvider.JDK, 17,
        ChaChaPolyProvider.NSS_DIRS, mustNotLoad);
    assertThat(jdk.bulk().getName()).isEqualTo(SUN_JCE);
    ChaChaPolyProvider.Selection intrinsics = ChaChaPolyProvider.select(ChaChaPolyProvider.AUTO,
        ChaChaPolyProvider.INTRINSICS_RELEASE, ChaChaPolyProvider.NSS_DIRS, mustNotLoad);
    assertThat(intrinsics.bulk().getName()).isEqualTo(SUN_JCE);
  }

  @Test
  void withoutNssItFallsBackToSunJceAndSaysWhy(@TempDir Path empty) {
    ChaChaPolyProvider.Selection s =
        ChaChaPolyProvider.select(ChaChaPolyProvider.NSS, 17, List.of(empty));
    assertThat(s.provider().getName()).isEqualTo(SUN_JCE);
    assertThat(s.reason()).contains("NSS not found");
  }

  @Test
  void aBrokenNssFallsBackToSunJce(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("libsoftokn3.so"), new byte[] {1, 2, 3});
    ChaChaPolyProvider.Selection s =
        ChaChaPolyProvider.select(ChaChaPolyProvider.NSS, 17, List.of(dir));
    assertThat(s.provider().getName()).isEqualTo(SUN_JCE);
    assertThat(s.reason()).contains("unusable");
  }

  @Test
  void nssSealsExactlyAsSunJceAndRefusesForgeries() throws GeneralSecurityException {
    ChaChaPolyProvider.Selection s = ChaChaPolyProvider.select(ChaChaPolyProvider.NSS,
        Runtime.version().feature(), ChaChaPolyProvider.NSS_DIRS);
    if (s.provider().getName().equals(SUN_JCE)) {
      Prerequisite.optional("no usable NSS on this machine (" + s.reason() + ")");
    }
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    Cipher nss = Cipher.getInstance("ChaCha20-Poly1305", s.provider());
    Cipher jdk = Cipher.getInstance("ChaCha20-Poly1305", SUN_JCE);
    for (int i = 0; i < MESSAGES; i++) {
      byte[] key = new byte[NoiseCipher.KEY_LENGTH];
      byte[] nonce = new byte[12];
      byte[] ad = new byte[rnd.nextInt(3) == 0 ? 32 : 0];
      byte[] plain = new byte[rnd.nextBoolean() ? rnd.nextInt(200)
          : rnd.nextInt(NoiseHandler.MAX_PLAINTEXT + 1)];
      rnd.nextBytes(key);
      rnd.nextBytes(nonce);
      rnd.nextBytes(ad);
      rnd.nextBytes(plain);
      SecretKeySpec k = new SecretKeySpec(key, "ChaCha20");
      byte[] sealed = run(nss, Cipher.ENCRYPT_MODE, k, nonce, ad, plain);
      assertThat(sealed).as("seed %d, message %d", seed, i)
          .isEqualTo(run(jdk, Cipher.ENCRYPT_MODE, k, nonce, ad, plain));
      assertThat(run(nss, Cipher.DECRYPT_MODE, k, nonce, ad, sealed)).isEqualTo(plain);
      byte[] forged = Arrays.copyOf(sealed, sealed.length);
      forged[rnd.nextInt(forged.length)] ^= (byte) (1 << rnd.nextInt(8));
      try {
        run(nss, Cipher.DECRYPT_MODE, k, nonce, ad, forged);
        throw new AssertionError("forgery accepted, seed " + seed + ", message " + i);
      } catch (AEADBadTagException expected) {
        // refused, as it must be
      }
    }
  }

  @Test
  void noiseCiphersUseTheChosenProviderAndItIsDescribed() {
    assertThat(ChaChaPolyProvider.describe()).contains(ChaChaPolyProvider.provider().getName());
    if (Runtime.version().feature() >= ChaChaPolyProvider.INTRINSICS_RELEASE) {
      assertThat(ChaChaPolyProvider.provider().getName()).isEqualTo(SUN_JCE);
    }
  }

  private static byte[] run(Cipher c, int mode, SecretKeySpec k, byte[] nonce, byte[] ad,
      byte[] in) throws GeneralSecurityException {
    c.init(mode, k, new IvParameterSpec(nonce));
    c.updateAAD(ad);
    return c.doFinal(in);
  }
}
