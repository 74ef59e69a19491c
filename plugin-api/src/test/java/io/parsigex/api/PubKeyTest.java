package io.parsigex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PubKeyTest {

  @Test
  void wireKeyIsLowercaseHexWithPrefix() {
    byte[] b = new byte[48];
    b[0] = (byte) 0xAB;
    PubKey k = PubKey.fromBytes(b);
    assertThat(k.wireKey()).hasSize(98).startsWith("0xab00");
    assertThat(PubKey.fromWireKey(k.wireKey())).isEqualTo(k);
  }

  @Test
  void strictParsingRefusesOtherForms() {
    String good = "0x" + "ab".repeat(48);
    assertThat(PubKey.isCanonicalWireKey(good)).isTrue();
    assertThatThrownBy(() -> PubKey.fromWireKey(good.toUpperCase()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase");
    assertThatThrownBy(() -> PubKey.fromWireKey("ab".repeat(48)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PubKey.parseLenient(" 0X" + "AB".repeat(48) + "\n").wireKey()).isEqualTo(good);
    assertThatThrownBy(() -> PubKey.parseLenient("0x1234")).hasMessageContaining("96 hex");
    assertThatThrownBy(() -> PubKey.fromBytes(new byte[47])).hasMessageContaining("48 bytes");
  }

  @Test
  void bytesAreCopied() {
    byte[] b = new byte[48];
    PubKey k = PubKey.fromBytes(b);
    b[0] = 1;
    assertThat(k.bytes()[0]).isZero();
    k.bytes()[1] = 1;
    assertThat(k.bytes()[1]).isZero();
  }

  @Test
  void setsAreNonEmptyAndShareIndicesPositive() {
    assertThatThrownBy(() -> new ParSignedDataSet(java.util.Map.of()))
        .hasMessageContaining("at least one");
    SignedData data = new SignedData() {
      @Override public String typeName() { return "T"; }
      @Override public byte[] signature() { return new byte[96]; }
      @Override public java.util.Optional<Eth2Signing> eth2Signing(long spe) {
        return java.util.Optional.empty();
      }
      @Override public String toCharonJson() { return "{}"; }
    };
    assertThatThrownBy(() -> new ParSignedData(data, 0)).hasMessageContaining("share index");
    assertThat(PluginApi.version()).isEqualTo("1.0.0");
  }
}
