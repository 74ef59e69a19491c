package io.parsigex.cluster.enr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.parsigex.cluster.crypto.Keccak256;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.SharedTestData;
import io.parsigex.testsupport.TestSeed;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class EnrTest {

  private static final Pattern ENR_IN_JSON = Pattern.compile("\"(enr:[A-Za-z0-9_=-]+)\"");

  /** The operator ENRs in Charon's golden locks and real DKG examples. */
  private static List<String> charonEnrs() {
    List<String> out = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int v = 0; v <= 11; v++) {
      files.add("charon-cluster/cluster_lock_v1_" + v + "_0.json");
    }
    Stream.of("000", "001", "002", "003").forEach(
        n -> files.add("charon-cluster/examples/cluster-lock-" + n + ".json"));
    for (String f : files) {
      Matcher m = ENR_IN_JSON.matcher(new String(SharedTestData.read(f), StandardCharsets.UTF_8));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  @Test
  void everyCharonEnrParsesAndVerifies() throws EnrException {
    List<String> enrs = charonEnrs();
    assertThat(enrs).hasSizeGreaterThan(30);
    for (String text : enrs) {
      Enr enr = Enr.parse(text);
      assertThat(enr.peerId().toString()).startsWith("16Uiu2");
      assertThat(enr.pairs()).containsKeys("id", "secp256k1");
    }
  }

  @Test
  void knownKeyGivesTheDocumentedPeerId() throws Exception {
    // examples/cluster-lock-003 operator 0 is Charon's test key 32 x 0x01 (peer id 16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi).
    String text = "enr:-HW4QEp-BLhP30tqTGFbR9n2PdUKWP9qc0zphIRmn8_jpm4BYkgekztXQaPA_znRW8RvNYHo0pU"
        + "wyPEwUGGeZu26XlKAgmlkgnY0iXNlY3AyNTZrMaEDG4TFVnsSZECZXT7VqroFZdceGDRgSBn_nBf16dXdB48";
    Enr enr = Enr.parse(text);
    assertThat(enr.peerId().toString()).isEqualTo("16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi");
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 1);
    assertThat(enr.publicKey()).isEqualTo(Secp256k1PrivateKey.fromBytes(ones).publicKey());
    assertThat(enr.seq()).isZero();
    assertThat(enr.tcpMultiaddrs()).isEmpty();
  }

  @Test
  void createdRecordRoundTripsWithAddresses() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromBytes(filled((byte) 7));
    Enr made = Enr.create(key, 3, InetAddress.getByName("1.2.3.4"), 3610, 3630);
    Enr parsed = Enr.parse(made.text());
    assertThat(parsed.publicKey()).isEqualTo(key.publicKey());
    assertThat(parsed.seq()).isEqualTo(3);
    assertThat(parsed.tcpMultiaddrs()).containsExactly("/ip4/1.2.3.4/tcp/3610");
    assertThat(parsed.udpMultiaddrs()).containsExactly("/ip4/1.2.3.4/udp/3630");
    assertThat(parsed.tcp()).hasValue(3610);
  }

  @Test
  void alteredRecordFailsItsSignatureCheck() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromBytes(filled((byte) 9));
    Enr made = Enr.create(key, 0, InetAddress.getByName("10.0.0.1"), 3610, 0);
    byte[] raw = Base64.getUrlDecoder().decode(made.text().substring(4));
    List<byte[]> items = new ArrayList<>(Rlp.decodeBytesList(raw));
    int tcpIndex = -1;
    for (int i = 2; i < items.size(); i += 2) {
      if (new String(items.get(i), StandardCharsets.UTF_8).equals("tcp")) {
        tcpIndex = i + 1;
      }
    }
    items.set(tcpIndex, new byte[] {0x0e, 0x1b}); // port 3611
    String altered = "enr:" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Rlp.encodeBytesList(items));
    assertThatThrownBy(() -> Enr.parse(altered))
        .isInstanceOf(EnrException.InvalidSignature.class)
        .hasMessageContaining("signature does not verify")
        .hasMessageContaining(PeerId.fromPublicKey(key.publicKey()).toString());
  }

  @Test
  void structuralFaultsHaveTheirOwnTypes() {
    assertThatThrownBy(() -> Enr.parse("-HW4QEp")).isInstanceOf(EnrException.MalformedText.class);
    assertThatThrownBy(() -> Enr.parse("enr:***")).isInstanceOf(EnrException.MalformedText.class);
    assertThatThrownBy(() -> Enr.parse("enr:" + "A".repeat(Enr.MAX_TEXT_LENGTH)))
        .isInstanceOf(EnrException.MalformedText.class);
    // 0xc1 0x80: a list announcing one byte holding an empty string, but too few items.
    assertThatThrownBy(() -> Enr.parse(enrOf(new byte[] {(byte) 0xc1, (byte) 0x80})))
        .isInstanceOf(EnrException.MalformedRecord.class);
    // non-canonical: single byte 0x05 encoded as 0x81 0x05.
    assertThatThrownBy(() -> Enr.parse(enrOf(new byte[] {(byte) 0xc2, (byte) 0x81, 0x05})))
        .isInstanceOf(EnrException.MalformedRlp.class).hasMessageContaining("non-canonical");
    // list length says 5, 2 bytes follow.
    assertThatThrownBy(() -> Enr.parse(enrOf(new byte[] {(byte) 0xc5, (byte) 0x80, (byte) 0x80})))
        .isInstanceOf(EnrException.MalformedRlp.class);
    List<byte[]> noKey = List.of(new byte[64], new byte[0], "id".getBytes(), "v4".getBytes());
    assertThatThrownBy(() -> Enr.parse(enrOf(Rlp.encodeBytesList(noKey))))
        .isInstanceOf(EnrException.MalformedRecord.class).hasMessageContaining("secp256k1");
    List<byte[]> v5 = List.of(new byte[64], new byte[0], "id".getBytes(), "v5".getBytes());
    assertThatThrownBy(() -> Enr.parse(enrOf(Rlp.encodeBytesList(v5))))
        .isInstanceOf(EnrException.UnsupportedIdentityScheme.class);
  }

  @Test
  void randomMutationsNeverEscapeAsUncheckedExceptions() {
    long seed = TestSeed.seed("EnrTest.randomMutationsNeverEscapeAsUncheckedExceptions");
    Random rnd = new Random(seed);
    List<String> enrs = charonEnrs();
    try {
      for (int i = 0; i < 3000; i++) {
        byte[] raw = Base64.getUrlDecoder().decode(enrs.get(rnd.nextInt(enrs.size())).substring(4));
        int flips = 1 + rnd.nextInt(3);
        for (int f = 0; f < flips; f++) {
          raw[rnd.nextInt(raw.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
        if (rnd.nextInt(4) == 0) {
          raw = Arrays.copyOf(raw, rnd.nextInt(raw.length + 8));
        }
        try {
          Enr.parse(enrOf(raw));
          // A mutation that still verifies is only possible in bytes outside the signed content.
        } catch (EnrException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    } catch (RuntimeException | AssertionError e) {
      fail("seed " + seed + ": " + e, e);
    }
  }

  @Test
  void secp256k1EntryAcceptsTheEncodingsGoCharonAccepts() throws Exception {
    // Go's enr.Parse reads the entry with decred ParsePubKey: compressed, uncompressed and hybrid
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromBytes(filled((byte) 5));
    byte[] u = key.publicKey().uncompressed();
    boolean odd = (u[64] & 1) == 1;
    byte[] hybrid = u.clone();
    hybrid[0] = (byte) (odd ? 0x07 : 0x06);
    for (byte[] entry : new byte[][] {key.publicKey().compressed(), u, hybrid}) {
      Enr enr = Enr.parse(signedWithEntry(key, entry));
      assertThat(enr.publicKey()).isEqualTo(key.publicKey());
      assertThat(enr.peerId()).isEqualTo(PeerId.fromPublicKey(key.publicKey()));
      assertThat(enr.pairs().get("secp256k1")).isEqualTo(entry);
    }
  }

  @Test
  void secp256k1EntryRefusesOtherEncodingsAndOffCurvePoints() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromBytes(filled((byte) 5));
    byte[] u = key.publicKey().uncompressed();
    boolean odd = (u[64] & 1) == 1;
    byte[] wrongParity = u.clone();
    wrongParity[0] = (byte) (odd ? 0x06 : 0x07);
    byte[] five = u.clone();
    five[0] = 0x05;
    byte[] compressedAsUncompressed = key.publicKey().compressed();
    compressedAsUncompressed[0] = 0x04;
    byte[] offCurve = u.clone();
    offCurve[64] ^= 0x02; // same parity, another y: not on the curve
    byte[] rawXy = Arrays.copyOfRange(u, 1, 65); // 64 bytes, no prefix (Ethereum's raw form)
    assertRefused(key, wrongParity, odd ? "hybrid (0x06)" : "hybrid (0x07)");
    assertRefused(key, five, "got 0x05");
    assertRefused(key, compressedAsUncompressed, "got 0x04");
    assertRefused(key, offCurve, "not on the curve");
    assertRefused(key, rawXy, "64 bytes");
  }

  private static void assertRefused(Secp256k1PrivateKey key, byte[] entry, String named) {
    assertThatThrownBy(() -> Enr.parse(signedWithEntry(key, entry)))
        .isInstanceOf(EnrException.InvalidPublicKey.class)
        .hasMessageContaining("secp256k1").hasMessageContaining(named)
        .extracting(e -> ((EnrException) e).reason()).isEqualTo("invalid_public_key");
  }

  /** A v4 record whose secp256k1 entry is {@code entry}, signed by {@code key} as EIP-778 says. */
  private static String signedWithEntry(Secp256k1PrivateKey key, byte[] entry) {
    List<byte[]> content = List.of(new byte[0], "id".getBytes(StandardCharsets.US_ASCII),
        "v4".getBytes(StandardCharsets.US_ASCII),
        "secp256k1".getBytes(StandardCharsets.US_ASCII), entry);
    byte[] sig = key.signDigest(Keccak256.hash(Rlp.encodeBytesList(content)));
    List<byte[]> items = new ArrayList<>();
    items.add(sig);
    items.addAll(content);
    return enrOf(Rlp.encodeBytesList(items));
  }

  private static String enrOf(byte[] raw) {
    return "enr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static byte[] filled(byte b) {
    byte[] out = new byte[32];
    Arrays.fill(out, b);
    return out;
  }
}
