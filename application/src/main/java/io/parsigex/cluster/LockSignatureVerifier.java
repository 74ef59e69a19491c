package io.parsigex.cluster;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.DistributedValidator.BuilderRegistration;
import io.parsigex.cluster.crypto.Bls;
import io.parsigex.cluster.crypto.EthereumAddress;
import io.parsigex.cluster.crypto.Secp256k1Recovery;
import io.parsigex.eth2.signing.ScheduledFork;
import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.libp2p.crypto.Secp256k1PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the signatures a lock carries, following {@code charon:cluster/lock.go VerifySignatures}
 * and {@code definition.go VerifySignatures}: operator EIP-712 config and ENR signatures (v1.3+,
 * all or none), the creator's (v1.4+), the BLS lock signature, the public shares against the
 * group key, the pre-generated builder registrations (v1.7+) and the node signatures (v1.7+).
 *
 * <p>Smart-contract (ERC-1271) operator signatures need an execution client and are refused here
 * with a message saying so.
 */
final class LockSignatureVerifier {

  private static final int K1_SIG_LENGTH = Secp256k1Recovery.SIGNATURE_LENGTH;
  private static final HexFormat HEX = HexFormat.of();

  private final ClusterLock lock;
  private final ClusterDefinition def;
  private final LockVersion version;

  LockSignatureVerifier(ClusterLock lock) {
    this.lock = lock;
    this.def = lock.definition();
    this.version = lock.version();
  }

  void verify() throws ClusterException {
    verifyDefinitionSignatures(def);
    verifyLockSignature();
    verifyBuilderRegistrations();
    verifyNodeSignatures();
  }

  /** The definition part alone (also used for cluster-definition.json files). */
  static void verifyDefinitionSignatures(ClusterDefinition def) throws ClusterException {
    LockVersion version = def.version();
    boolean present = def.operators().stream()
        .anyMatch(o -> !o.configSignature().isEmpty() || !o.enrSignature().isEmpty());
    String p = "cluster_definition.";
    if (version.before(LockVersion.V1_3)) {
      if (present) {
        throw sig(version, p + "operators", "carry EIP-712 signatures, which this version does "
            + "not support");
      }
      return;
    }
    int unsigned = 0;
    for (ClusterDefinition.Operator o : def.operators()) {
      String q = p + "operators[" + o.index() + "].";
      if (o.address().isEmpty() && o.configSignature().isEmpty() && o.enrSignature().isEmpty()) {
        unsigned++;
        continue;
      }
      if (o.enrSignature().isEmpty()) {
        throw sig(version, q + "enr_signature", "is empty");
      }
      if (o.configSignature().isEmpty()) {
        throw sig(version, q + "config_signature", "is empty");
      }
      Eip712.Type configType =
          version == LockVersion.V1_3 ? Eip712.CONFIG_HASH_V1_3 : Eip712.OPERATOR_CONFIG_HASH;
      checkEip712(def, configType, def.configHash().to0xHex(), o.address(), o.configSignature(),
          q + "config_signature");
      checkEip712(def, Eip712.ENR, o.enr(), o.address(), o.enrSignature(),
          q + "enr_signature");
    }
    if (unsigned > 0 && unsigned != def.operators().size()) {
      throw sig(version, p + "operators", "are partly signed: some operators signed while "
          + "others did not");
    }
    ClusterDefinition.Creator c = def.creator();
    if (version == LockVersion.V1_3) {
      return;
    }
    if (c.address().isEmpty() && c.configSignature().isEmpty()) {
      if (unsigned == 0) {
        throw sig(version, p + "creator.config_signature", "is missing while the operators signed");
      }
      return;
    }
    if (c.configSignature().isEmpty()) {
      throw sig(version, p + "creator.config_signature", "is empty");
    }
    checkEip712(def, Eip712.CREATOR_CONFIG_HASH, def.configHash().to0xHex(), c.address(),
        c.configSignature(), p + "creator.config_signature");
  }

  private static void checkEip712(ClusterDefinition def, Eip712.Type type, String value,
      String address, Bytes signature, String field) throws ClusterException {
    LockVersion version = def.version();
    if (signature.length() != K1_SIG_LENGTH) {
      if (version.atLeast(LockVersion.V1_11) && signature.length() % K1_SIG_LENGTH == 0) {
        throw sig(version, field, "holds a smart-contract (ERC-1271) signature of "
            + signature.length() + " bytes, which needs an execution client to verify");
      }
      throw sig(version, field, "must be 65 bytes, got " + signature.length());
    }
    long chainId = Eip712.chainId(def.forkVersion().to0xHex()).orElseThrow(() -> sig(version, field,
        "cannot be checked: fork version " + def.forkVersion() + " is not a network Charon knows"));
    byte[] digest = Eip712.digest(type, value, chainId);
    Optional<Secp256k1PublicKey> signer = Secp256k1Recovery.recover(digest, signature.toArray());
    if (signer.isEmpty()) {
      throw sig(version, field, "is not a valid secp256k1 signature");
    }
    String recovered = HEX.formatHex(EthereumAddress.of(signer.get()));
    String expected = address.startsWith("0x") ? address.substring(2) : address;
    if (!recovered.equalsIgnoreCase(expected)) {
      throw sig(version, field, "was made by 0x" + recovered + ", not by " + address);
    }
  }

  private void verifyLockSignature() throws ClusterException {
    if (lock.signatureAggregate().isEmpty()) {
      if (version.before(LockVersion.V1_2)) {
        return; // early `charon create cluster` left it empty
      }
      throw sig(version, "signature_aggregate", "is empty");
    }
    Set<PubKey> seen = new HashSet<>();
    List<byte[]> shares = new ArrayList<>();
    for (int i = 0; i < lock.validators().size(); i++) {
      DistributedValidator dv = lock.validators().get(i);
      String q = "distributed_validators[" + i + "]";
      if (dv.publicShares().size() != def.operators().size()) {
        throw invalid(q + ".public_shares", "has " + dv.publicShares().size()
            + " shares but the cluster has " + def.operators().size() + " operators");
      }
      if (!seen.add(dv.publicKey())) {
        throw invalid(q + ".distributed_public_key", "repeats another validator's key");
      }
      if (!Bls.isValidPublicKey(dv.publicKey().bytes())) {
        throw invalid(q + ".distributed_public_key", "is not a valid BLS12-381 public key");
      }
      Set<PubKey> own = new HashSet<>();
      for (int s = 0; s < dv.publicShares().size(); s++) {
        PubKey share = dv.publicShares().get(s);
        if (!Bls.isValidPublicKey(share.bytes())) {
          throw invalid(q + ".public_shares[" + s + "]", "is not a valid BLS12-381 public key");
        }
        if (!own.add(share)) {
          throw invalid(q + ".public_shares[" + s + "]", "repeats another share of this validator");
        }
        shares.add(share.bytes());
      }
      verifyReconstruction(dv, q);
    }
    byte[] lockHash = lock.lockHash().toArray();
    if (!Bls.fastAggregateVerify(shares, lockHash, lock.signatureAggregate().toArray())) {
      throw sig(version, "signature_aggregate", "is not the BLS aggregate signature of the lock "
          + "hash by every public share");
    }
  }

  private void verifyReconstruction(DistributedValidator dv, String path) throws ClusterException {
    int t = lock.threshold();
    int n = dv.publicShares().size();
    if (t < 1 || t > n) {
      throw invalid("cluster_definition.threshold", "is " + t + " but must be in 1.." + n);
    }
    for (int extra = t; extra <= n; extra++) {
      Map<Integer, byte[]> subset = new LinkedHashMap<>();
      for (int j = 0; j < t - 1; j++) {
        subset.put(j + 1, dv.publicShares().get(j).bytes());
      }
      subset.put(extra, dv.publicShares().get(extra - 1).bytes());
      Optional<byte[]> recovered = Bls.recoverPublicKey(subset);
      if (recovered.isEmpty() || !Arrays.equals(recovered.get(), dv.publicKey().bytes())) {
        throw invalid(path + ".public_shares[" + (extra - 1) + "]", "does not lie on the "
            + "polynomial of distributed_public_key (shares 1.." + (t - 1) + " and " + extra
            + " do not reconstruct it)");
      }
    }
  }

  private void verifyBuilderRegistrations() throws ClusterException {
    for (int i = 0; i < lock.validators().size(); i++) {
      DistributedValidator dv = lock.validators().get(i);
      BuilderRegistration r = dv.builderRegistration();
      String q = "distributed_validators[" + i + "].builder_registration";
      if (version.before(LockVersion.V1_7)) {
        if (!r.isAbsent()) {
          throw invalid(q, "is present, which this version does not support");
        }
        continue;
      }
      if (r.isAbsent()) {
        throw sig(version, q, "is missing");
      }
      if (def.forkVersion().length() != ScheduledFork.VERSION_LENGTH) {
        throw sig(version, q, "needs the definition's 4-byte fork_version to verify");
      }
      byte[] feeRecipient = hexAddress(def.validatorAddresses().get(i).feeRecipientAddress(),
          "cluster_definition.validators[" + i + "].fee_recipient_address");
      byte[] root = SigningRoots.registration(feeRecipient, r.gasLimit(), r.timestamp(),
          dv.publicKey().bytes(), def.forkVersion().toArray());
      if (!Bls.verify(dv.publicKey().bytes(), root, r.signature().toArray())) {
        throw sig(version, q + ".signature", "does not verify for the validator key, the "
            + "definition's fee recipient and the lock's fork version");
      }
    }
  }

  private void verifyNodeSignatures() throws ClusterException {
    if (version.before(LockVersion.V1_7)) {
      if (!lock.nodeSignatures().isEmpty()) {
        throw invalid("node_signatures", "are present, which this version does not support");
      }
      return;
    }
    if (lock.nodeSignatures().size() != def.operators().size()) {
      throw sig(version, "node_signatures", "has " + lock.nodeSignatures().size()
          + " signatures for " + def.operators().size() + " operators");
    }
    for (ClusterOperator o : lock.operators()) {
      Optional<Secp256k1PublicKey> signer = Secp256k1Recovery.recover(lock.lockHash().toArray(),
          lock.nodeSignatures().get(o.index()).toArray());
      if (signer.isEmpty() || !signer.get().equals(o.enr().publicKey())) {
        throw sig(version, "node_signatures[" + o.index() + "]", "is not operator " + o.index()
            + "'s (peer " + o.peerId() + ") signature of the lock hash");
      }
    }
  }

  private byte[] hexAddress(String text, String field) throws ClusterException {
    String t = text.startsWith("0x") ? text.substring(2) : text;
    if (t.length() != 40) {
      throw invalid(field, "must be a 20-byte hex address");
    }
    try {
      return HEX.parseHex(t);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "must be a 20-byte hex address");
    }
  }

  private ClusterException.InvalidField invalid(String field, String problem) {
    return new ClusterException.InvalidField(field, version.text(), problem, null);
  }

  private static ClusterException.InvalidSignature sig(LockVersion v, String field,
      String problem) {
    return new ClusterException.InvalidSignature(field, v.text(), problem);
  }
}
