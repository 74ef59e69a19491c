package io.parsigex.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.crypto.Bls;
import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.testsupport.TestSeed;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSeed.class)
class ClusterLockGeneratorTest {

  private static final Bytes HOODI = Bytes.of(HexFormat.of().parseHex("10000910"));

  @Test
  void generatedClusterLoadsWithFullVerificationAndEveryKeyFindsItsShare(@TempDir Path dir)
      throws Exception {
    long seed = TestSeed.seed("ClusterLockGeneratorTest.generatedClusterLoadsWithFullVerificationAndEveryKeyFindsItsShare");
    ClusterLockGenerator.Spec spec = new ClusterLockGenerator.Spec(4, 3, 3, HOODI,
        List.of(40001, 40002, 40003, 40004), "2026-11-23T00:00:00Z");
    ClusterLockGenerator.GeneratedCluster cluster =
        new ClusterLockGenerator(new Random(seed)).generate(spec);
    cluster.writeTo(dir);

    ClusterLock lock = new ClusterLockLoader().load(dir.resolve(ClusterLockGenerator.LOCK_FILE));
    assertThat(lock.version()).as("seed %d", seed).isEqualTo(LockVersion.CURRENT);
    assertThat(lock.chainPreset()).isEqualTo("hoodi");
    assertThat(lock.threshold()).isEqualTo(3);
    assertThat(lock.validators()).hasSize(3);
    for (int i = 0; i < 4; i++) {
      NodeKey key = NodeKey.load(dir.resolve("node" + i).resolve(ClusterLockGenerator.KEY_FILE));
      ClusterMembership me = ClusterMembership.resolve(lock, key);
      assertThat(me.shareIndex()).isEqualTo(i + 1);
      assertThat(me.self().enr().tcpMultiaddrs()).containsExactly("/ip4/127.0.0.1/tcp/" + (40001 + i));
      for (int v = 0; v < 3; v++) {
        BigInteger secret = cluster.shareSecrets().get(i).get(v);
        assertThat(PubKey.fromBytes(Bls.publicKeyOf(secret)))
            .isEqualTo(lock.validators().get(v).publicShares().get(i));
      }
      String shares = Files.readString(dir.resolve("node" + i).resolve(ClusterLockGenerator.SHARES_FILE));
      assertThat(shares.lines()).hasSize(3);
    }
  }

  @Test
  void anyThresholdSubsetOfShareSignaturesCombinesToTheGroupSignature() {
    ClusterLockGenerator.GeneratedCluster cluster =
        new ClusterLockGenerator(new Random(7)).generate(ClusterLockGenerator.Spec.of(4, 1, HOODI));
    DistributedValidator dv = cluster.lock().validators().get(0);
    byte[] message = "duty".getBytes(StandardCharsets.UTF_8);
    // shares 2, 3, 4 (threshold 3 of 4) reconstruct the group key
    Map<Integer, byte[]> subset = new LinkedHashMap<>();
    for (int i = 2; i <= 4; i++) {
      subset.put(i, dv.publicShare(i).bytes());
    }
    assertThat(Bls.recoverPublicKey(subset)).hasValueSatisfying(
        k -> assertThat(k).isEqualTo(dv.publicKey().bytes()));
    assertThat(Bls.verify(dv.publicShare(2).bytes(), message,
        Bls.sign(cluster.shareSecrets().get(1).get(0), message))).isTrue();
    assertThat(Bls.verify(dv.publicShare(3).bytes(), message,
        Bls.sign(cluster.shareSecrets().get(1).get(0), message))).isFalse();
  }

  @Test
  void aShareOffThePolynomialIsRefusedEvenWithConsistentHashes() throws Exception {
    ClusterLockGenerator gen = new ClusterLockGenerator(new Random(11));
    ClusterLockGenerator.GeneratedCluster a = gen.generate(ClusterLockGenerator.Spec.of(4, 1, HOODI));
    // Replace share 4 by a valid key that is not on the polynomial and re-hash the lock, so only
    // the BLS checks can notice.
    String json = new String(a.lockJson(), StandardCharsets.UTF_8);
    String share4 = a.lock().validators().get(0).publicShares().get(3).wireKey();
    String other = PubKey.fromBytes(Bls.publicKeyOf(BigInteger.valueOf(12345))).wireKey();
    ClusterLock altered = new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
        .load(json.replace(share4, other).getBytes(StandardCharsets.UTF_8));
    byte[] newHash = LockHasher.lockHash(altered);
    String rehashed = json.replace(share4, other)
        .replace(a.lock().lockHash().to0xHex(), Bytes.of(newHash).to0xHex());
    assertThatThrownBy(() -> new ClusterLockLoader().load(rehashed.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ClusterException.InvalidField.class)
        .hasMessageContaining("distributed_validators[0].public_shares[3]")
        .hasMessageContaining("v1.11.0")
        .hasMessageContaining("polynomial");
  }

  /** Re-hashes an edited lock so that only signature checks can notice the edit. */
  private static String rehash(String original, String edited) throws ClusterException {
    ClusterLock before = new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
        .load(original.getBytes(StandardCharsets.UTF_8));
    ClusterLock after = new ClusterLockLoader(ClusterLockLoader.Verification.NONE)
        .load(edited.getBytes(StandardCharsets.UTF_8));
    return edited
        .replace(before.definition().definitionHash().to0xHex(),
            Bytes.of(LockHasher.definitionHash(after.definition())).to0xHex())
        .replace(before.lockHash().to0xHex(), Bytes.of(LockHasher.lockHash(after)).to0xHex());
  }

  @Test
  void swappedOperatorSignaturesAreRefusedNamingTheSigner() throws Exception {
    ClusterLockGenerator.GeneratedCluster c =
        new ClusterLockGenerator(new Random(5)).generate(ClusterLockGenerator.Spec.of(3, 1, HOODI));
    String json = new String(c.lockJson(), StandardCharsets.UTF_8);
    String sig0 = c.lock().operators().get(0).enrSignature().to0xHex();
    String sig1 = c.lock().operators().get(1).enrSignature().to0xHex();
    String swapped = rehash(json, json.replace(sig0, "SIG0").replace(sig1, sig0).replace("SIG0", sig1));
    assertThatThrownBy(() -> new ClusterLockLoader().load(swapped.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ClusterException.InvalidSignature.class, e -> assertThat(e.field())
            .isEqualTo("cluster_definition.operators[0].enr_signature"))
        // operator 1 signed its own ENR, so over operator 0's ENR it recovers an unrelated address
        .hasMessageContaining("not by " + c.lock().operators().get(0).address())
        .hasMessageContaining("v1.11.0");
    // With hashes only, the same lock loads: the hashes are consistent.
    assertThat(new ClusterLockLoader(ClusterLockLoader.Verification.HASHES_ONLY)
        .load(swapped.getBytes(StandardCharsets.UTF_8)).operators()).hasSize(3);
  }

  @Test
  void aCreatorSignatureByAnotherKeyIsRefused() throws Exception {
    ClusterLockGenerator.GeneratedCluster c =
        new ClusterLockGenerator(new Random(6)).generate(ClusterLockGenerator.Spec.of(3, 1, HOODI));
    String json = new String(c.lockJson(), StandardCharsets.UTF_8);
    String creatorSig = c.lock().definition().creator().configSignature().to0xHex();
    String operatorSig = c.lock().operators().get(2).configSignature().to0xHex();
    String edited = rehash(json, json.replaceFirst(creatorSig, operatorSig));
    assertThatThrownBy(() -> new ClusterLockLoader().load(edited.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ClusterException.InvalidSignature.class, e -> assertThat(e.field())
            .isEqualTo("cluster_definition.creator.config_signature"));
  }
}
