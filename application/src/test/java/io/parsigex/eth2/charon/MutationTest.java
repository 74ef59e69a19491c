package io.parsigex.eth2.charon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.eth2.charon.Goldens.Golden;
import io.parsigex.eth2.ssz.SszException;
import io.parsigex.eth2.ssz.SszOffsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every truncation and every single-byte corruption of every offset (Charon's wrapper offsets and
 * the consensus containers' offsets inside) of the SSZ goldens and Pluto's vectors. Each mutated
 * payload must be refused with a typed codec error, or, where the mutation happens to describe
 * another valid value (a truncation exactly at a trailing list element boundary), decode to a
 * value whose canonical encoding is exactly the mutated bytes. No unchecked exception may escape.
 */
class MutationTest {
  /** Payloads above this size get a sample of corruptions per offset byte instead of all 255. */
  private static final int FULL_CORRUPTION_LIMIT = 64 * 1024;
  private static final int[] SAMPLE_MASKS = {0x01, 0x04, 0x10, 0x80, 0xff};

  /** One mutation subject. */
  record Subject(String name, DutyType duty, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Subject> subjects() {
    List<Subject> s = new ArrayList<>();
    for (Golden g : Goldens.SIGNED) {
      s.add(new Subject(g.toString(), g.duty(), g.sszBytes()));
    }
    s.add(new Subject("pluto attestation_phase0", DutyType.ATTESTER,
        Goldens.plutoHex("attestation_phase0.ssz.hex")));
    s.add(new Subject("pluto versioned_attestation_phase0", DutyType.ATTESTER,
        Goldens.plutoHex("versioned_attestation_phase0.ssz.hex")));
    s.add(new Subject("pluto versioned_attestation_phase0_with_validator_index",
        DutyType.ATTESTER,
        Goldens.plutoHex("versioned_attestation_phase0_with_validator_index.ssz.hex")));
    s.add(new Subject("pluto signed_aggregate_and_proof", DutyType.AGGREGATOR,
        Goldens.plutoHex("signed_aggregate_and_proof.ssz.hex")));
    s.add(new Subject("pluto versioned_agg_proof_phase0", DutyType.AGGREGATOR,
        Goldens.plutoHex("versioned_agg_proof_phase0.ssz.hex")));
    s.add(new Subject("pluto versioned_proposal_phase0", DutyType.PROPOSER,
        Goldens.plutoHex("versioned_proposal_phase0.ssz.hex")));
    return s.stream();
  }

  private static SignedDataCodec codec(DutyType duty) {
    return Eth2Codecs.forDuty(duty).orElseThrow();
  }

  /** Where the offsets are: the wrapper's, then the inner object's. */
  static List<Integer> offsetPositions(CharonSignedData v) {
    List<Integer> out = new ArrayList<>();
    if (v instanceof VersionedSignedProposal p) {
      out.add(9);
      SszOffsets.collect(p.block().type(), p.block(), 13, out);
    } else if (v instanceof VersionedAttestation a) {
      int h = a.validatorIndex().isPresent() ? 20 : 12;
      out.add(h - 4);
      SszOffsets.collect(a.attestation().type(), a.attestation(), h, out);
    } else if (v instanceof VersionedSignedAggregateAndProof ap) {
      out.add(8);
      SszOffsets.collect(ap.aggregateAndProof().type(), ap.aggregateAndProof(), 12, out);
    } else if (v instanceof Attestation a) {
      SszOffsets.collect(a.value().type(), a.value(), 0, out);
    } else if (v instanceof SignedAggregateAndProof ap) {
      SszOffsets.collect(ap.value().type(), ap.value(), 0, out);
    }
    return out;
  }

  /** Decodes; returns true if accepted (and then checks it is canonical), false if refused. */
  private static boolean check(Subject s, byte[] buf, int length, String what) {
    try {
      CharonSignedData d;
      if (s.duty() == DutyType.PROPOSER) {
        // range decode: the big proposal golden is not copied for each of its 533,587 prefixes
        d = VersionedSignedProposal.fromSsz(buf, 0, length);
      } else {
        byte[] in = length == buf.length ? buf : Arrays.copyOf(buf, length);
        DecodedPayload p = codec(s.duty()).decode(s.duty(), in);
        d = (CharonSignedData) p.data();
      }
      byte[] reencoded = d.toSsz().orElseThrow();
      if (!Arrays.equals(reencoded, 0, reencoded.length, buf, 0, length)) {
        fail(s + " " + what + ": accepted a non-canonical encoding");
      }
      return true;
    } catch (SszException e) {
      assertThat(e.getMessage()).isNotBlank();
      return false;
    } catch (CodecException e) {
      assertThat(e.getMessage()).isNotBlank();
      return false;
    } catch (RuntimeException e) {
      throw new AssertionError(s + " " + what + ": unchecked " + e, e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subjects")
  void everyTruncationIsRefusedOrCanonical(Subject s) {
    byte[] buf = s.bytes().clone();
    int accepted = 0;
    for (int len = 0; len < buf.length; len++) {
      if (check(s, buf, len, "truncated to " + len)) {
        accepted++;
      }
    }
    // a prefix can only be valid when it ends between trailing list elements (blobs) or inside
    // a trailing bitlist on a non-zero byte; never the empty payload
    assertThat(accepted).as(s + " accepted truncations").isLessThan(buf.length / 2);
    System.out.println(s + ": " + buf.length + " truncations, " + accepted
        + " were valid shorter values and re-encode canonically");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subjects")
  void everyOffsetByteCorruptionIsRefusedOrCanonical(Subject s) throws Exception {
    byte[] buf = s.bytes().clone();
    CharonSignedData original = (CharonSignedData) codec(s.duty()).decode(s.duty(), buf).data();
    List<Integer> offsets = offsetPositions(original);
    boolean full = buf.length <= FULL_CORRUPTION_LIMIT;
    int refused = 0;
    int tried = 0;
    for (int pos : offsets) {
      for (int k = 0; k < 4; k++) {
        int at = pos + k;
        byte keep = buf[at];
        int variants = full ? 255 : SAMPLE_MASKS.length;
        for (int j = 0; j < variants; j++) {
          buf[at] = full ? (byte) (keep + 1 + j) : (byte) (keep ^ SAMPLE_MASKS[j]);
          tried++;
          if (!check(s, buf, buf.length, "byte " + at + " = " + (buf[at] & 0xff))) {
            refused++;
          }
        }
        buf[at] = keep;
      }
    }
    if (!offsets.isEmpty()) {
      assertThat(refused).as(s + ": refused corruptions of " + offsets.size() + " offsets")
          .isGreaterThan(tried * 9 / 10);
    }
    System.out.println(s + ": " + offsets.size() + " offsets, " + tried + " corruptions, "
        + refused + " refused, the rest re-encode canonically");
  }
}
