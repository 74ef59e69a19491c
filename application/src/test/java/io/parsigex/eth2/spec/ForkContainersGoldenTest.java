package io.parsigex.eth2.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.testsupport.SharedTestData;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The inner consensus containers of Charon's proposal goldens, without Charon's wrapper. */
class ForkContainersGoldenTest {
  private static final int PROPOSAL_HEADER = 13;

  private static SszContainer roundTrip(ContainerType type, String golden) throws Exception {
    byte[] all = SharedTestData.read("charon/" + golden);
    byte[] inner = Arrays.copyOfRange(all, PROPOSAL_HEADER, all.length);
    SszContainer v = type.deserialize(inner);
    assertThat(v.serialize()).isEqualTo(inner);
    return v;
  }

  private static JsonNode goldenJson(String golden) throws Exception {
    String text = new String(SharedTestData.read("charon/" + golden), StandardCharsets.UTF_8);
    return JsonMapper.shared().readTree(text);
  }

  @Test
  void fuluBlockContentsDecodeReencodeAndMatchJsonAndRoot() throws Exception {
    SszContainer v = roundTrip(Fulu.SIGNED_BLOCK_CONTENTS,
        "TestSSZSerialisation_VersionedSignedProposal.ssz.golden");
    SszContainer block = v.container("signed_block").container("message");
    assertThat(HexFormat.of().formatHex(block.hashTreeRoot()))
        .isEqualTo("cd3d0d0abc5d9ba7a85b8c3388a6d4ebe2ee6367e20bf3c77a8d4977c657c0e1");
    JsonNode json = goldenJson("TestJSONSerialisation_VersionedSignedProposal.json.golden");
    assertThat(Fulu.SIGNED_BLOCK_CONTENTS.readJson(json.get("block"))).isEqualTo(v);
    assertThat(JsonMapper.shared().readTree(v.toJson())).isEqualTo(json.get("block"));
  }

  @Test
  void denebBlindedBlockDecodesReencodesAndMatchesJson() throws Exception {
    SszContainer v = roundTrip(Deneb.SIGNED_BLINDED_BEACON_BLOCK,
        "TestSSZSerialisation_VersionedSignedProposal.ssz#01.golden");
    JsonNode json = goldenJson("TestJSONSerialisation_VersionedSignedProposal.json#01.golden");
    assertThat(Deneb.SIGNED_BLINDED_BEACON_BLOCK.readJson(json.get("block"))).isEqualTo(v);
    assertThat(JsonMapper.shared().readTree(v.toJson())).isEqualTo(json.get("block"));
  }
}
