package io.parsigex.eth2.charon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.RandomSsz;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.testsupport.TestSeed;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every single-container type's {@link ContainerFormat} against Charon's {@code core/proto.go} (duty,
 * wire encoding) and the container's beacon-API JSON (where the signature is): random values go
 * through the type's own readers and through its duty's built-in codec.
 */
@ExtendWith(TestSeed.class)
class ContainerFormatTest {
  private static final long SEED = TestSeed.seed("ContainerFormatTest");
  private static final int VALUES_PER_TYPE = 20;

  /** One duty's carried type and wire encoding as Charon sends it, plus the JSON key of the signature. */
  private record Row(ContainerFormat<?> format, String typeName, DutyType duty,
      PayloadEncoding sentAs, String signatureKey) {}

  private static final List<Row> TABLE = List.of(
      new Row(Attestation.FORMAT, "Attestation", DutyType.ATTESTER, PayloadEncoding.SSZ,
          "signature"),
      new Row(SignedVoluntaryExit.FORMAT, "SignedVoluntaryExit", DutyType.EXIT,
          PayloadEncoding.JSON, "signature"),
      new Row(SignedRandao.FORMAT, "SignedRandao", DutyType.RANDAO, PayloadEncoding.JSON,
          "signature"),
      new Row(BeaconCommitteeSelection.FORMAT, "BeaconCommitteeSelection",
          DutyType.PREPARE_AGGREGATOR, PayloadEncoding.JSON, "selection_proof"),
      new Row(SignedAggregateAndProof.FORMAT, "SignedAggregateAndProof", DutyType.AGGREGATOR,
          PayloadEncoding.SSZ, "signature"),
      new Row(SignedSyncMessage.FORMAT, "SignedSyncMessage", DutyType.SYNC_MESSAGE,
          PayloadEncoding.SSZ, "signature"),
      new Row(SyncCommitteeSelection.FORMAT, "SyncCommitteeSelection",
          DutyType.PREPARE_SYNC_CONTRIBUTION, PayloadEncoding.JSON, "selection_proof"),
      new Row(SignedSyncContributionAndProof.FORMAT, "SignedSyncContributionAndProof",
          DutyType.SYNC_CONTRIBUTION, PayloadEncoding.SSZ, "signature"));

  @Test
  void everyTypeReadsWritesAndSignsAsCharonsTableSays() throws Exception {
    assertThat(TABLE).hasSize(ContainerSignedData.class.getPermittedSubclasses().length);
    RandomSsz gen = new RandomSsz(new Random(SEED), 0, 1);
    for (Row row : TABLE) {
      SignedDataCodec codec = Eth2Codecs.forDuty(row.duty()).orElseThrow();
      for (int i = 0; i < VALUES_PER_TYPE; i++) {
        String where = "seed " + SEED + ", " + row.typeName() + " #" + i;
        SszContainer value = (SszContainer) gen.next(row.format().container());
        ContainerSignedData fromSsz = row.format().fromSsz(value.serialize());
        ContainerSignedData fromJson = row.format().fromJson(value.toJson());
        assertThat(fromSsz).as(where).isEqualTo(fromJson);
        assertThat(fromSsz.value()).as(where).isEqualTo(value);
        assertThat(fromSsz.format()).as(where).isSameAs(row.format());
        assertThat(fromSsz.typeName()).as(where).isEqualTo(row.typeName());
        assertThat(fromSsz.wireEncoding()).as(where).isEqualTo(row.sentAs());
        assertThat(fromSsz.toSsz()).as(where).hasValue(value.serialize());

        JsonNode json = JsonMapper.shared().readTree(fromSsz.toCharonJson());
        String signatureHex = json.get(row.signatureKey()).asString();
        assertThat("0x" + HexFormat.of().formatHex(fromSsz.signature())).as(where)
            .isEqualTo(signatureHex);

        EncodedPayload wire = codec.encode(row.duty(), fromSsz);
        assertThat(wire.encoding()).as(where).isEqualTo(row.sentAs());
        assertThat(wire.bytes()).as(where).isEqualTo(row.sentAs() == PayloadEncoding.SSZ
            ? value.serialize() : value.toJson().getBytes(StandardCharsets.UTF_8));
        DecodedPayload back = codec.decode(row.duty(), wire.bytes());
        assertThat(back.data()).as(where).isEqualTo(fromSsz);
      }
    }
  }

  @Test
  void constructorsRefuseOtherContainersAndNull() {
    SszContainer exit = Phase0.SIGNED_VOLUNTARY_EXIT.defaultValue();
    assertThatThrownBy(() -> new SignedRandao(exit)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SignedEpoch").hasMessageContaining("SignedVoluntaryExit");
    assertThatThrownBy(() -> new Attestation(exit)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedSyncMessage(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("value");
    assertThat(new SignedVoluntaryExit(exit).value()).isSameAs(exit);
  }

  @Test
  void aFormatNeedsItsSignatureField() {
    assertThatThrownBy(() -> new ContainerFormat<>("SignedRandao",
        CharonContainers.SIGNED_EPOCH, "selection_proof", PayloadEncoding.JSON,
        SignedRandao::new)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selection_proof");
  }
}
