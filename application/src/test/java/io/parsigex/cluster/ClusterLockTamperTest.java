package io.parsigex.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.parsigex.cluster.enr.EnrException;
import io.parsigex.testsupport.SharedTestData;
import io.parsigex.testsupport.TestSeed;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every altered or malformed lock is refused with its own typed error; nothing escapes unchecked. */
@ExtendWith(TestSeed.class)
class ClusterLockTamperTest {

  private static final String REAL_V17 = "charon-cluster/examples/cluster-lock-003.json";
  private static final String REAL_V11 = "charon-cluster/examples/cluster-lock-000.json";

  private static String text(String file) {
    return new String(SharedTestData.read(file), StandardCharsets.UTF_8);
  }

  private static ClusterLock load(String json) throws ClusterException {
    return new ClusterLockLoader().load(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Flips the last hex digit of the first occurrence of {@code value}. */
  private static String flipLastHexDigit(String json, String value) {
    char last = value.charAt(value.length() - 1);
    char flipped = last == '0' ? '1' : '0';
    String altered = value.substring(0, value.length() - 1) + flipped;
    assertThat(json).contains(value);
    return json.replaceFirst(value, altered);
  }

  @Test
  void oneChangedByteOfAPublicShareIsRefusedAsALockHashMismatch() throws Exception {
    String json = text(REAL_V17);
    ClusterLock lock = load(json);
    String share = lock.validators().get(1).publicShares().get(2).wireKey();
    String altered = flipLastHexDigit(json, share);
    assertThatThrownBy(() -> load(altered))
        .isInstanceOfSatisfying(ClusterException.HashMismatch.class,
            e -> assertThat(e.field()).isEqualTo("lock_hash"))
        .hasMessageContaining("v1.7.0").hasMessageContaining("lock_hash is 0x");
    // The explicit override still loads it, with the altered share.
    ClusterLock unchecked = new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
        .load(altered.getBytes(StandardCharsets.UTF_8));
    assertThat(unchecked.validators().get(1).publicShares().get(2)).isNotEqualTo(
        lock.validators().get(1).publicShares().get(2));
  }

  @Test
  void aChangedBase64ShareOfAV11LockIsRefused() throws Exception {
    String json = text(REAL_V11);
    ClusterLock lock = load(json);
    String b64 = Base64.getEncoder().encodeToString(lock.validators().get(0).publicShares().get(0).bytes());
    byte[] raw = lock.validators().get(0).publicShares().get(0).bytes();
    raw[20] ^= 0x01;
    String altered = json.replace(b64, Base64.getEncoder().encodeToString(raw));
    assertThat(altered).isNotEqualTo(json);
    assertThatThrownBy(() -> load(altered)).isInstanceOf(ClusterException.HashMismatch.class)
        .hasMessageContaining("v1.1.0").hasMessageContaining("lock_hash");
  }

  @Test
  void anEnrWithABadSignatureIsRefusedNamingTheOperator() throws Exception {
    String json = text(REAL_V17);
    ClusterLock lock = load(json);
    String enr = lock.operators().get(1).enr().text();
    byte[] raw = Base64.getUrlDecoder().decode(enr.substring(4));
    raw[10] ^= 0x01; // inside the 64-byte signature, which starts after the 2+1 header bytes
    String bad = "enr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String altered = json.replace(enr, bad);
    assertThatThrownBy(() -> load(altered))
        .isInstanceOfSatisfying(ClusterException.InvalidField.class, e -> {
          assertThat(e.field()).isEqualTo("cluster_definition.operators[1].enr");
          assertThat(e.getCause()).isInstanceOf(EnrException.InvalidSignature.class);
        })
        .hasMessageContaining("v1.7.0").hasMessageContaining("signature does not verify");
  }

  @Test
  void anOperatorKeyInAnEncodingGoRefusesIsRefusedNamingTheEncoding() throws Exception {
    // Go's cluster.Lock reads operator keys only through enr.Parse (decred ParsePubKey)
    String json = text(REAL_V17);
    ClusterLock lock = load(json);
    String enr = lock.operators().get(1).enr().text();
    byte[] raw = Base64.getUrlDecoder().decode(enr.substring(4));
    byte[] name = "secp256k1".getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(raw, name) + name.length;
    assertThat(raw[at]).as("RLP header of a 33-byte string").isEqualTo((byte) 0xa1);
    for (int prefix : new int[] {0x04, 0x05, 0x06, 0x07}) {
      byte[] b = raw.clone();
      b[at + 1] = (byte) prefix; // a 33-byte key may only start with 02 or 03
      String altered = json.replace(enr,
          "enr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(b));
      assertThatThrownBy(() -> load(altered))
          .isInstanceOfSatisfying(ClusterException.InvalidField.class, e -> {
            assertThat(e.field()).isEqualTo("cluster_definition.operators[1].enr");
            assertThat(e.getCause()).isInstanceOf(EnrException.InvalidPublicKey.class);
          })
          .hasMessageContaining("0x02 or 0x03 (compressed)")
          .hasMessageContaining(String.format("got 0x%02x", prefix));
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void twoOperatorsWithOneKeyAreRefused() throws Exception {
    String json = text(REAL_V17);
    ClusterLock lock = load(json);
    String altered = json.replace(lock.operators().get(2).enr().text(),
        lock.operators().get(0).enr().text());
    assertThatThrownBy(() -> load(altered))
        .isInstanceOfSatisfying(ClusterException.InvalidField.class,
            e -> assertThat(e.field()).isEqualTo("cluster_definition.operators[2].enr"))
        .hasMessageContaining("same key").hasMessageContaining("operator 0");
  }

  @Test
  void aChangedThresholdBreaksTheConfigHash() {
    String altered = text(REAL_V17).replace("\"threshold\": 3", "\"threshold\": 2");
    assertThatThrownBy(() -> load(altered))
        .isInstanceOfSatisfying(ClusterException.HashMismatch.class,
            e -> assertThat(e.field()).isEqualTo("cluster_definition.config_hash"));
  }

  @Test
  void aChangedNodeSignatureIsRefused() throws Exception {
    String json = text(REAL_V17);
    String sig = load(json).nodeSignatures().get(2).to0xHex();
    // Change a byte of r: recovery then yields another key (or none).
    String altered = json.replace(sig, sig.substring(0, 10) + (sig.charAt(10) == 'a' ? 'b' : 'a')
        + sig.substring(11));
    assertThatThrownBy(() -> load(altered))
        .isInstanceOfSatisfying(ClusterException.InvalidSignature.class,
            e -> assertThat(e.field()).isEqualTo("node_signatures[2]"))
        .hasMessageContaining("v1.7.0");
  }

  @Test
  void aChangedLockSignatureIsRefused() throws Exception {
    String json = text(REAL_V17);
    ClusterLock lock = load(json);
    // Another valid G2 point: the aggregate of the node's own registration signature.
    String other = lock.validators().get(0).builderRegistration().signature().to0xHex();
    String altered = json.replace(lock.signatureAggregate().to0xHex(), other);
    assertThatThrownBy(() -> load(altered))
        .isInstanceOfSatisfying(ClusterException.InvalidSignature.class,
            e -> assertThat(e.field()).isEqualTo("signature_aggregate"));
  }

  @Test
  void goldenLocksHavePlaceholderSignaturesThatFullVerificationRefuses() {
    byte[] json = SharedTestData.read("charon-cluster/cluster_lock_v1_11_0.json");
    assertThatThrownBy(() -> new ClusterLockLoader().load(json))
        .isInstanceOfSatisfying(ClusterException.InvalidSignature.class,
            e -> assertThat(e.field()).isEqualTo("cluster_definition.operators[0].config_signature"))
        .hasMessageContaining("v1.11.0");
  }

  @Test
  void charonAppTestLockHasNoRealEnrsAndIsRefused() throws Exception {
    byte[] json = SharedTestData.read("charon-cluster/examples/test-cluster-lock.json");
    assertThatThrownBy(() -> new ClusterLockLoader(ClusterLockLoader.Verification.NONE).load(json))
        .isInstanceOfSatisfying(ClusterException.InvalidField.class,
            e -> assertThat(e.field()).isEqualTo("cluster_definition.operators[0].enr"))
        .hasMessageContaining("v1.10.0");
    // Its definition is intact: config and definition hashes verify; only the ENRs (and so the
    // peer ids a node needs) are placeholders, which Charon's own node would refuse to run with.
    tools.jackson.databind.JsonNode lock = tools.jackson.databind.json.JsonMapper.builder().build()
        .readTree(json);
    byte[] definition = lock.get("cluster_definition").toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(new ClusterLockLoader(ClusterLockLoader.Verification.HASHES_ONLY)
        .loadDefinition(definition).version().text()).isEqualTo("v1.10.0");
  }

  @Test
  void versionsAndShapesOutsideCharonsAreRefused() {
    assertThatThrownBy(() -> load(text(REAL_V17).replace("\"v1.7.0\"", "\"v1.12.0\"")))
        .isInstanceOf(ClusterException.UnsupportedVersion.class).hasMessageContaining("v1.12.0")
        .hasMessageContaining("v1.11.0");
    assertThatThrownBy(() -> load("[1,2]")).isInstanceOf(ClusterException.Unreadable.class);
    assertThatThrownBy(() -> load("{\"cluster_definition\":")).isInstanceOf(ClusterException.Unreadable.class);
    assertThatThrownBy(() -> load("{}")).isInstanceOf(ClusterException.Unreadable.class)
        .hasMessageContaining("cluster_definition");
    assertThatThrownBy(() -> load(text(REAL_V17).replace("\"num_validators\": 3", "\"num_validators\": \"3\"")))
        .isInstanceOfSatisfying(ClusterException.InvalidField.class,
            e -> assertThat(e.field()).isEqualTo("cluster_definition.num_validators"));
    byte[] huge = new byte[LockJsonReader.MAX_FILE_BYTES + 1];
    assertThatThrownBy(() -> new ClusterLockLoader().load(huge))
        .isInstanceOf(ClusterException.Unreadable.class).hasMessageContaining("limit");
  }

  @Test
  void randomMutationsOnlyEverGiveTypedErrors() {
    long seed = TestSeed.seed("ClusterLockTamperTest.randomMutationsOnlyEverGiveTypedErrors");
    Random rnd = new Random(seed);
    String[] sources = {text(REAL_V17), text(REAL_V11),
        text("charon-cluster/cluster_lock_v1_8_0.json"), text("charon-cluster/cluster_lock_v1_3_0.json")};
    String alphabet = "0123456789abcdefxyz\"{}[],:.-+ eE\\";
    int refused = 0;
    try {
      for (int i = 0; i < 600; i++) {
        StringBuilder sb = new StringBuilder(sources[rnd.nextInt(sources.length)]);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
          int pos = rnd.nextInt(sb.length());
          switch (rnd.nextInt(3)) {
            case 0 -> sb.setCharAt(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
            case 1 -> sb.deleteCharAt(pos);
            default -> sb.insert(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
          }
        }
        ClusterLockLoader.Verification level =
            ClusterLockLoader.Verification.values()[rnd.nextInt(3)];
        try {
          new ClusterLockLoader(level).load(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (ClusterException expected) {
          assertThat(expected.getMessage()).isNotBlank();
          refused++;
        }
      }
    } catch (RuntimeException | AssertionError e) {
      fail("seed " + seed + ": " + e, e);
    }
    assertThat(refused).as("seed %d", seed).isGreaterThan(300);
  }
}
