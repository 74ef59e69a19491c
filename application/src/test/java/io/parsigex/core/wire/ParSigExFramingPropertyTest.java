package io.parsigex.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.PubKey;
import io.parsigex.testsupport.TestSeed;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeded random round trips; the seed is printed on failure. */
@ExtendWith(TestSeed.class)
class ParSigExFramingPropertyTest {

  private static final int CASES = 500;
  private static final List<DutyType> CARRIED =
      java.util.Arrays.stream(DutyType.values()).filter(DutyType::isCarriedByParSigEx).toList();

  @Test
  void randomMessagesRoundTrip() throws Exception {
    long seed = TestSeed.seed("ParSigExFramingPropertyTest.randomMessagesRoundTrip");
    Random rnd = new Random(seed);
    for (int i = 0; i < CASES; i++) {
      WireMessage msg = randomMessage(rnd);
      try {
        byte[] frame = ParSigExFraming.encodeFrame(msg);
        ByteBuffer in = ByteBuffer.wrap(frame);
        WireMessage back = ParSigExFraming.decodeFrame(in);
        assertThat(in.remaining()).isZero();
        assertThat(back.duty()).isEqualTo(msg.duty());
        assertThat(back.entries().keySet()).isEqualTo(msg.entries().keySet());
        for (var e : msg.entries().entrySet()) {
          WireEntry got = back.entries().get(e.getKey());
          assertThat(got.data()).isEqualTo(e.getValue().data());
          assertThat(got.shareIndex()).isEqualTo(e.getValue().shareIndex());
        }
      } catch (AssertionError | Exception e) {
        throw new AssertionError("round trip failed for seed " + seed + " (case " + i
            + "); rerun with -Dparsigex.seed=" + seed, e);
      }
    }
  }

  @Test
  void varintsRoundTripMinimally() throws Exception {
    long seed = TestSeed.seed("ParSigExFramingPropertyTest.varintsRoundTripMinimally");
    Random rnd = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      long v = rnd.nextLong() >>> (1 + rnd.nextInt(63));
      byte[] enc = UnsignedVarint.encode(v);
      ByteBuffer in = ByteBuffer.wrap(enc);
      assertThat(UnsignedVarint.read(in)).as("seed %d value %d", seed, v).isEqualTo(v);
      assertThat(in.remaining()).isZero();
      assertThat(enc.length).isLessThanOrEqualTo(UnsignedVarint.MAX_BYTES);
      if (enc.length > 1) {
        assertThat(enc[enc.length - 1]).as("minimal: last byte non-zero").isNotZero();
      }
    }
  }

  private static WireMessage randomMessage(Random rnd) {
    int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 40);
    Map<PubKey, WireEntry> entries = new HashMap<>();
    while (entries.size() < n) {
      byte[] key = new byte[PubKey.LENGTH];
      rnd.nextBytes(key);
      byte[] data = new byte[rnd.nextInt(rnd.nextInt(10) == 0 ? 20_000 : 300)];
      rnd.nextBytes(data);
      byte[] sig = new byte[96];
      rnd.nextBytes(sig);
      int share = 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : Integer.MAX_VALUE - 1);
      entries.put(PubKey.fromBytes(key), new WireEntry(data, sig, share));
    }
    long slot = rnd.nextBoolean() ? rnd.nextInt(1_000_000) : rnd.nextLong();
    return new WireMessage(new Duty(slot, CARRIED.get(rnd.nextInt(CARRIED.size()))), entries);
  }
}
