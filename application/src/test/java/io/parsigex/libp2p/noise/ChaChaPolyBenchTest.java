package io.parsigex.libp2p.noise;

import io.parsigex.testsupport.Prerequisite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Seal and open cost per Noise message size for each ChaCha20-Poly1305 provider this JVM can use
 * (SunJCE; NSS through SunPKCS11 where installed; Conscrypt), driven as {@link NoiseCipher} drives
 * them: {@code Cipher.init} with a fresh nonce on every message, sealed in place and opened buffer
 * to buffer, in direct memory for Conscrypt. The providers alternate batch by batch, so load from
 * other processes hits all alike; the table gives each one's best batch. Runs in the bench profile
 * ({@code -Dbench.tests=ChaChaPolyBenchTest}).
 */
class ChaChaPolyBenchTest {

  private static final int[] SIZES = {64, 421, 1024, 4096, 16384, NoiseHandler.MAX_PLAINTEXT};
  private static final int BATCHES = 12;
  private static final long BYTES_PER_BATCH = 4L * 1024 * 1024;

  @Test
  void sealAndOpenCostPerMessageSizeAndProvider() throws Exception {
    Prerequisite.optIn("parsigex.bench", "the ChaCha20-Poly1305 benchmark (./mvnw -Pbench ...)");
    List<ChaChaPolyProvider.Selection> engines = new ArrayList<>();
    engines.add(ChaChaPolyProvider.Selection.only(Security.getProvider("SunJCE"), "SunJCE"));
    ChaChaPolyProvider.Selection nss = ChaChaPolyProvider.select(ChaChaPolyProvider.NSS, 17,
        ChaChaPolyProvider.NSS_DIRS);
    if (!nss.bulk().getName().equals("SunJCE")) {
      engines.add(ChaChaPolyProvider.Selection.only(nss.bulk(), "NSS"));
    }
    ChaChaPolyProvider.Selection conscrypt = ChaChaPolyProvider.select(
        ChaChaPolyProvider.CONSCRYPT, 17, List.<Path>of());
    if (conscrypt.bulk().getName().startsWith("Conscrypt")) {
      engines.add(conscrypt);
    }
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%nChaCha20-Poly1305 per Noise message, Cipher.init included, best of %d alternating "
            + "batches (Java %s, %d cores): seal µs / open µs (seal GB/s)%n| bytes |", BATCHES,
        Runtime.version(), Runtime.getRuntime().availableProcessors()));
    for (ChaChaPolyProvider.Selection e : engines) {
      table.append(' ').append(e.bulk().getName()).append(" |");
    }
    table.append('\n').append("|---:|").append("---|".repeat(engines.size())).append('\n');
    for (int size : SIZES) {
      double[] seal = new double[engines.size()];
      double[] open = new double[engines.size()];
      Arrays.fill(seal, Double.MAX_VALUE);
      Arrays.fill(open, Double.MAX_VALUE);
      for (int b = 0; b < BATCHES; b++) {
        for (int i = 0; i < engines.size(); i++) {
          double[] r = batch(engines.get(i), size);
          seal[i] = Math.min(seal[i], r[0]);
          open[i] = Math.min(open[i], r[1]);
        }
      }
      table.append("| ").append(size).append(" |");
      for (int i = 0; i < engines.size(); i++) {
        table.append(String.format(Locale.ROOT, " %.2f / %.2f (%.2f) |", seal[i] / 1000,
            open[i] / 1000, size / seal[i]));
      }
      table.append('\n');
    }
    System.out.print(table);
  }

  /** One batch: ns per seal and per open. */
  private static double[] batch(ChaChaPolyProvider.Selection s, int size) throws Exception {
    byte[] key = new byte[NoiseCipher.KEY_LENGTH];
    Arrays.fill(key, (byte) size);
    NoiseCipher send = new NoiseCipher(key, 0, s);
    NoiseCipher receive = new NoiseCipher(key, 0, s);
    boolean direct = send.prefersDirectBuffers();
    int count = (int) Math.max(200, BYTES_PER_BATCH / (size + 256));
    int frame = size + NoiseCipher.TAG_LENGTH;
    ByteBuf sealed = direct ? Unpooled.directBuffer(frame) : Unpooled.buffer(frame);
    ByteBuf plain = direct ? Unpooled.directBuffer(size) : Unpooled.buffer(size);
    byte[] scratch = new byte[frame];
    try {
      long sealNanos = 0;
      long openNanos = 0;
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        send.sealInPlace(sealed, 0, size);
        long t1 = System.nanoTime();
        plain.clear();
        receive.open(sealed, 0, frame, plain, scratch);
        long t2 = System.nanoTime();
        sealNanos += t1 - t0;
        openNanos += t2 - t1;
      }
      return new double[] {(double) sealNanos / count, (double) openNanos / count};
    } finally {
      sealed.release();
      plain.release();
    }
  }
}
