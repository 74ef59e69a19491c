package io.parsigex.eth2.charon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.ForkTypes;
import io.parsigex.eth2.ssz.SszException;
import io.parsigex.testsupport.TestSeed;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The header rules the three SSZ wrappers share through {@link VersionedFormat}, checked on each
 * type at every fork against Charon's layouts written out here ({@code core/ssz.go}: version
 * {@code uint64}, extra, {@code uint32} offset, all little-endian).
 */
@ExtendWith(TestSeed.class)
class VersionedFormatTest {

  /** A wrapper type under test: a value, its header size, its decoder, its inner field. */
  private record Case(String name, CharonSignedData value, int header, Decoder decoder,
      String innerField) {
  }

  @FunctionalInterface
  private interface Decoder {
    CharonSignedData decode(byte[] in) throws SszException;
  }

  private static List<Case> cases(Fork fork) {
    ForkTypes t = ForkTypes.of(fork);
    return List.of(
        new Case("aggregate", new VersionedSignedAggregateAndProof(fork,
            t.signedAggregateAndProof().defaultValue()), 12,
            VersionedSignedAggregateAndProof::fromSsz, "aggregate_and_proof"),
        new Case("attestation with index", new VersionedAttestation(fork, OptionalLong.of(-2L),
            t.attestation().defaultValue()), 20, VersionedAttestation::fromSsz, "attestation"),
        new Case("proposal", new VersionedSignedProposal(fork, false,
            VersionedSignedProposal.innerType(fork, false).defaultValue()), 13,
            VersionedSignedProposal::fromSsz, "block"),
        new Case("blinded proposal", new VersionedSignedProposal(fork, true,
            VersionedSignedProposal.innerType(fork, true).defaultValue()), 13,
            VersionedSignedProposal::fromSsz, "block"));
  }

  private static long uint(byte[] in, int pos, int size) {
    long v = 0;
    for (int i = size - 1; i >= 0; i--) {
      v = (v << 8) | (in[pos + i] & 0xff);
    }
    return v;
  }

  @Test
  void headersAreVersionExtraAndAnOffsetToTheInnerObject() throws Exception {
    for (Fork fork : ForkTypes.supportedForks()) {
      for (Case c : cases(fork)) {
        byte[] ssz = c.value().toSsz().orElseThrow();
        String where = c.name() + " " + fork.label();
        assertThat(uint(ssz, 0, 8)).as(where).isEqualTo(DataVersion.of(fork));
        assertThat(uint(ssz, c.header() - 4, 4)).as(where).isEqualTo(c.header());
        assertThat(c.decoder().decode(ssz)).as(where).isEqualTo(c.value());
      }
    }
    VersionedAttestation a = (VersionedAttestation) cases(Fork.ELECTRA).get(1).value();
    assertThat(uint(a.toSsz().orElseThrow(), 8, 8)).isEqualTo(-2L);
    VersionedSignedProposal blinded = (VersionedSignedProposal) cases(Fork.DENEB).get(3).value();
    assertThat(blinded.toSsz().orElseThrow()[8]).isEqualTo((byte) 1);
  }

  @Test
  void offsetsAreCheckedAgainstTheHeaderAndTheLength() throws Exception {
    long seed = TestSeed.seed("VersionedFormatTest.offsetsAreCheckedAgainstTheHeaderAndTheLength");
    Random rnd = new Random(seed);
    for (Fork fork : ForkTypes.supportedForks()) {
      for (Case c : cases(fork)) {
        byte[] ssz = c.value().toSsz().orElseThrow();
        String where = c.name() + " " + fork.label() + " seed " + seed;
        int offsetAt = c.header() - 4;
        // shorter than the header
        byte[] shortInput = Arrays.copyOf(ssz, rnd.nextInt(c.header()));
        assertThatThrownBy(() -> c.decoder().decode(shortInput)).as(where)
            .isInstanceOf(SszException.class).hasMessageContaining("-byte header");
        // an offset into the header, or past the end, is an offset error
        for (long bad : new long[] {c.header() - 1 - rnd.nextInt(c.header() - 11),
            ssz.length + 1 + rnd.nextInt(1000)}) {
          byte[] b = ssz.clone();
          Wrappers.writeUint32(b, offsetAt, (int) bad);
          if (c.header() == Wrappers.VALIDATOR_INDEX_HEADER) {
            // not 20: Go falls back to the legacy header, whose offset (bytes 8..11) is the
            // low half of the index -2, far past the end
            assertThatThrownBy(() -> c.decoder().decode(b)).as(where)
                .isInstanceOf(SszException.class).hasMessageContaining("between the header size 12");
          } else {
            assertThatThrownBy(() -> c.decoder().decode(b)).as(where)
                .isInstanceOf(SszException.class)
                .satisfies(e -> assertThat(((SszException) e).kind())
                    .isEqualTo(SszException.Kind.OFFSET))
                .hasMessageContaining("offset " + bad);
          }
        }
        // a lenient header may point past a gap: Go reads the inner object from the offset
        if (c.header() != Wrappers.VALIDATOR_INDEX_HEADER) {
          int gap = 1 + rnd.nextInt(16);
          byte[] gapped = new byte[ssz.length + gap];
          System.arraycopy(ssz, 0, gapped, 0, c.header());
          System.arraycopy(ssz, c.header(), gapped, c.header() + gap, ssz.length - c.header());
          Wrappers.writeUint32(gapped, offsetAt, c.header() + gap);
          assertThat(c.decoder().decode(gapped)).as(where).isEqualTo(c.value());
        }
        // a fault inside the inner object is reported under the type's inner field
        byte[] truncated = Arrays.copyOf(ssz, ssz.length - 1);
        assertThatThrownBy(() -> c.decoder().decode(truncated)).as(where)
            .isInstanceOf(SszException.class)
            .satisfies(e -> assertThat(((SszException) e).fieldPath()).startsWith(c.innerField()));
      }
    }
  }

  @Test
  void aLayoutHoldsAtLeastTheVersionAndTheOffset() {
    assertThatThrownBy(() -> new VersionedFormat.Layout<>("too small", 11,
        VersionedFormat.NoExtra.BYTES, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
  }
}
