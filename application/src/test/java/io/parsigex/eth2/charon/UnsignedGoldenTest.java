package io.parsigex.eth2.charon;

import static io.parsigex.eth2.ssz.Ssz.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.spec.Deneb;
import io.parsigex.eth2.spec.Electra;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.spec.Preset;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.testsupport.SharedTestData;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Charon's active goldens of unsigned types (not carried by parsigex, but real consensus data for
 * the engine): decode, re-encode byte-identically, and equal their JSON twins.
 */
class UnsignedGoldenTest {
  /** go-eth2-client's {@code AttesterDuty}, part of Charon's {@code core.AttestationData}. */
  static final ContainerType ATTESTER_DUTY = container("AttesterDuty",
      field("pubkey", Phase0.BLS_PUBKEY), field("slot", UINT64), field("validator_index", UINT64),
      field("committee_index", UINT64), field("committee_length", UINT64),
      field("committees_at_slot", UINT64), field("validator_committee_index", UINT64));
  /** The beacon API's unsigned fulu {@code BlockContents}. */
  static final ContainerType FULU_BLOCK_CONTENTS = container("BlockContents",
      field("block", Electra.BEACON_BLOCK),
      field("kzg_proofs", list(Deneb.KZG_PROOF, Preset.MAX_CELL_PROOFS_PER_BLOCK)),
      field("blobs", list(Deneb.BLOB, Preset.MAX_BLOB_COMMITMENTS_PER_BLOCK)));

  private static byte[] ssz(String type) {
    return SharedTestData.read("charon/TestSSZSerialisation_" + type + ".ssz.golden");
  }

  private static JsonNode json(String type) {
    return JsonMapper.shared().readTree(new String(SharedTestData.read(
        "charon/TestJSONSerialisation_" + type + ".json.golden"), StandardCharsets.UTF_8));
  }

  private static JsonNode tree(String json) {
    return JsonMapper.shared().readTree(json);
  }

  @Test
  void syncContributionAndContributionAndProof() throws Exception {
    for (var c : new Object[][] {{"SyncContribution", Altair.SYNC_COMMITTEE_CONTRIBUTION},
        {"SyncContributionAndProof", Altair.CONTRIBUTION_AND_PROOF}}) {
      ContainerType t = (ContainerType) c[1];
      SszContainer v = t.deserialize(ssz((String) c[0]));
      assertThat(v.serialize()).isEqualTo(ssz((String) c[0]));
      assertThat(t.readJson(json((String) c[0]))).isEqualTo(v);
      assertThat(tree(v.toJson())).isEqualTo(json((String) c[0]));
    }
  }

  @Test
  void charonAttestationDataUsesTwoOffsets() throws Exception {
    byte[] b = ssz("AttestationData");
    // Charon's own layout: offsets 8 and 136, then AttestationData (128) and AttesterDuty (96)
    assertThat(Arrays.copyOfRange(b, 0, 8)).containsExactly(8, 0, 0, 0, 0x88, 0, 0, 0);
    SszContainer data = Phase0.ATTESTATION_DATA.decode(b, 8, 136);
    SszContainer duty = ATTESTER_DUTY.decode(b, 136, b.length);
    assertThat(Phase0.ATTESTATION_DATA.readJson(json("AttestationData").get("attestation_data")))
        .isEqualTo(data);
    assertThat(ATTESTER_DUTY.readJson(json("AttestationData").get("attestation_duty")))
        .isEqualTo(duty);
    byte[] again = new byte[b.length];
    System.arraycopy(b, 0, again, 0, 8);
    System.arraycopy(data.serialize(), 0, again, 8, 128);
    System.arraycopy(duty.serialize(), 0, again, 136, 96);
    assertThat(again).isEqualTo(b);
  }

  @Test
  void versionedAggregatedAttestationHasTheLegacyHeader() throws Exception {
    VersionedAttestation v = VersionedAttestation.fromSsz(ssz("VersionedAggregatedAttestation"));
    assertThat(v.validatorIndex()).isEmpty();
    assertThat(v.toSsz().orElseThrow()).isEqualTo(ssz("VersionedAggregatedAttestation"));
    assertThat(tree(v.toCharonJson())).isEqualTo(json("VersionedAggregatedAttestation"));
  }

  @Test
  void versionedProposalCarriesFuluBlockContents() throws Exception {
    byte[] b = ssz("VersionedProposal");
    assertThat(b[0]).isEqualTo((byte) 6);
    assertThat(b[8]).isEqualTo((byte) 0);
    SszContainer contents = FULU_BLOCK_CONTENTS.decode(b, 13, b.length);
    byte[] again = Arrays.copyOf(b, b.length);
    System.arraycopy(contents.serialize(), 0, again, 13, b.length - 13);
    assertThat(again).isEqualTo(b);
    JsonNode j = json("VersionedProposal");
    assertThat(j.get("version").asInt()).isEqualTo(6);
    assertThat(FULU_BLOCK_CONTENTS.readJson(j.get("block"))).isEqualTo(contents);
    assertThat(tree(contents.toJson())).isEqualTo(j.get("block"));
  }
}
