package io.parsigex.eth2.charon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.signing.ChainPreset;
import io.parsigex.eth2.spec.ForkTypes;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Charon's {@code DataVersion} numbers on the shared fork enum: phase0 = 0 .. fulu = 6 as
 * {@code charon:eth2util/types.go} lists them; gloas is in the chain schedule but has no number and no
 * containers, so the versioned types refuse it with their typed errors.
 */
class DataVersionTest {

  /** {@code charon:eth2util/types.go}, written out independently. */
  private static final Map<String, Integer> CHARON_NUMBERS = Map.of("phase0", 0, "altair", 1,
      "bellatrix", 2, "capella", 3, "deneb", 4, "electra", 5, "fulu", 6);

  /** Numbers that name no fork: gloas's place in the enum, the next one, and 2^64 - 1. */
  private static final List<Long> UNKNOWN = List.of(7L, 8L, -1L);

  /** Where an embedded proposal starts, to check that errors carry absolute offsets. */
  private static final int EMBED_AT = 5;

  private static VersionedSignedAggregateAndProof aggregate(Fork fork) {
    return new VersionedSignedAggregateAndProof(fork,
        ForkTypes.of(fork).signedAggregateAndProof().defaultValue());
  }

  private static byte[] withVersion(byte[] ssz, long version) {
    byte[] out = ssz.clone();
    Wrappers.writeUint64(out, 0, version);
    return out;
  }

  @Test
  void containerForksCarryCharonsNumbersOnBothEncodings() throws Exception {
    assertThat(ForkTypes.supportedForks()).extracting(Fork::label)
        .containsExactlyInAnyOrderElementsOf(CHARON_NUMBERS.keySet());
    for (Fork fork : ForkTypes.supportedForks()) {
      int number = CHARON_NUMBERS.get(fork.label());
      VersionedSignedAggregateAndProof ap = aggregate(fork);
      byte[] ssz = ap.toSsz().orElseThrow();
      assertThat(Wrappers.readUint64(ssz, 0)).as(fork.label()).isEqualTo(number);
      assertThat(ap.toCharonJson()).as(fork.label()).startsWith("{\"version\":" + number + ",");
      assertThat(VersionedSignedAggregateAndProof.fromSsz(ssz)).isEqualTo(ap);
      assertThat(VersionedSignedAggregateAndProof.fromJson(ap.toCharonJson())).isEqualTo(ap);
    }
  }

  @Test
  void gloasIsScheduledButHasNoContainers() {
    assertThat(ChainPreset.SEPOLIA.spec().forks().fork(Fork.GLOAS).scheduled()).isTrue();
    assertThat(ForkTypes.find(Fork.GLOAS)).isEmpty();
    assertThat(ForkTypes.supportedForks()).doesNotContain(Fork.GLOAS);
    assertThatThrownBy(() -> ForkTypes.of(Fork.GLOAS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gloas").hasMessageContaining("phase0 to fulu");
    SszContainer electraAggregate = ForkTypes.of(Fork.FULU).signedAggregateAndProof()
        .defaultValue();
    assertThatThrownBy(() -> new VersionedSignedAggregateAndProof(Fork.GLOAS, electraAggregate))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gloas");
    SszContainer electraAttestation = ForkTypes.of(Fork.FULU).attestation().defaultValue();
    assertThatThrownBy(() -> new VersionedAttestation(Fork.GLOAS, OptionalLong.empty(),
        electraAttestation)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gloas");
    assertThatThrownBy(() -> VersionedSignedProposal.innerType(Fork.GLOAS, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gloas");
  }

  @Test
  void numbersWithoutAForkAreUnknownDataVersionsInSsz() {
    byte[] aggregate = aggregate(Fork.FULU).toSsz().orElseThrow();
    byte[] attestation = new VersionedAttestation(Fork.FULU, OptionalLong.of(3),
        ForkTypes.of(Fork.FULU).attestation().defaultValue()).toSsz().orElseThrow();
    byte[] proposal = new VersionedSignedProposal(Fork.FULU, false,
        VersionedSignedProposal.innerType(Fork.FULU, false).defaultValue()).toSsz().orElseThrow();
    for (long v : UNKNOWN) {
      String message = "unknown data version " + Long.toUnsignedString(v) + " (expected 0..6)";
      assertThatThrownBy(() -> VersionedSignedAggregateAndProof.fromSsz(withVersion(aggregate, v)))
          .isInstanceOf(SszException.class).hasMessageContaining(message);
      assertThatThrownBy(() -> VersionedAttestation.fromSsz(withVersion(attestation, v)))
          .isInstanceOf(SszException.class).hasMessageContaining(message);
      byte[] embedded = new byte[EMBED_AT + proposal.length];
      System.arraycopy(withVersion(proposal, v), 0, embedded, EMBED_AT, proposal.length);
      assertThatThrownBy(() -> VersionedSignedProposal.fromSsz(embedded, EMBED_AT,
          embedded.length)).isInstanceOf(SszException.class).hasMessageContaining(message)
          .satisfies(e -> assertThat(((SszException) e).offset()).isEqualTo(EMBED_AT));
    }
  }

  @Test
  void numbersWithoutAForkAreUnknownDataVersionsInJson() {
    String json = aggregate(Fork.FULU).toCharonJson();
    assertThat(json).startsWith("{\"version\":6,");
    for (int v : new int[] {7, 8}) {
      assertThatThrownBy(() -> VersionedSignedAggregateAndProof.fromJson(
          json.replace("{\"version\":6,", "{\"version\":" + v + ",")))
          .isInstanceOf(JsonFormatException.class)
          .hasMessageContaining("unknown data version " + v + " (expected 0..6)");
    }
    assertThatThrownBy(() -> VersionedSignedAggregateAndProof.fromJson(
        json.replace("{\"version\":6,", "{\"version\":\"gloas\",")))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("expected a number 0..6");
  }
}
