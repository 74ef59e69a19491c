package io.parsigex.eth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.charon.BeaconCommitteeSelection;
import io.parsigex.eth2.charon.CharonContainers;
import io.parsigex.eth2.charon.SignedRandao;
import io.parsigex.eth2.charon.SyncCommitteeSelection;
import io.parsigex.eth2.charon.VersionedAttestation;
import io.parsigex.eth2.charon.VersionedSignedAggregateAndProof;
import io.parsigex.eth2.charon.VersionedSignedProposal;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.ForkTypes;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.spec.Bellatrix;
import io.parsigex.eth2.spec.Capella;
import io.parsigex.eth2.spec.Deneb;
import io.parsigex.eth2.spec.Electra;
import io.parsigex.eth2.spec.Fulu;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.RandomSsz;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.testsupport.TestSeed;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Seeded random values of every container Charon's payloads use, in every fork, against lodestar:
 * same SSZ bytes, same hash_tree_root, same JSON (hex compared ignoring case: go-eth2-client
 * prints execution addresses with the EIP-55 checksum, lodestar in lowercase), and lodestar's
 * parse of our JSON gives our SSZ.
 */
@ExtendWith(TestSeed.class)
class LodestarDifferentialTest {
  private static final long SEED = TestSeed.seed("LodestarDifferentialTest");
  /** lodestar keeps most uint64 fields as JS numbers: exact below 2^53 only. */
  private static final long JS_SAFE = 1L << 53;
  private static final int SMALL_CASES = 12;
  private static final int BLOCK_CASES = 4;
  private static final JsonMapper JSON = JsonMapper.shared();

  private static LodestarSsz lodestar;

  /** A container and its lodestar name. */
  record Case(String fork, String lodestarType, ContainerType type, int count) {}

  static final List<Case> CASES = List.of(
      new Case("phase0", "AttestationData", Phase0.ATTESTATION_DATA, SMALL_CASES),
      new Case("phase0", "Attestation", Phase0.ATTESTATION, SMALL_CASES),
      new Case("phase0", "AggregateAndProof", Phase0.AGGREGATE_AND_PROOF, SMALL_CASES),
      new Case("phase0", "SignedAggregateAndProof", Phase0.SIGNED_AGGREGATE_AND_PROOF,
          SMALL_CASES),
      new Case("phase0", "SignedVoluntaryExit", Phase0.SIGNED_VOLUNTARY_EXIT, SMALL_CASES),
      new Case("phase0", "AttesterSlashing", Phase0.ATTESTER_SLASHING, SMALL_CASES),
      new Case("phase0", "Deposit", Phase0.DEPOSIT, SMALL_CASES),
      new Case("phase0", "SignedBeaconBlock", Phase0.SIGNED_BEACON_BLOCK, BLOCK_CASES),
      new Case("altair", "SyncCommitteeMessage", Altair.SYNC_COMMITTEE_MESSAGE, SMALL_CASES),
      new Case("altair", "SignedContributionAndProof", Altair.SIGNED_CONTRIBUTION_AND_PROOF,
          SMALL_CASES),
      new Case("altair", "SyncAggregatorSelectionData", Altair.SYNC_AGGREGATOR_SELECTION_DATA,
          SMALL_CASES),
      new Case("altair", "SignedBeaconBlock", Altair.SIGNED_BEACON_BLOCK, BLOCK_CASES),
      new Case("bellatrix", "SignedBeaconBlock", Bellatrix.SIGNED_BEACON_BLOCK, BLOCK_CASES),
      new Case("bellatrix", "SignedBlindedBeaconBlock", Bellatrix.SIGNED_BLINDED_BEACON_BLOCK,
          BLOCK_CASES),
      new Case("bellatrix", "SignedValidatorRegistrationV1",
          CharonContainers.SIGNED_VALIDATOR_REGISTRATION_V1, SMALL_CASES),
      new Case("capella", "SignedBLSToExecutionChange", Capella.SIGNED_BLS_TO_EXECUTION_CHANGE,
          SMALL_CASES),
      new Case("capella", "SignedBeaconBlock", Capella.SIGNED_BEACON_BLOCK, BLOCK_CASES),
      new Case("capella", "SignedBlindedBeaconBlock", Capella.SIGNED_BLINDED_BEACON_BLOCK,
          BLOCK_CASES),
      new Case("deneb", "SignedBeaconBlock", Deneb.SIGNED_BEACON_BLOCK, BLOCK_CASES),
      new Case("deneb", "SignedBlindedBeaconBlock", Deneb.SIGNED_BLINDED_BEACON_BLOCK,
          BLOCK_CASES),
      new Case("deneb", "SignedBlockContents", Deneb.SIGNED_BLOCK_CONTENTS, BLOCK_CASES),
      new Case("electra", "Attestation", Electra.ATTESTATION, SMALL_CASES),
      new Case("electra", "SignedAggregateAndProof", Electra.SIGNED_AGGREGATE_AND_PROOF,
          SMALL_CASES),
      new Case("electra", "ExecutionRequests", Electra.EXECUTION_REQUESTS, SMALL_CASES),
      new Case("electra", "SignedBeaconBlock", Electra.SIGNED_BEACON_BLOCK, BLOCK_CASES),
      new Case("electra", "SignedBlindedBeaconBlock", Electra.SIGNED_BLINDED_BEACON_BLOCK,
          BLOCK_CASES),
      new Case("electra", "SignedBlockContents", Electra.SIGNED_BLOCK_CONTENTS, BLOCK_CASES),
      new Case("fulu", "SignedBeaconBlock", Electra.SIGNED_BEACON_BLOCK, BLOCK_CASES),
      new Case("fulu", "SignedBlindedBeaconBlock", Electra.SIGNED_BLINDED_BEACON_BLOCK,
          BLOCK_CASES),
      new Case("fulu", "SignedBlockContents", Fulu.SIGNED_BLOCK_CONTENTS, BLOCK_CASES));

  @BeforeAll
  static void startLodestar() {
    lodestar = LodestarSsz.start();
  }

  @AfterAll
  static void stopLodestar() {
    if (lodestar != null) {
      lodestar.close();
    }
  }

  @Test
  void everyContainerInEveryForkMatchesLodestar() {
    Random random = new Random(SEED);
    RandomSsz gen = new RandomSsz(random, JS_SAFE, 1);
    int checked = 0;
    for (Case c : CASES) {
      for (int i = 0; i < c.count(); i++) {
        SszContainer v = (SszContainer) gen.next(c.type());
        String where = "seed " + SEED + ", " + c.fork() + "." + c.lodestarType() + " #" + i;
        byte[] ours = v.serialize();
        JsonNode answer = lodestar.accept(c.fork(), c.lodestarType(), ours);
        assertThat(answer.get("ok").asBoolean()).as(where + ": " + answer.get("error")).isTrue();
        assertThat(answer.get("ssz").asString()).as(where + " SSZ")
            .isEqualTo(HexFormat.of().formatHex(ours));
        assertThat(answer.get("root").asString()).as(where + " hash_tree_root")
            .isEqualTo(HexFormat.of().formatHex(v.hashTreeRoot()));
        assertThat(normalise(answer.get("json"))).as(where + " JSON")
            .isEqualTo(normalise(JSON.readTree(v.toJson())));

        JsonNode fromOurJson = lodestar.ask(c.fork(), c.lodestarType(), null, v.toJson(), 0);
        assertThat(fromOurJson.get("ssz").asString()).as(where + " lodestar parse of our JSON")
            .isEqualTo(HexFormat.of().formatHex(ours));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(CASES.size());
  }

  @Test
  void charonWrappersRoundTripInEveryForkAndSignLodestarsRoots() throws Exception {
    Random random = new Random(SEED + 2);
    RandomSsz gen = new RandomSsz(random, JS_SAFE, 1);
    for (Fork fork : ForkTypes.supportedForks()) {
      ForkTypes t = ForkTypes.of(fork);
      for (boolean blinded : new boolean[] {false, true}) {
        if (blinded && !t.hasBlinded()) {
          continue;
        }
        String where = "seed " + SEED + ", " + fork.label() + (blinded ? " blinded" : "");
        SszContainer inner = (SszContainer) gen.next(
            VersionedSignedProposal.innerType(fork, blinded));
        VersionedSignedProposal p = new VersionedSignedProposal(fork, blinded, inner);
        assertThat(VersionedSignedProposal.fromSsz(p.toSsz().orElseThrow())).as(where)
            .isEqualTo(p);
        assertThat(VersionedSignedProposal.fromJson(p.toCharonJson())).as(where).isEqualTo(p);
        SszContainer message = p.signedBlock().container("message");
        JsonNode answer = lodestar.accept(fork.label(),
            blinded ? "BlindedBeaconBlock" : "BeaconBlock", message.serialize());
        assertThat(answer.get("root").asString()).as(where + " proposal message root")
            .isEqualTo(HexFormat.of().formatHex(p.eth2Signing(32).orElseThrow().messageRoot()));
      }
      SszContainer att = (SszContainer) gen.next(t.attestation());
      for (OptionalLong index : List.of(OptionalLong.empty(), OptionalLong.of(random.nextLong()))) {
        VersionedAttestation a = new VersionedAttestation(fork, index, att);
        assertThat(VersionedAttestation.fromSsz(a.toSsz().orElseThrow())).isEqualTo(a);
        assertThat(VersionedAttestation.fromJson(a.toCharonJson())).isEqualTo(a);
      }
      JsonNode dataRoot = lodestar.accept("phase0", "AttestationData",
          att.container("data").serialize());
      assertThat(dataRoot.get("root").asString()).isEqualTo(HexFormat.of().formatHex(
          new VersionedAttestation(fork, OptionalLong.empty(), att).eth2Signing(32).orElseThrow()
              .messageRoot()));
      VersionedSignedAggregateAndProof ap = new VersionedSignedAggregateAndProof(fork,
          (SszContainer) gen.next(t.signedAggregateAndProof()));
      assertThat(VersionedSignedAggregateAndProof.fromSsz(ap.toSsz().orElseThrow()))
          .isEqualTo(ap);
      assertThat(VersionedSignedAggregateAndProof.fromJson(ap.toCharonJson())).isEqualTo(ap);
      JsonNode apRoot = lodestar.accept(fork.isAtLeast(Fork.ELECTRA) ? "electra" : "phase0",
          "AggregateAndProof", ap.aggregateAndProof().container("message").serialize());
      assertThat(apRoot.get("root").asString()).isEqualTo(HexFormat.of().formatHex(
          ap.eth2Signing(32).orElseThrow().messageRoot()));
    }
  }

  @Test
  void randaoAndSelectionRootsAreLodestarsUint64AndSelectionDataRoots() throws Exception {
    Random random = new Random(SEED + 3);
    for (int i = 0; i < SMALL_CASES; i++) {
      long epoch = Long.remainderUnsigned(random.nextLong(), JS_SAFE);
      byte[] sig = new byte[96];
      random.nextBytes(sig);
      SignedRandao randao = new SignedRandao(CharonContainers.SIGNED_EPOCH.builder()
          .set("epoch", epoch).set("signature", sig).build());
      byte[] le = io.parsigex.eth2.ssz.Ssz.UINT64.serialize(epoch);
      assertThat(lodestar.accept("primitive", "Epoch", le).get("root").asString())
          .as("seed " + SEED).isEqualTo(HexFormat.of().formatHex(
              randao.eth2Signing(32).orElseThrow().messageRoot()));
      BeaconCommitteeSelection sel = new BeaconCommitteeSelection(
          CharonContainers.BEACON_COMMITTEE_SELECTION.builder().set("validator_index", 3)
              .set("slot", epoch).set("selection_proof", sig).build());
      assertThat(lodestar.accept("primitive", "Slot", le).get("root").asString())
          .as("seed " + SEED).isEqualTo(HexFormat.of().formatHex(
              sel.eth2Signing(32).orElseThrow().messageRoot()));
      SyncCommitteeSelection sync = new SyncCommitteeSelection(
          CharonContainers.SYNC_COMMITTEE_SELECTION.builder().set("validator_index", 3)
              .set("slot", epoch).set("subcommittee_index", i).set("selection_proof", sig)
              .build());
      JsonNode data = lodestar.ask("altair", "SyncAggregatorSelectionData", null,
          "{\"slot\":\"" + epoch + "\",\"subcommittee_index\":\"" + i + "\"}", 0);
      assertThat(data.get("root").asString()).as("seed " + SEED).isEqualTo(
          HexFormat.of().formatHex(sync.eth2Signing(32).orElseThrow().messageRoot()));
    }
  }

  @Test
  void lodestarRejectsWhatWeReject() throws Exception {
    Random random = new Random(SEED + 1);
    RandomSsz gen = new RandomSsz(random, JS_SAFE, 1);
    SszContainer v = (SszContainer) gen.next(Phase0.ATTESTATION);
    byte[] ssz = v.serialize();
    byte[] badOffset = ssz.clone();
    badOffset[0] = (byte) 0xe5;
    assertThat(lodestar.ask("phase0", "Attestation", badOffset, null, 0).get("ok").asBoolean())
        .isFalse();
    byte[] noDelimiter = ssz.clone();
    noDelimiter[ssz.length - 1] = 0;
    assertThat(lodestar.ask("phase0", "Attestation", noDelimiter, null, 0).get("ok")
        .asBoolean()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Phase0.ATTESTATION.deserialize(badOffset))
        .isInstanceOf(io.parsigex.eth2.ssz.SszException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Phase0.ATTESTATION.deserialize(noDelimiter))
        .isInstanceOf(io.parsigex.eth2.ssz.SszException.class);
  }

  /** Hex strings in lowercase, so EIP-55 addresses compare equal to lowercase ones. */
  private static JsonNode normalise(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        o.set(e.getKey(), normalise(e.getValue()));
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      for (JsonNode e : n) {
        a.add(normalise(e));
      }
      return a;
    }
    if (n.isString() && n.stringValue().startsWith("0x")) {
      return StringNode.valueOf(n.stringValue().toLowerCase(Locale.ROOT));
    }
    return n;
  }
}
