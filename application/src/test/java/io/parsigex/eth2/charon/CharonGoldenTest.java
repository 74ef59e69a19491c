package io.parsigex.eth2.charon;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.charon.Goldens.Golden;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.testsupport.SharedTestData;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Charon's goldens through the built-in codecs ({@code charon:core/serialise_test.go} and {@code charon:core/ssz_test.go} write them). */
class CharonGoldenTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long MAINNET_SLOTS_PER_EPOCH = 32;

  static Stream<Golden> signed() {
    return Goldens.SIGNED.stream();
  }

  static Stream<Golden> jsonOnly() {
    return Goldens.JSON_ONLY.stream();
  }

  private static SignedDataCodec codec(DutyType duty) {
    return Eth2Codecs.forDuty(duty).orElseThrow();
  }

  private static void assertSameJson(String actual, String expected) {
    assertThat(JsonMapper.shared().readTree(actual)).isEqualTo(JsonMapper.shared()
        .readTree(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signed")
  void sszGoldenDecodesReencodesIdenticallyAndEqualsItsJsonTwin(Golden g) throws Exception {
    byte[] ssz = g.sszBytes();
    DecodedPayload d = codec(g.duty()).decode(g.duty(), ssz);
    assertThat(d.encoding()).isEqualTo(PayloadEncoding.SSZ);
    CharonSignedData v = (CharonSignedData) d.data();
    assertThat(v.typeName()).isEqualTo(g.type());
    assertThat(v.toSsz()).hasValueSatisfying(b -> assertThat(b).isEqualTo(ssz));

    SignedData fromJson = codec(g.duty()).fromJson(g.duty(), g.jsonText());
    assertThat(fromJson).isEqualTo(v);
    assertSameJson(v.toCharonJson(), g.jsonText());

    EncodedPayload wire = codec(g.duty()).encode(g.duty(), v);
    assertThat(wire.encoding()).isEqualTo(v.wireEncoding());
    // Go sends json.Marshal's compact form: same bytes as the compacted golden
    assertThat(new String(v.toCharonJson().getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8)).isEqualTo(JsonMapper.shared().writeValueAsString(
            JsonMapper.shared().readTree(g.jsonText())));
    DecodedPayload back = codec(g.duty()).decode(g.duty(), wire.bytes());
    assertThat(back.data()).isEqualTo(v);
    assertThat(back.encoding()).isEqualTo(wire.encoding());
    assertThat(v.signature()).hasSize(96);
    assertThat(v.eth2Signing(MAINNET_SLOTS_PER_EPOCH)).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonOnly")
  void jsonGoldenDecodesFromWireBytesAndRoundTrips(Golden g) throws Exception {
    byte[] wire = g.jsonText().getBytes(StandardCharsets.UTF_8);
    DecodedPayload d = codec(g.duty()).decode(g.duty(), wire);
    assertThat(d.encoding()).isEqualTo(PayloadEncoding.JSON);
    assertThat(d.data().typeName()).isEqualTo(g.type());
    assertSameJson(d.data().toCharonJson(), g.jsonText());
    EncodedPayload enc = codec(g.duty()).encode(g.duty(), d.data());
    assertThat(enc.encoding()).isEqualTo(PayloadEncoding.JSON);
    assertThat(new String(enc.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(JsonMapper.shared().writeValueAsString(JsonMapper.shared()
            .readTree(g.jsonText())));
  }

  @Test
  void messageRootsMatchTheIndependentlyComputedOnes() throws Exception {
    SignedData att = codec(DutyType.ATTESTER).decode(DutyType.ATTESTER,
        Goldens.SIGNED.get(2).sszBytes()).data();
    assertThat(HEX.formatHex(att.eth2Signing(32).orElseThrow().messageRoot()))
        .isEqualTo("a36b13159845b8afc947ea7f9ffd74ceb1178e9882533ee767b6a6578501771c");
    assertThat(att.eth2Signing(32).orElseThrow().epoch())
        .isEqualTo(Long.parseUnsignedLong("9599321949314998812"));
    assertThat(((VersionedAttestation) att).validatorIndex()).hasValue(15);

    SignedData sel = codec(DutyType.PREPARE_SYNC_CONTRIBUTION).fromJson(
        DutyType.PREPARE_SYNC_CONTRIBUTION, Goldens.JSON_ONLY.get(2).jsonText());
    assertThat(HEX.formatHex(sel.eth2Signing(32).orElseThrow().messageRoot()))
        .isEqualTo("af587f1aea1ba20c11450b28da5905c861bdce697ea67d3ba23f62f8ffcffd25");
    assertThat(sel.eth2Signing(32).orElseThrow().domain())
        .isEqualTo(SigningDomain.SYNC_COMMITTEE_SELECTION_PROOF);

    VersionedSignedProposal p = (VersionedSignedProposal) codec(DutyType.PROPOSER)
        .decode(DutyType.PROPOSER, Goldens.SIGNED.get(0).sszBytes()).data();
    assertThat(p.version()).isEqualTo(Fork.FULU);
    assertThat(p.blinded()).isFalse();
    assertThat(HEX.formatHex(p.eth2Signing(32).orElseThrow().messageRoot()))
        .isEqualTo("cd3d0d0abc5d9ba7a85b8c3388a6d4ebe2ee6367e20bf3c77a8d4977c657c0e1");
    assertThat(p.eth2Signing(32).orElseThrow().epoch())
        .isEqualTo(Long.divideUnsigned(Long.parseUnsignedLong("8074401586156473090"), 32));
  }

  @Test
  void everyTypeSignsUnderItsDomainAndEpoch() throws Exception {
    java.util.Map<String, SigningDomain> domains = java.util.Map.ofEntries(
        java.util.Map.entry(VersionedSignedProposal.TYPE, SigningDomain.BEACON_PROPOSER),
        java.util.Map.entry(VersionedAttestation.TYPE, SigningDomain.BEACON_ATTESTER),
        java.util.Map.entry(VersionedSignedAggregateAndProof.TYPE,
            SigningDomain.AGGREGATE_AND_PROOF),
        java.util.Map.entry(SignedSyncMessage.TYPE, SigningDomain.SYNC_COMMITTEE),
        java.util.Map.entry(SignedSyncContributionAndProof.TYPE,
            SigningDomain.CONTRIBUTION_AND_PROOF),
        java.util.Map.entry(SignedVoluntaryExit.TYPE, SigningDomain.VOLUNTARY_EXIT),
        java.util.Map.entry(SignedRandao.TYPE, SigningDomain.RANDAO),
        java.util.Map.entry(BeaconCommitteeSelection.TYPE, SigningDomain.SELECTION_PROOF),
        java.util.Map.entry(SyncCommitteeSelection.TYPE,
            SigningDomain.SYNC_COMMITTEE_SELECTION_PROOF));
    java.util.List<Golden> all = new java.util.ArrayList<>(Goldens.SIGNED);
    all.addAll(Goldens.JSON_ONLY.subList(0, 3));
    for (Golden g : all) {
      SignedData d = codec(g.duty()).fromJson(g.duty(), g.jsonText());
      var json = JsonMapper.shared().readTree(g.jsonText());
      var s = d.eth2Signing(MAINNET_SLOTS_PER_EPOCH).orElseThrow();
      assertThat(s.domain()).as(g.toString()).isEqualTo(domains.get(g.type()));
      String slot = switch (g.type()) {
        case "VersionedSignedProposal" -> json.at("/block/signed_block/message/slot").isMissingNode()
            ? json.at("/block/message/slot").asString()
            : json.at("/block/signed_block/message/slot").asString();
        case "VersionedSignedAggregateAndProof" ->
            json.at("/aggregate_and_proof/message/aggregate/data/slot").asString();
        case "SignedSyncContributionAndProof" -> json.at("/message/contribution/slot").asString();
        case "SignedSyncMessage", "BeaconCommitteeSelection", "SyncCommitteeSelection" ->
            json.at("/slot").asString();
        default -> null;
      };
      String epoch = switch (g.type()) {
        case "VersionedAttestation" -> json.at("/attestation/data/target/epoch").asString();
        case "SignedVoluntaryExit" -> json.at("/message/epoch").asString();
        case "SignedRandao" -> json.at("/epoch").asString();
        default -> null;
      };
      long expected = slot != null
          ? Long.divideUnsigned(Long.parseUnsignedLong(slot), MAINNET_SLOTS_PER_EPOCH)
          : Long.parseUnsignedLong(epoch);
      assertThat(s.epoch()).as(g + " epoch").isEqualTo(expected);
    }
  }

  @Test
  void blindedDenebGoldenKeepsItsFlag() throws Exception {
    VersionedSignedProposal p = (VersionedSignedProposal) codec(DutyType.PROPOSER)
        .decode(DutyType.PROPOSER, Goldens.SIGNED.get(1).sszBytes()).data();
    assertThat(p.version()).isEqualTo(Fork.DENEB);
    assertThat(p.blinded()).isTrue();
    assertThat(p.toCharonJson()).endsWith(",\"blinded\":true}");
  }

  @Test
  void dkgSignatureGoldenHoldsEightBytesAndHasNoEth2Signing() throws Exception {
    SignedData s = codec(DutyType.SIGNATURE).decode(DutyType.SIGNATURE,
        Goldens.JSON_ONLY.get(3).jsonText().getBytes(StandardCharsets.UTF_8)).data();
    assertThat(s.signature()).hasSize(8);
    assertThat(s.eth2Signing(32)).isEmpty();
    assertThat(s.toCharonJson()).isEqualTo("\"dgxYSF/jNSs=\"");
  }

  @Test
  void plutoVectorsDecodeThroughTheDutyCodecs() throws Exception {
    DecodedPayload plain = codec(DutyType.ATTESTER).decode(DutyType.ATTESTER,
        Goldens.plutoHex("attestation_phase0.ssz.hex"));
    assertThat(plain.data()).isInstanceOf(Attestation.class);
    VersionedAttestation v12 = (VersionedAttestation) codec(DutyType.ATTESTER).decode(
        DutyType.ATTESTER, Goldens.plutoHex("versioned_attestation_phase0.ssz.hex")).data();
    assertThat(v12.validatorIndex()).isEmpty();
    assertThat(v12.version()).isEqualTo(Fork.PHASE0);
    VersionedAttestation v20 = (VersionedAttestation) codec(DutyType.ATTESTER).decode(
        DutyType.ATTESTER,
        Goldens.plutoHex("versioned_attestation_phase0_with_validator_index.ssz.hex")).data();
    assertThat(v20.validatorIndex()).hasValue(0x7b);
    assertThat(v20.attestation()).isEqualTo(v12.attestation());
    assertThat(v12.toSsz().orElseThrow())
        .isEqualTo(Goldens.plutoHex("versioned_attestation_phase0.ssz.hex"));
    assertThat(v20.toSsz().orElseThrow())
        .isEqualTo(Goldens.plutoHex("versioned_attestation_phase0_with_validator_index.ssz.hex"));

    assertThat(codec(DutyType.AGGREGATOR).decode(DutyType.AGGREGATOR,
        Goldens.plutoHex("signed_aggregate_and_proof.ssz.hex")).data())
        .isInstanceOf(SignedAggregateAndProof.class);
    assertThat(codec(DutyType.AGGREGATOR).decode(DutyType.AGGREGATOR,
        Goldens.plutoHex("versioned_agg_proof_phase0.ssz.hex")).data())
        .isInstanceOf(VersionedSignedAggregateAndProof.class);
    VersionedSignedProposal p = (VersionedSignedProposal) codec(DutyType.PROPOSER).decode(
        DutyType.PROPOSER, Goldens.plutoHex("versioned_proposal_phase0.ssz.hex")).data();
    assertThat(p.version()).isEqualTo(Fork.PHASE0);
    assertThat(p.toSsz().orElseThrow())
        .isEqualTo(Goldens.plutoHex("versioned_proposal_phase0.ssz.hex"));
  }

  @Test
  void plutoRegistrationDecodesAsJsonWithItsRoot() throws Exception {
    String json = new String(SharedTestData.read(
        "pluto/VersionedSignedValidatorRegistration.v1.json"), StandardCharsets.UTF_8);
    DecodedPayload d = codec(DutyType.BUILDER_REGISTRATION).decode(
        DutyType.BUILDER_REGISTRATION, json.getBytes(StandardCharsets.UTF_8));
    assertThat(d.encoding()).isEqualTo(PayloadEncoding.JSON);
    var signing = d.data().eth2Signing(32).orElseThrow();
    assertThat(signing.domain()).isEqualTo(SigningDomain.APPLICATION_BUILDER);
    assertThat(HEX.formatHex(signing.messageRoot())).startsWith("e342f29f");
    assertSameJson(d.data().toCharonJson(), json);
  }
}
