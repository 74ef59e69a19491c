package io.parsigex.eth2.charon;

import io.parsigex.api.DutyType;
import io.parsigex.testsupport.SharedTestData;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** The active Charon goldens of signed types carried by parsigex, with their duty. */
final class Goldens {
  private Goldens() {}

  /** One golden pair: SSZ file (or null when the type has none), JSON file, duty, type. */
  record Golden(String ssz, String json, DutyType duty, String type) {
    byte[] sszBytes() {
      return SharedTestData.read("charon/" + ssz);
    }

    String jsonText() {
      return new String(SharedTestData.read("charon/" + json), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return type + (ssz != null && ssz.contains("#01") ? "#01" : "");
    }
  }

  static final List<Golden> SIGNED = List.of(
      new Golden("TestSSZSerialisation_VersionedSignedProposal.ssz.golden",
          "TestJSONSerialisation_VersionedSignedProposal.json.golden", DutyType.PROPOSER,
          VersionedSignedProposal.TYPE),
      new Golden("TestSSZSerialisation_VersionedSignedProposal.ssz#01.golden",
          "TestJSONSerialisation_VersionedSignedProposal.json#01.golden", DutyType.PROPOSER,
          VersionedSignedProposal.TYPE),
      new Golden("TestSSZSerialisation_VersionedAttestation.ssz.golden",
          "TestJSONSerialisation_VersionedAttestation.json.golden", DutyType.ATTESTER,
          VersionedAttestation.TYPE),
      new Golden("TestSSZSerialisation_VersionedSignedAggregateAndProof.ssz.golden",
          "TestJSONSerialisation_VersionedSignedAggregateAndProof.json.golden",
          DutyType.AGGREGATOR, VersionedSignedAggregateAndProof.TYPE),
      new Golden("TestSSZSerialisation_SignedSyncMessage.ssz.golden",
          "TestJSONSerialisation_SignedSyncMessage.json.golden", DutyType.SYNC_MESSAGE,
          SignedSyncMessage.TYPE),
      new Golden("TestSSZSerialisation_SignedSyncContributionAndProof.ssz.golden",
          "TestJSONSerialisation_SignedSyncContributionAndProof.json.golden",
          DutyType.SYNC_CONTRIBUTION, SignedSyncContributionAndProof.TYPE),
      new Golden("TestSSZSerialisation_SignedVoluntaryExit.ssz.golden",
          "TestJSONSerialisation_SignedVoluntaryExit.json.golden", DutyType.EXIT,
          SignedVoluntaryExit.TYPE));

  static final List<Golden> JSON_ONLY = List.of(
      new Golden(null, "TestJSONSerialisation_SignedRandao.json.golden", DutyType.RANDAO,
          SignedRandao.TYPE),
      new Golden(null, "TestJSONSerialisation_BeaconCommitteeSelection.json.golden",
          DutyType.PREPARE_AGGREGATOR, BeaconCommitteeSelection.TYPE),
      new Golden(null, "TestJSONSerialisation_SyncCommitteeSelection.json.golden",
          DutyType.PREPARE_SYNC_CONTRIBUTION, SyncCommitteeSelection.TYPE),
      new Golden(null, "TestJSONSerialisation_Signature.json.golden", DutyType.SIGNATURE,
          Signature.TYPE));

  static byte[] plutoHex(String name) {
    String text = new String(SharedTestData.read("pluto/" + name), StandardCharsets.US_ASCII);
    return HexFormat.of().parseHex(text.strip());
  }
}
