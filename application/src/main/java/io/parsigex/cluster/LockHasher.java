package io.parsigex.cluster;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.ClusterDefinition.ValidatorAddresses;
import io.parsigex.cluster.DistributedValidator.BuilderRegistration;
import io.parsigex.cluster.DistributedValidator.DepositData;
import io.parsigex.eth2.ssz.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Charon's config, definition and lock hashes, per version ({@code charon:cluster/ssz.go}).
 *
 * <ul>
 *   <li>v1.0–v1.2 ("legacy"): a merkle tree over the <em>text</em> of most fields (UUID, hex
 *       addresses, the fork version's hex, the validator key's hex), list sizes as limits.
 *   <li>v1.3+: SSZ {@code hash_tree_root} of typed containers (ByteList[64] uuid, Bytes20 addresses,
 *       CompositeList[256] operators, …), growing field by field with the version; v1.6 has
 *       Charon's known bug of a deposit-data container that is not merkleized.
 * </ul>
 */
final class LockHasher {

  private static final int MAX_ENR = 1024;
  private static final int MAX_NAME = 256;
  private static final int MAX_UUID = 64;
  private static final int MAX_VERSION = 16;
  private static final int MAX_TIMESTAMP = 32;
  private static final int MAX_DKG_ALGORITHM = 32;
  private static final int MAX_OPERATORS = 256;
  private static final int MAX_VALIDATORS = 65536;
  private static final int MAX_DEPOSIT_AMOUNTS = 256;
  private static final int MAX_K1_SIGS = 32;
  private static final int FORK_VERSION_LENGTH = 4;
  private static final int K1_SIG_LENGTH = 65;
  private static final int BLS_SIG_LENGTH = 96;
  private static final int HASH_LENGTH = 32;
  private static final int WITHDRAWAL_CREDS_LENGTH = 32;
  private static final int ADDRESS_LENGTH = 20;
  private static final HexFormat HEX = HexFormat.of();

  private final LockVersion version;
  private final String where;

  private LockHasher(LockVersion version) {
    this.version = version;
    this.where = version.text();
  }

  /**
   * The config hash (definition without ENRs and signatures).
   *
   * @param d the definition
   * @return 32 bytes
   * @throws ClusterException.InvalidField when a field does not fit its SSZ type
   */
  static byte[] configHash(ClusterDefinition d) throws ClusterException {
    MerkleHasher h = new MerkleHasher();
    new LockHasher(d.version()).definition(d, h, true);
    return h.root();
  }

  /**
   * The definition hash (every definition field, including the stored config hash for v1.3+).
   *
   * @param d the definition
   * @return 32 bytes
   * @throws ClusterException.InvalidField when a field does not fit its SSZ type
   */
  static byte[] definitionHash(ClusterDefinition d) throws ClusterException {
    MerkleHasher h = new MerkleHasher();
    new LockHasher(d.version()).definition(d, h, false);
    return h.root();
  }

  /**
   * The lock hash.
   *
   * @param lock the lock
   * @return 32 bytes
   * @throws ClusterException.InvalidField when a field does not fit its SSZ type
   */
  static byte[] lockHash(ClusterLock lock) throws ClusterException {
    LockHasher self = new LockHasher(lock.version());
    MerkleHasher h = new MerkleHasher();
    int indx = h.index();
    self.definition(lock.definition(), h, false);
    int vals = h.index();
    for (int i = 0; i < lock.validators().size(); i++) {
      self.validator(lock.validators().get(i), h, "distributed_validators[" + i + "]");
    }
    long n = lock.validators().size();
    h.merkleizeWithMixin(vals, n, lock.version().before(LockVersion.V1_3) ? n : MAX_VALIDATORS);
    h.merkleize(indx);
    return h.root();
  }

  private void definition(ClusterDefinition d, MerkleHasher h, boolean configOnly)
      throws ClusterException {
    if (version.before(LockVersion.V1_3)) {
      legacyDefinition(d, h, configOnly);
    } else if (version.before(LockVersion.V1_5)) {
      definitionV13or14(d, h, configOnly);
    } else {
      definitionV15orLater(d, h, configOnly);
    }
  }

  private void legacyDefinition(ClusterDefinition d, MerkleHasher h, boolean configOnly)
      throws ClusterException {
    ValidatorAddresses va = legacyAddresses(d);
    int indx = h.index();
    h.putBytes(ascii(d.uuid()));
    h.putBytes(ascii(d.name()));
    h.putBytes(ascii(version.text()));
    h.putUint64(d.numValidators());
    h.putUint64(d.threshold());
    h.putBytes(ascii(va.feeRecipientAddress()));
    h.putBytes(ascii(va.withdrawalAddress()));
    h.putBytes(ascii(d.dkgAlgorithm()));
    h.putBytes(ascii(d.forkVersion().to0xHex()));
    int ops = h.index();
    for (ClusterDefinition.Operator o : d.operators()) {
      if (configOnly) {
        h.putBytes(ascii(o.address()));
        continue;
      }
      int sub = h.index();
      h.putBytes(ascii(o.address()));
      h.putBytes(ascii(o.enr()));
      if (version.before(LockVersion.V1_2)) {
        h.putUint64(0); // the operator nonce, always zero
      }
      h.putBytes(o.configSignature().toArray());
      h.putBytes(o.enrSignature().toArray());
      h.merkleize(sub);
    }
    long n = d.operators().size();
    h.merkleizeWithMixin(ops, n, n);
    if (configOnly) {
      if (!d.timestamp().isEmpty()) {
        h.putBytes(ascii(d.timestamp()));
      }
    } else if (version != LockVersion.V1_0) {
      h.putBytes(ascii(d.timestamp()));
    }
    h.merkleize(indx);
  }

  private void definitionV13or14(ClusterDefinition d, MerkleHasher h, boolean configOnly)
      throws ClusterException {
    ValidatorAddresses va = legacyAddresses(d);
    String p = "cluster_definition.";
    int indx = h.index();
    byteList(h, ascii(d.uuid()), MAX_UUID, p + "uuid");
    byteList(h, ascii(d.name()), MAX_NAME, p + "name");
    byteList(h, ascii(version.text()), MAX_VERSION, p + "version");
    byteList(h, ascii(d.timestamp()), MAX_TIMESTAMP, p + "timestamp");
    h.putUint64(d.numValidators());
    h.putUint64(d.threshold());
    h.putBytes(address(va.feeRecipientAddress(), p + "fee_recipient_address"));
    h.putBytes(address(va.withdrawalAddress(), p + "withdrawal_address"));
    byteList(h, ascii(d.dkgAlgorithm()), MAX_DKG_ALGORITHM, p + "dkg_algorithm");
    h.putBytes(d.forkVersion().toArray());
    int ops = h.index();
    for (ClusterDefinition.Operator o : d.operators()) {
      String q = p + "operators[" + o.index() + "].";
      int sub = h.index();
      h.putBytes(address(o.address(), q + "address"));
      if (!configOnly) {
        byteList(h, ascii(o.enr()), MAX_ENR, q + "enr");
        h.putBytes(o.configSignature().toArray());
        h.putBytes(o.enrSignature().toArray());
      }
      h.merkleize(sub);
    }
    h.merkleizeWithMixin(ops, d.operators().size(), MAX_OPERATORS);
    if (version != LockVersion.V1_3) {
      int c = h.index();
      h.putBytes(address(d.creator().address(), p + "creator.address"));
      if (!configOnly) {
        h.putBytes(d.creator().configSignature().toArray());
      }
      h.merkleize(c);
    }
    if (!configOnly) {
      h.putBytes(d.configHash().toArray());
    }
    h.merkleize(indx);
  }

  private void definitionV15orLater(ClusterDefinition d, MerkleHasher h, boolean configOnly)
      throws ClusterException {
    boolean sigLists = version.atLeast(LockVersion.V1_11);
    String p = "cluster_definition.";
    int indx = h.index();
    byteList(h, ascii(d.uuid()), MAX_UUID, p + "uuid");
    byteList(h, ascii(d.name()), MAX_NAME, p + "name");
    byteList(h, ascii(version.text()), MAX_VERSION, p + "version");
    byteList(h, ascii(d.timestamp()), MAX_TIMESTAMP, p + "timestamp");
    h.putUint64(d.numValidators());
    h.putUint64(d.threshold());
    byteList(h, ascii(d.dkgAlgorithm()), MAX_DKG_ALGORITHM, p + "dkg_algorithm");
    bytesN(h, d.forkVersion(), FORK_VERSION_LENGTH, p + "fork_version");
    int ops = h.index();
    for (ClusterDefinition.Operator o : d.operators()) {
      String q = p + "operators[" + o.index() + "].";
      int sub = h.index();
      h.putBytes(leftPad(address(o.address(), q + "address"), ADDRESS_LENGTH));
      if (!configOnly) {
        byteList(h, ascii(o.enr()), MAX_ENR, q + "enr");
        k1Signature(h, o.configSignature(), sigLists, q + "config_signature");
        k1Signature(h, o.enrSignature(), sigLists, q + "enr_signature");
      }
      h.merkleize(sub);
    }
    h.merkleizeWithMixin(ops, d.operators().size(), MAX_OPERATORS);
    int c = h.index();
    h.putBytes(leftPad(address(d.creator().address(), p + "creator.address"), ADDRESS_LENGTH));
    if (!configOnly) {
      k1Signature(h, d.creator().configSignature(), sigLists, p + "creator.config_signature");
    }
    h.merkleize(c);
    int vas = h.index();
    for (int i = 0; i < d.validatorAddresses().size(); i++) {
      ValidatorAddresses va = d.validatorAddresses().get(i);
      String q = p + "validators[" + i + "].";
      int sub = h.index();
      h.putBytes(leftPad(address(va.feeRecipientAddress(), q + "fee_recipient_address"),
          ADDRESS_LENGTH));
      h.putBytes(leftPad(address(va.withdrawalAddress(), q + "withdrawal_address"),
          ADDRESS_LENGTH));
      h.merkleize(sub);
    }
    h.merkleizeWithMixin(vas, d.validatorAddresses().size(), MAX_VALIDATORS);
    if (version.atLeast(LockVersion.V1_8)) {
      h.putUint64List(d.depositAmounts().stream().mapToLong(Long::longValue).toArray(),
          MAX_DEPOSIT_AMOUNTS);
    }
    if (version.atLeast(LockVersion.V1_9)) {
      byteList(h, ascii(d.consensusProtocol()), MAX_NAME, p + "consensus_protocol");
    }
    if (version.atLeast(LockVersion.V1_10)) {
      h.putUint64(d.targetGasLimit());
      h.putBool(d.compounding());
    }
    if (!configOnly) {
      if (version.atLeast(LockVersion.V1_11)) {
        h.putBytes(d.configHash().toArray());
      } else {
        bytesN(h, d.configHash(), HASH_LENGTH, p + "config_hash");
      }
    }
    h.merkleize(indx);
  }

  private void validator(DistributedValidator v, MerkleHasher h, String path)
      throws ClusterException {
    int indx = h.index();
    if (version.before(LockVersion.V1_3)) {
      h.putBytes(ascii(v.publicKey().wireKey()));
      int shares = h.index();
      for (PubKey s : v.publicShares()) {
        h.putBytes(s.bytes());
      }
      long n = v.publicShares().size();
      h.merkleizeWithMixin(shares, n, n);
      h.merkleize(indx);
      return;
    }
    h.putBytes(v.publicKey().bytes());
    int shares = h.index();
    for (PubKey s : v.publicShares()) {
      h.putBytes(s.bytes());
    }
    h.merkleizeWithMixin(shares, v.publicShares().size(), MAX_OPERATORS);
    if (version.atLeast(LockVersion.V1_8)) {
      int pdd = h.index();
      for (int i = 0; i < v.partialDepositData().size(); i++) {
        int dd = h.index();
        depositData(v.partialDepositData().get(i), h, path + ".partial_deposit_data[" + i + "]");
        h.merkleize(dd);
      }
      h.merkleizeWithMixin(pdd, v.partialDepositData().size(), MAX_DEPOSIT_AMOUNTS);
    } else if (version.atLeast(LockVersion.V1_6)) {
      DepositData dd = v.partialDepositData().isEmpty()
          ? new DepositData(Bytes.EMPTY, Bytes.EMPTY, 0, Bytes.EMPTY)
          : v.partialDepositData().get(0);
      depositData(dd, h, path + ".deposit_data");
    }
    if (version.atLeast(LockVersion.V1_7)) {
      registration(v.builderRegistration(), h, path + ".builder_registration");
    }
    h.merkleize(indx);
  }

  private void depositData(DepositData d, MerkleHasher h, String path) throws ClusterException {
    int indx = h.index();
    bytesN(h, d.pubkey(), PubKey.LENGTH, path + ".pubkey");
    bytesN(h, d.withdrawalCredentials(), WITHDRAWAL_CREDS_LENGTH, path + ".withdrawal_credentials");
    h.putUint64(d.amount());
    bytesN(h, d.signature(), BLS_SIG_LENGTH, path + ".signature");
    if (version != LockVersion.V1_6) {
      h.merkleize(indx); // v1.6 famously lacks this step; its locks were hashed without it
    }
  }

  private void registration(BuilderRegistration r, MerkleHasher h, String path)
      throws ClusterException {
    int indx = h.index();
    int msg = h.index();
    h.putBytes(r.feeRecipient().toArray());
    h.putUint64(r.gasLimit());
    h.putUint64(r.timestamp());
    bytesN(h, r.pubkey(), PubKey.LENGTH, path + ".message.pubkey");
    h.merkleize(msg);
    bytesN(h, r.signature(), BLS_SIG_LENGTH, path + ".signature");
    h.merkleize(indx);
  }

  private void k1Signature(MerkleHasher h, Bytes sig, boolean asList, String path)
      throws ClusterException {
    if (!asList) {
      bytesN(h, sig, K1_SIG_LENGTH, path);
      return;
    }
    byte[] b = sig.toArray();
    if (b.length % K1_SIG_LENGTH != 0) {
      throw invalid(path, "must be a multiple of 65 bytes, got " + b.length);
    }
    int num = b.length / K1_SIG_LENGTH;
    if (num > MAX_K1_SIGS) {
      throw invalid(path, "holds " + num + " signatures, above the limit of " + MAX_K1_SIGS);
    }
    int indx = h.index();
    for (int i = 0; i < num; i++) {
      byte[] one = new byte[K1_SIG_LENGTH];
      System.arraycopy(b, i * K1_SIG_LENGTH, one, 0, K1_SIG_LENGTH);
      h.putBytes(one);
    }
    h.merkleizeWithMixin(indx, num, MAX_K1_SIGS);
  }

  private void byteList(MerkleHasher h, byte[] b, int max, String path) throws ClusterException {
    if (b.length > max) {
      throw invalid(path, "is " + b.length + " bytes long, above its limit of " + max);
    }
    h.putByteList(b, max);
  }

  private void bytesN(MerkleHasher h, Bytes b, int n, String path) throws ClusterException {
    if (b.length() > n) {
      throw invalid(path, "is " + b.length() + " bytes long, above its size of " + n);
    }
    h.putBytes(leftPad(b.toArray(), n));
  }

  private byte[] address(String text, String path) throws ClusterException {
    if (text.isEmpty()) {
      return new byte[0];
    }
    String t = text.startsWith("0x") ? text.substring(2) : text;
    try {
      if (t.length() != 2 * ADDRESS_LENGTH) {
        throw new IllegalArgumentException("expected 40 hex digits, got " + t.length());
      }
      return HEX.parseHex(t);
    } catch (IllegalArgumentException e) {
      throw invalid(path, "must be a 0x-prefixed 20-byte hex address: " + e.getMessage());
    }
  }

  private ValidatorAddresses legacyAddresses(ClusterDefinition d) throws ClusterException {
    List<ValidatorAddresses> all = d.validatorAddresses();
    ValidatorAddresses first = all.isEmpty() ? new ValidatorAddresses("", "") : all.get(0);
    for (ValidatorAddresses va : all) {
      if (!va.equals(first)) {
        throw invalid("cluster_definition.validators",
            "has different addresses per validator, which this version cannot hold");
      }
    }
    return first;
  }

  private ClusterException.InvalidField invalid(String path, String problem) {
    return new ClusterException.InvalidField(path, where, problem, null);
  }

  private static byte[] leftPad(byte[] b, int n) {
    if (b.length >= n) {
      return b;
    }
    byte[] out = new byte[n];
    System.arraycopy(b, 0, out, n - b.length, b.length);
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
