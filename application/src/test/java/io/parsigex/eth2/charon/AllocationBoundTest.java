package io.parsigex.eth2.charon;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.CodecException;
import io.parsigex.api.DutyType;
import io.parsigex.eth2.charon.Goldens.Golden;
import io.parsigex.eth2.spec.Deneb;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Decoding allocates in proportion to the input, never to what a length or offset claims: hostile
 * payloads that claim huge lists or sizes are refused after allocating a few kilobytes.
 */
class AllocationBoundTest {
  /** Bytes of objects a decode may allocate per input byte (boxed values, small arrays). */
  private static final long PER_INPUT_BYTE = 4;
  /** Fixed allowance: error messages, builders, small per-call objects. */
  private static final long FIXED = 16 * 1024;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static long allocatedBy(Runnable r) {
    long id = Thread.currentThread().getId();
    r.run(); // warm: class loading and JIT allocate too
    long before = THREADS.getThreadAllocatedBytes(id);
    r.run();
    return THREADS.getThreadAllocatedBytes(id) - before;
  }

  private static Runnable decode(DutyType duty, byte[] in) {
    return () -> {
      try {
        Eth2Codecs.forDuty(duty).orElseThrow().decode(duty, in);
      } catch (CodecException e) {
        // refused: fine, only the allocation matters here
      }
    };
  }

  private static void assertBounded(String what, DutyType duty, byte[] in) {
    long used = allocatedBy(decode(duty, in));
    System.out.println(what + ": " + in.length + " input bytes, " + used + " allocated");
    assertThat(used).as(what + " allocated " + used + " bytes for " + in.length + " input bytes")
        .isLessThanOrEqualTo(FIXED + PER_INPUT_BYTE * in.length);
  }

  @Test
  void goldensDecodeInProportionToTheirSize() {
    for (Golden g : Goldens.SIGNED) {
      assertBounded(g.toString(), g.duty(), g.sszBytes());
    }
  }

  @Test
  void claimsOfHugeSizesAreRefusedCheaply() {
    byte[] proposal = Goldens.SIGNED.get(0).sszBytes();
    // the wrapper offset points far past the end
    byte[] farOffset = Arrays.copyOf(proposal, 64);
    farOffset[12] = 0x7f;
    assertBounded("proposal with offset 2^31", DutyType.PROPOSER, farOffset);
    // block contents whose blobs offset claims almost all of a 2 GiB input
    byte[] contents = Arrays.copyOf(proposal, 13 + 12);
    contents[13 + 8] = (byte) 0xff;
    contents[13 + 11] = (byte) 0x7f;
    assertBounded("contents with a huge blobs offset", DutyType.PROPOSER, contents);
    // a list of variable elements whose first offset claims 2^30 elements
    byte[] claims = new byte[4096];
    claims[0] = 0;
    claims[3] = 0x40;
    assertBounded("aggregate with a huge first offset", DutyType.AGGREGATOR, claims);
    // a versioned attestation whose bitlist holds no delimiter in 64 KiB
    byte[] att = Goldens.SIGNED.get(2).sszBytes();
    byte[] bigBits = Arrays.copyOf(att, 20 + 236 + 65536);
    assertBounded("attestation with an oversized bitlist", DutyType.ATTESTER, bigBits);
  }

  @Test
  void manyEmptyTransactionsStayLinear() throws Exception {
    // a deneb blinded golden turned into a payload of 2^14 empty transactions would be refused by
    // the block limits; measure the list decoder directly on the worst shape instead
    int count = 1 << 14;
    byte[] offsets = new byte[4 * count];
    for (int i = 0; i < count; i++) {
      int o = 4 * count;
      offsets[4 * i] = (byte) o;
      offsets[4 * i + 1] = (byte) (o >>> 8);
      offsets[4 * i + 2] = (byte) (o >>> 16);
    }
    var transactions = Deneb.EXECUTION_PAYLOAD.fieldType("transactions");
    long used = allocatedBy(() -> {
      try {
        assertThat((java.util.List<?>) transactions.deserialize(offsets)).hasSize(count);
      } catch (io.parsigex.eth2.ssz.SszException e) {
        throw new AssertionError(e);
      }
    });
    System.out.println(count + " empty transactions: " + offsets.length + " input bytes, " + used
        + " allocated");
    assertThat(used).isLessThanOrEqualTo(FIXED + PER_INPUT_BYTE * offsets.length);
  }
}
