package io.parsigex.eth2.ssz;

import static io.parsigex.eth2.ssz.Ssz.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.testsupport.SharedTestData;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SszEngineTest {
  private static final HexFormat HEX = HexFormat.of();

  static final ContainerType CHECKPOINT =
      container("Checkpoint", field("epoch", UINT64), field("root", BYTES32));
  static final ContainerType ATTESTATION_DATA = container("AttestationData",
      field("slot", UINT64), field("index", UINT64), field("beacon_block_root", BYTES32),
      field("source", CHECKPOINT), field("target", CHECKPOINT));
  static final ContainerType MIXED = container("Mixed",
      field("a", UINT16), field("list", list(UINT64, 10)), field("flag", BOOLEAN),
      field("bits", bitlist(20)), field("tail", byteList(40)));

  @Test
  void attestationDataRootMatchesCharonsGoldenRoot() throws Exception {
    // VersionedAttestation golden: 20-byte header, then electra Attestation whose data is at
    // fixed offset 4 of the inner container.
    byte[] golden = SharedTestData.read("charon/TestSSZSerialisation_VersionedAttestation.ssz.golden");
    SszContainer data = ATTESTATION_DATA.deserialize(java.util.Arrays.copyOfRange(golden, 24,
        24 + 128));
    assertThat(HEX.formatHex(data.hashTreeRoot()))
        .isEqualTo("a36b13159845b8afc947ea7f9ffd74ceb1178e9882533ee767b6a6578501771c");
    assertThat(Long.toUnsignedString(data.uint("slot"))).isEqualTo("5480206018969903199");
    assertThat(ATTESTATION_DATA.fromJson(data.toJson())).isEqualTo(data);
    assertThat(data.toJson()).contains("\"target\":{\"epoch\":\"9599321949314998812\"");
  }

  @Test
  void basicRootsAndZeroPaddingFollowTheSpec() {
    assertThat(HEX.formatHex(UINT64.hashTreeRoot(5L))).isEqualTo("05" + "00".repeat(31));
    // an empty list is the zero root of its depth mixed with length 0
    byte[] empty = list(UINT64, 4).hashTreeRoot(List.of());
    Hasher h = new Hasher();
    byte[] expected = Hasher.zeroHash(0);
    h.mixInLength(expected, 0, 0);
    assertThat(empty).isEqualTo(expected);
    // uint256 is little-endian
    assertThat(HEX.formatHex(UINT256.serialize(BigInteger.valueOf(0x0102))))
        .isEqualTo("0201" + "00".repeat(30));
  }

  @Test
  void mixedContainerRoundTripsAndRejectsBadOffsets() throws Exception {
    SszContainer v = MIXED.builder().set("a", 7L).set("list", List.of(1L, 2L, 3L))
        .set("flag", true).set("bits", Bits.of(10, new byte[] {(byte) 0xff, 0x02}))
        .set("tail", Bytes.fromHex("0xabcd")).build();
    byte[] ssz = v.serialize();
    // fixed part: 2 + 4 + 1 + 4 + 4 = 15
    assertThat(MIXED.fixedPartSize()).isEqualTo(15);
    assertThat(MIXED.deserialize(ssz)).isEqualTo(v);
    assertThat(MIXED.fromJson(v.toJson())).isEqualTo(v);
    assertThat(v.toJson()).isEqualTo("{\"a\":\"7\",\"list\":[\"1\",\"2\",\"3\"],\"flag\":true,"
        + "\"bits\":\"0xff06\",\"tail\":\"0xabcd\"}");

    byte[] firstOffsetWrong = ssz.clone();
    firstOffsetWrong[2] = 16;
    assertThatThrownBy(() -> MIXED.deserialize(firstOffsetWrong)).isInstanceOf(SszException.class)
        .hasMessageContaining("Mixed.list").hasMessageContaining("first offset");
    byte[] decreasing = ssz.clone();
    decreasing[7] = 14;
    assertThatThrownBy(() -> MIXED.deserialize(decreasing)).isInstanceOf(SszException.class)
        .hasMessageContaining("out of order");
    byte[] pastEnd = ssz.clone();
    pastEnd[12] = 127;
    assertThatThrownBy(() -> MIXED.deserialize(pastEnd)).isInstanceOf(SszException.class);
    byte[] noDelimiter = ssz.clone();
    noDelimiter[ssz.length - 3] = 0;
    assertThatThrownBy(() -> MIXED.deserialize(noDelimiter)).isInstanceOf(SszException.class)
        .hasMessageContaining("Mixed.bits").hasMessageContaining("delimiter");
    byte[] badBool = ssz.clone();
    badBool[6] = 2;
    assertThatThrownBy(() -> MIXED.deserialize(badBool)).isInstanceOf(SszException.class)
        .hasMessageContaining("Mixed.flag");
  }

  @Test
  void limitsAndExactSizesAreEnforced() {
    assertThatThrownBy(() -> CHECKPOINT.deserialize(new byte[41]))
        .isInstanceOf(SszException.class).hasMessageContaining("exactly 40");
    assertThatThrownBy(() -> list(UINT64, 2).deserialize(new byte[24]))
        .isInstanceOf(SszException.class).hasMessageContaining("limit of 2");
    assertThatThrownBy(() -> list(UINT64, 2).deserialize(new byte[7]))
        .isInstanceOf(SszException.class).hasMessageContaining("whole number");
    // a bitlist of 9 bits in a Bitlist[8]
    assertThatThrownBy(() -> bitlist(8).deserialize(new byte[] {0, 2}))
        .isInstanceOf(SszException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> bitvector(4).deserialize(new byte[] {0x10}))
        .isInstanceOf(SszException.class).hasMessageContaining("above the length");
    // a list of variable elements whose first offset claims a billion elements
    byte[] huge = {0, 0, 0, 0x40, 1, 2, 3, 4};
    assertThatThrownBy(() -> list(byteList(4), 8).deserialize(huge))
        .isInstanceOf(SszException.class);
    assertThatThrownBy(() -> MIXED.builder().set("list", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L,
        9L, 10L, 11L))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uintJsonIsUnsignedDecimalText() throws Exception {
    assertThat(UINT64.toJson(-1L)).isEqualTo("\"18446744073709551615\"");
    assertThat(UINT64.fromJson("\"18446744073709551615\"")).isEqualTo(-1L);
    assertThatThrownBy(() -> UINT64.fromJson("\"18446744073709551616\""))
        .isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> UINT64.fromJson("5")).isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("decimal number in a string");
    assertThatThrownBy(() -> UINT64.fromJson("\"+5\"")).isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> UINT8.fromJson("\"256\"")).isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> CHECKPOINT.fromJson("{\"epoch\":\"1\"}"))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("Checkpoint.root");
    assertThatThrownBy(() -> CHECKPOINT.fromJson("{"))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("not valid JSON");
  }
}
