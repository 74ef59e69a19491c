package io.parsigex.libp2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * A child JVM's main for {@link ChaChaPolyProviderProcessTest}: makes Noise ciphers as the node
 * does (so the provider is chosen by this JVM's properties), round-trips a short and a long
 * message, and prints the choice and {@code ok}.
 */
public final class ChaChaPolyProbe {

  private ChaChaPolyProbe() {}

  /**
   * Runs the probe.
   *
   * @param args unused
   * @throws Exception when a message does not round-trip
   */
  public static void main(String[] args) throws Exception {
    byte[] key = new byte[NoiseCipher.KEY_LENGTH];
    Arrays.fill(key, (byte) 7);
    for (int size : new int[] {100, 4 * ChaChaPolyProvider.BULK_MIN_BYTES}) {
      NoiseCipher send = new NoiseCipher(key);
      NoiseCipher receive = new NoiseCipher(key);
      byte[] plain = new byte[size];
      Arrays.fill(plain, (byte) size);
      ByteBuf buf = Unpooled.directBuffer(size + NoiseCipher.TAG_LENGTH);
      ByteBuf out = Unpooled.buffer(size);
      buf.setBytes(0, plain);
      int n = send.sealInPlace(buf, 0, size);
      receive.open(buf, 0, n, out, new byte[n]);
      if (!Arrays.equals(ByteBufUtil.getBytes(out), plain)) {
        throw new AssertionError("round trip of " + size + " bytes failed");
      }
      buf.release();
      out.release();
    }
    System.out.println("choice: " + ChaChaPolyProvider.describe());
    System.out.println("ok");
  }
}
