package io.parsigex.eth2.charon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.PayloadTypeException;
import io.parsigex.eth2.ssz.SszException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The per-duty decode rules Go Charon follows ({@code charon:core/proto.go}, {@code charon:core/ssz.go}). */
class DutyCodecRulesTest {

  private static SignedDataCodec codec(DutyType duty) {
    return Eth2Codecs.forDuty(duty).orElseThrow();
  }

  private static SignedSyncMessage syncMessage(long slot) {
    return new SignedSyncMessage(Altair.SYNC_COMMITTEE_MESSAGE.builder().set("slot", slot)
        .set("beacon_block_root", Bytes.of(new byte[32])).set("validator_index", 9L)
        .set("signature", Bytes.of(filled(96, 0x11))).build());
  }

  private static byte[] filled(int n, int b) {
    byte[] a = new byte[n];
    Arrays.fill(a, (byte) b);
    return a;
  }

  @Test
  void oneBuiltInCodecPerCarriedDutyAtBuiltInPriority() {
    assertThat(Eth2Codecs.builtIns()).hasSize(11);
    for (DutyType d : DutyType.values()) {
      assertThat(Eth2Codecs.forDuty(d).isPresent()).as(d.charonName())
          .isEqualTo(d.isCarriedByParSigEx());
    }
    assertThat(Eth2Codecs.builtIns()).allSatisfy(c ->
        assertThat(c.priority()).isEqualTo(SignedDataCodec.BUILT_IN_PRIORITY));
  }

  @Test
  void syncMessageStartingWithBraceIsStillSsz() throws Exception {
    SignedSyncMessage m = syncMessage(123 + 256 * 7);
    byte[] wire = codec(DutyType.SYNC_MESSAGE).encode(DutyType.SYNC_MESSAGE, m).bytes();
    assertThat(wire[0]).isEqualTo((byte) '{');
    assertThat(wire).hasSize(144);
    DecodedPayload d = codec(DutyType.SYNC_MESSAGE).decode(DutyType.SYNC_MESSAGE, wire);
    assertThat(d.encoding()).isEqualTo(PayloadEncoding.SSZ);
    assertThat(d.data()).isEqualTo(m);
  }

  @Test
  void jsonIsTriedOnlyWhenTrimmedBytesStartWithBrace() throws Exception {
    SignedSyncMessage m = syncMessage(5);
    String json = m.toCharonJson();
    for (String prefix : new String[] {"", " \t\r\n"}) {
      DecodedPayload d = codec(DutyType.SYNC_MESSAGE).decode(DutyType.SYNC_MESSAGE,
          (prefix + json + "\n").getBytes(StandardCharsets.UTF_8));
      assertThat(d.encoding()).isEqualTo(PayloadEncoding.JSON);
      assertThat(d.data()).isEqualTo(m);
    }
    // Go's TrimSpace skips these, so JSON is tried (and, as in Go, the JSON parser refuses them)
    for (String prefix : new String[] {"\u000b\f", "\u00a0", "\u0085\u3000\u2028"}) {
      assertThatThrownBy(() -> codec(DutyType.SYNC_MESSAGE).decode(DutyType.SYNC_MESSAGE,
          (prefix + json).getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(JsonFormatException.class);
    }
    // not white space in Go's sense (U+200B), so the SSZ error stands
    assertThatThrownBy(() -> codec(DutyType.SYNC_MESSAGE).decode(DutyType.SYNC_MESSAGE,
        ("\u200b" + json).getBytes(StandardCharsets.UTF_8))).isInstanceOf(SszException.class)
        .hasMessageContaining("SyncCommitteeMessage");
    assertThatThrownBy(() -> codec(DutyType.SYNC_MESSAGE).decode(DutyType.SYNC_MESSAGE,
        ("[" + json + "]").getBytes(StandardCharsets.UTF_8))).isInstanceOf(SszException.class);
    // JSON that starts with a brace but is not valid: the JSON error is reported
    assertThatThrownBy(() -> codec(DutyType.SYNC_MESSAGE).decode(DutyType.SYNC_MESSAGE,
        "{\"slot\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("slot");
  }

  @Test
  void exitTravelsAsJsonButSszIsAccepted() throws Exception {
    SignedVoluntaryExit e = new SignedVoluntaryExit(Phase0.SIGNED_VOLUNTARY_EXIT.builder()
        .set("message", Phase0.VOLUNTARY_EXIT.builder().set("epoch", -1L)
            .set("validator_index", 3L).build())
        .set("signature", Bytes.of(filled(96, 0xab))).build());
    var enc = codec(DutyType.EXIT).encode(DutyType.EXIT, e);
    assertThat(enc.encoding()).isEqualTo(PayloadEncoding.JSON);
    assertThat(new String(enc.bytes(), StandardCharsets.UTF_8)).startsWith(
        "{\"message\":{\"epoch\":\"18446744073709551615\",\"validator_index\":\"3\"},");
    DecodedPayload ssz = codec(DutyType.EXIT).decode(DutyType.EXIT, e.toSsz().orElseThrow());
    assertThat(ssz.encoding()).isEqualTo(PayloadEncoding.SSZ);
    assertThat(ssz.data()).isEqualTo(e);
  }

  @Test
  void attestationHeadersFollowTheValidatorIndexAndDecodeBothWays() throws Exception {
    VersionedAttestation golden = (VersionedAttestation) codec(DutyType.ATTESTER).decode(
        DutyType.ATTESTER, Goldens.SIGNED.get(2).sszBytes()).data();
    VersionedAttestation noIndex = new VersionedAttestation(golden.version(),
        OptionalLong.empty(), golden.attestation());
    byte[] legacy = noIndex.toSsz().orElseThrow();
    assertThat(legacy.length).isEqualTo(Goldens.SIGNED.get(2).sszBytes().length - 8);
    assertThat(Arrays.copyOfRange(legacy, 8, 12)).containsExactly(12, 0, 0, 0);
    assertThat(codec(DutyType.ATTESTER).decode(DutyType.ATTESTER, legacy).data())
        .isEqualTo(noIndex);
    assertThat(noIndex.toCharonJson()).contains("\"validator_index\":null");
    assertThat(VersionedAttestation.fromJson(noIndex.toCharonJson())).isEqualTo(noIndex);
    assertThat(VersionedAttestation.fromJson(noIndex.toCharonJson()
        .replace("\"validator_index\":null,", ""))).isEqualTo(noIndex);
  }

  @Test
  void attestationWithAnotherOffsetFallsBackOnlyOnOffsetErrors() throws Exception {
    byte[] golden = Goldens.SIGNED.get(2).sszBytes();
    byte[] shortInput = Arrays.copyOf(golden, 19);
    assertThatThrownBy(() -> VersionedAttestation.fromSsz(shortInput))
        .isInstanceOf(SszException.class).hasMessageContaining("20-byte header");
    byte[] badVersion = golden.clone();
    badVersion[0] = 7;
    assertThatThrownBy(() -> VersionedAttestation.fromSsz(badVersion))
        .isInstanceOf(SszException.class).hasMessageContaining("unknown data version 7");
  }

  @Test
  void aggregatorTriesPlainThenVersioned() throws Exception {
    DecodedPayload plain = codec(DutyType.AGGREGATOR).decode(DutyType.AGGREGATOR,
        Goldens.plutoHex("signed_aggregate_and_proof.ssz.hex"));
    assertThat(plain.data()).isInstanceOf(SignedAggregateAndProof.class);
    DecodedPayload versioned = codec(DutyType.AGGREGATOR).decode(DutyType.AGGREGATOR,
        Goldens.SIGNED.get(3).sszBytes());
    assertThat(versioned.data()).isInstanceOf(VersionedSignedAggregateAndProof.class);
    // a broken versioned payload reports the versioned error, the plain one attached
    byte[] broken = Arrays.copyOf(Goldens.SIGNED.get(3).sszBytes(), 100);
    assertThatThrownBy(() -> codec(DutyType.AGGREGATOR).decode(DutyType.AGGREGATOR, broken))
        .isInstanceOf(SszException.class)
        .hasMessageContaining("VersionedSignedAggregateAndProof")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    // JSON: the plain shape and the versioned shape are told apart
    assertThat(codec(DutyType.AGGREGATOR).fromJson(DutyType.AGGREGATOR,
        plain.data().toCharonJson())).isEqualTo(plain.data());
    assertThat(codec(DutyType.AGGREGATOR).fromJson(DutyType.AGGREGATOR,
        versioned.data().toCharonJson())).isEqualTo(versioned.data());
  }

  @Test
  void proposalHeaderIsReadLikeGo() throws Exception {
    byte[] golden = Goldens.SIGNED.get(1).sszBytes();
    byte[] flagTwo = golden.clone();
    flagTwo[8] = 2;
    // deneb with blinded byte 2 is "not blinded": the blinded body no longer parses as contents
    assertThatThrownBy(() -> VersionedSignedProposal.fromSsz(flagTwo))
        .isInstanceOf(SszException.class).hasMessageContaining("VersionedSignedProposal.block");
    byte[] offsetPastEnd = golden.clone();
    offsetPastEnd[9] = (byte) 0xff;
    offsetPastEnd[10] = (byte) 0xff;
    assertThatThrownBy(() -> VersionedSignedProposal.fromSsz(offsetPastEnd))
        .isInstanceOf(SszException.class).hasMessageContaining("offset");
  }

  @Test
  void phase0BlindedFlagIsKeptThroughSszAndJson() throws Exception {
    byte[] pluto = Goldens.plutoHex("versioned_proposal_phase0.ssz.hex");
    pluto[8] = 1;
    VersionedSignedProposal p = VersionedSignedProposal.fromSsz(pluto);
    assertThat(p.blinded()).isTrue();
    assertThat(p.toSsz().orElseThrow()).isEqualTo(pluto);
    assertThat(VersionedSignedProposal.fromJson(p.toCharonJson())).isEqualTo(p);
  }

  @Test
  void charonJsonIsStrictWhereGoIsStrict() {
    String att = Goldens.SIGNED.get(2).jsonText();
    assertThatThrownBy(() -> VersionedAttestation.fromJson(att.replace("\"version\": 6",
        "\"version\": \"fulu\""))).isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> VersionedAttestation.fromJson(att.replace("\"version\": 6",
        "\"version\": 9"))).isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("unknown data version 9");
    assertThatThrownBy(() -> VersionedAttestation.fromJson(att.replace(
        "\"slot\": \"5480206018969903199\"", "\"slot\": 5480206018969903199")))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("VersionedAttestation.attestation.data.slot");
    assertThatThrownBy(() -> VersionedAttestation.fromJson("[]"))
        .isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> SignedRandao.FORMAT.fromJson(
        "{\"epoch\":\"1\",\"signature\":\"0x00\"}")).isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("96 bytes");
  }

  @Test
  void jsonDocumentsMustEndAfterTheValueAsInGo() throws Exception {
    String json = syncMessage(3).toCharonJson();
    assertThat(SignedSyncMessage.FORMAT.fromJson(json + " \n\t")).isEqualTo(syncMessage(3));
    assertThatThrownBy(() -> SignedSyncMessage.FORMAT.fromJson(json + " {}"))
        .isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> SignedSyncMessage.FORMAT.fromJson(json + "x"))
        .isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> VersionedAttestation.fromJson(
        Goldens.SIGNED.get(2).jsonText().replace("\"version\": 6", "\"version\": 6.0")))
        .isInstanceOf(JsonFormatException.class);
  }

  @Test
  void hexPrefixIsOptionalExceptForGoTypedSignatures() throws Exception {
    String sig = "ab".repeat(96);
    // go-eth2-client's container decoders use strings.TrimPrefix(s, "0x")
    SignedSyncMessage m = SignedSyncMessage.FORMAT.fromJson("{\"slot\":\"1\","
        + "\"beacon_block_root\":\"" + "00".repeat(32) + "\",\"validator_index\":\"2\","
        + "\"signature\":\"0x" + sig.toUpperCase() + "\"}");
    assertThat(m.signature()[0]).isEqualTo((byte) 0xab);
    // Charon's SignedEpoch holds a phase0.BLSSignature, whose decoder requires "0x"
    assertThat(SignedRandao.FORMAT.fromJson("{\"epoch\":\"1\",\"signature\":\"0x" + sig + "\"}")
        .signature()).hasSize(96);
    assertThatThrownBy(() -> SignedRandao.FORMAT.fromJson("{\"epoch\":\"1\",\"signature\":\"" + sig
        + "\"}")).isInstanceOf(JsonFormatException.class).hasMessageContaining("0x-prefixed");
    // keys match case-insensitively, as in Go's encoding/json
    assertThat(SignedRandao.FORMAT.fromJson("{\"Epoch\":\"1\",\"SIGNATURE\":\"0x" + sig + "\"}")
        .eth2Signing(32).orElseThrow().epoch()).isEqualTo(1);
  }

  @Test
  void wrongTypesAndDutiesAreTypedErrors() throws Exception {
    SignedSyncMessage m = syncMessage(1);
    assertThatThrownBy(() -> codec(DutyType.ATTESTER).encode(DutyType.ATTESTER, m))
        .isInstanceOf(PayloadTypeException.class).hasMessageContaining("attester");
    assertThatThrownBy(() -> codec(DutyType.ATTESTER).decode(DutyType.RANDAO, new byte[0]))
        .isInstanceOf(PayloadTypeException.class);
    assertThatThrownBy(() -> codec(DutyType.PROPOSER).decode(DutyType.PROPOSER, new byte[0]))
        .isInstanceOf(SszException.class);
    assertThatThrownBy(() -> new VersionedSignedProposal(Fork.DENEB, false,
        Phase0.SIGNED_BEACON_BLOCK.defaultValue())).isInstanceOf(IllegalArgumentException.class);
  }
}
