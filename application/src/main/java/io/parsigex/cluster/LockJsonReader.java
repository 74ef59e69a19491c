package io.parsigex.cluster;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.ClusterDefinition.Creator;
import io.parsigex.cluster.ClusterDefinition.ValidatorAddresses;
import io.parsigex.cluster.DistributedValidator.BuilderRegistration;
import io.parsigex.cluster.DistributedValidator.DepositData;
import io.parsigex.cluster.enr.Enr;
import io.parsigex.cluster.enr.EnrException;
import io.parsigex.eth2.ssz.Bytes;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Charon's {@code cluster-lock.json} in each version's JSON shape (base64 byte fields up to
 * v1.1, 0x-hex from v1.2; per-validator addresses from v1.5; deposit data from v1.6; builder
 * registrations and node signatures from v1.7; partial deposits from v1.8; consensus protocol from
 * v1.9; gas limit and compounding from v1.10). Missing fields take their zero value as in Go.
 */
final class LockJsonReader {

  /** The largest lock file read (Charon's own limit for definitions). */
  static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
  /** Charon's SSZ limit on operators. */
  static final int MAX_OPERATORS = 256;
  /** Charon's SSZ limit on validators. */
  static final int MAX_VALIDATORS = 65536;
  /** Charon's SSZ limit on deposit amounts and partial deposits. */
  static final int MAX_DEPOSITS = 256;

  private static final int FORK_VERSION_LENGTH = 4;

  private final JsonMapper mapper = JsonMapper.builder().build();

  ClusterLock read(byte[] json) throws ClusterException {
    JsonNode root = parse(json, "cluster lock");
    JsonNode def = root.get("cluster_definition");
    if (def == null || !def.isObject()) {
      throw new ClusterException.Unreadable(
          "cluster lock has no cluster_definition object; is this a cluster-definition.json?",
          null);
    }
    LockFields f = new LockFields(version(def));
    LockVersion version = f.version;
    ClusterDefinition definition = definition(f, def);
    List<ClusterOperator> members = new ArrayList<>();
    for (ClusterDefinition.Operator o : definition.operators()) {
      ClusterOperator m = member(f, o);
      for (ClusterOperator earlier : members) {
        if (earlier.enr().publicKey().equals(m.enr().publicKey())) {
          throw f.invalid("cluster_definition.operators[" + o.index() + "].enr", "has the same "
              + "key (peer " + m.peerId() + ") as operator " + earlier.index()
              + "; every operator needs its own node key");
        }
      }
      members.add(m);
    }
    List<DistributedValidator> validators = new ArrayList<>();
    JsonNode dvs =
        f.array(root, "distributed_validators", "distributed_validators", MAX_VALIDATORS);
    for (int i = 0; i < dvs.size(); i++) {
      validators.add(validator(f, dvs.get(i), "distributed_validators[" + i + "]"));
    }
    for (int i = 0; i < validators.size(); i++) {
      int shares = validators.get(i).publicShares().size();
      if (shares != members.size()) {
        throw f.invalid("distributed_validators[" + i + "].public_shares", "has " + shares
            + " shares but the cluster has " + members.size() + " operators");
      }
    }
    Bytes lockHash = f.bytes(root, "lock_hash", "lock_hash");
    Bytes aggregate = f.bytes(root, "signature_aggregate", "signature_aggregate");
    List<Bytes> nodeSigs = new ArrayList<>();
    if (version.atLeast(LockVersion.V1_7)) {
      JsonNode ns = f.array(root, "node_signatures", "node_signatures", MAX_OPERATORS);
      for (int i = 0; i < ns.size(); i++) {
        nodeSigs.add(f.bytesValue(ns.get(i), "node_signatures[" + i + "]"));
      }
    }
    return new ClusterLock(definition, members, validators, lockHash, aggregate, nodeSigs);
  }

  ClusterDefinition readDefinition(byte[] json) throws ClusterException {
    JsonNode root = parse(json, "cluster definition");
    if (root.get("cluster_definition") != null) {
      throw new ClusterException.Unreadable(
          "this is a cluster lock, not a cluster-definition.json; load it as a lock", null);
    }
    return definition(new LockFields(version(root)), root);
  }

  private JsonNode parse(byte[] json, String what) throws ClusterException {
    if (json.length > MAX_FILE_BYTES) {
      throw new ClusterException.Unreadable(what + " of " + json.length
          + " bytes exceeds the limit of " + MAX_FILE_BYTES + " bytes", null);
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JacksonException e) {
      throw new ClusterException.Unreadable(what + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ClusterException.Unreadable(what + " must be a JSON object", null);
    }
    return root;
  }

  private static LockVersion version(JsonNode def) throws ClusterException {
    JsonNode versionNode = def.get("version");
    String versionText = versionNode != null && versionNode.isString() ? versionNode.stringValue()
        : String.valueOf(versionNode);
    return LockVersion.parse(versionText)
        .orElseThrow(() -> new ClusterException.UnsupportedVersion(versionText));
  }

  private ClusterDefinition definition(LockFields f, JsonNode d) throws ClusterException {
    LockVersion v = f.version;
    String p = "cluster_definition.";
    long numValidators = f.uint(d, "num_validators", p + "num_validators");
    if (numValidators > MAX_VALIDATORS) {
      throw f.invalid(p + "num_validators", "is " + numValidators + ", above Charon's limit of "
          + MAX_VALIDATORS);
    }
    long threshold = f.uint(d, "threshold", p + "threshold");
    if (threshold > MAX_OPERATORS) {
      throw f.invalid(p + "threshold", "is " + threshold + ", above the operator limit of "
          + MAX_OPERATORS);
    }
    Bytes forkVersion;
    if (v.before(LockVersion.V1_2)) {
      forkVersion =
          f.hexString(f.string(d, "fork_version", p + "fork_version"), p + "fork_version");
    } else {
      forkVersion = f.bytes(d, "fork_version", p + "fork_version");
    }
    if (!forkVersion.isEmpty() && forkVersion.length() != FORK_VERSION_LENGTH) {
      throw f.invalid(p + "fork_version", "must be 4 bytes, got " + forkVersion.length());
    }
    List<ClusterDefinition.Operator> operators = new ArrayList<>();
    JsonNode ops = f.array(d, "operators", p + "operators", MAX_OPERATORS);
    for (int i = 0; i < ops.size(); i++) {
      operators.add(operator(f, ops.get(i), i, p + "operators[" + i + "]"));
    }
    Creator creator = Creator.ABSENT;
    if (v.atLeast(LockVersion.V1_4)) {
      JsonNode c = f.objectOrEmpty(d, "creator", p + "creator");
      creator = new Creator(f.string(c, "address", p + "creator.address"),
          f.bytes(c, "config_signature", p + "creator.config_signature"));
    }
    List<ValidatorAddresses> addresses = new ArrayList<>();
    if (v.before(LockVersion.V1_5)) {
      ValidatorAddresses legacy = new ValidatorAddresses(
          f.string(d, "fee_recipient_address", p + "fee_recipient_address"),
          f.string(d, "withdrawal_address", p + "withdrawal_address"));
      for (long i = 0; i < numValidators; i++) {
        addresses.add(legacy);
      }
    } else {
      JsonNode vs = f.array(d, "validators", p + "validators", MAX_VALIDATORS);
      if (vs.size() != numValidators) {
        throw f.invalid(p + "validators", "has " + vs.size() + " entries but num_validators is "
            + numValidators);
      }
      for (int i = 0; i < vs.size(); i++) {
        String q = p + "validators[" + i + "].";
        JsonNode a = f.object(vs.get(i), q.substring(0, q.length() - 1));
        addresses.add(new ValidatorAddresses(
            f.string(a, "fee_recipient_address", q + "fee_recipient_address"),
            f.string(a, "withdrawal_address", q + "withdrawal_address")));
      }
    }
    List<Long> deposits = new ArrayList<>();
    if (v.atLeast(LockVersion.V1_8)) {
      JsonNode da = f.array(d, "deposit_amounts", p + "deposit_amounts", MAX_DEPOSITS);
      for (int i = 0; i < da.size(); i++) {
        deposits.add(f.uintValue(da.get(i), p + "deposit_amounts[" + i + "]"));
      }
    }
    String consensus = v.atLeast(LockVersion.V1_9)
        ? f.string(d, "consensus_protocol", p + "consensus_protocol") : "";
    long gasLimit = 0;
    boolean compounding = false;
    if (v.atLeast(LockVersion.V1_10)) {
      gasLimit = f.uint(d, "target_gas_limit", p + "target_gas_limit");
      compounding = f.bool(d, "compounding", p + "compounding");
    }
    // Charon's v1.8+ definition readers refuse invalid amounts (since charon ac61f1e5c)
    java.util.Optional<String> badDeposits = DepositAmounts.problem(deposits, compounding);
    if (badDeposits.isPresent()) {
      throw f.invalid(p + "deposit_amounts", badDeposits.get());
    }
    return new ClusterDefinition(v, f.string(d, "name", p + "name"),
        f.string(d, "uuid", p + "uuid"),
        f.string(d, "timestamp", p + "timestamp"), numValidators,
        threshold, f.string(d, "dkg_algorithm", p + "dkg_algorithm"),
        forkVersion, operators, creator, addresses, deposits, consensus, gasLimit, compounding,
        f.bytes(d, "config_hash", p + "config_hash"),
        f.bytes(d, "definition_hash", p + "definition_hash"));
  }

  private ClusterDefinition.Operator operator(LockFields f, JsonNode node, int index, String path)
      throws ClusterException {
    JsonNode o = f.object(node, path);
    if (f.version.before(LockVersion.V1_2)) {
      long nonce = f.uint(o, "nonce", path + ".nonce");
      if (nonce != 0) {
        throw f.invalid(path + ".nonce", "is " + nonce + "; only nonce 0 is supported");
      }
    }
    return new ClusterDefinition.Operator(index, f.string(o, "address", path + ".address"),
        f.string(o, "enr", path + ".enr"),
        f.bytes(o, "config_signature", path + ".config_signature"),
        f.bytes(o, "enr_signature", path + ".enr_signature"));
  }

  private static ClusterOperator member(LockFields f, ClusterDefinition.Operator o)
      throws ClusterException {
    String path = "cluster_definition.operators[" + o.index() + "].enr";
    Enr enr;
    try {
      enr = Enr.parse(o.enr());
    } catch (EnrException e) {
      throw new ClusterException.InvalidField(path, f.version.text(),
          "is not a valid node record: " + e.getMessage(), e);
    }
    return new ClusterOperator(o.index(), o.address(), enr, o.configSignature(), o.enrSignature());
  }

  private DistributedValidator validator(LockFields f, JsonNode node, String path)
      throws ClusterException {
    LockVersion v = f.version;
    JsonNode dv = f.object(node, path);
    PubKey key = f.pubKey(
        f.hexBytes(dv, "distributed_public_key", path + ".distributed_public_key"),
        path + ".distributed_public_key");
    List<PubKey> shares = new ArrayList<>();
    JsonNode ps = f.array(dv, "public_shares", path + ".public_shares", MAX_OPERATORS);
    for (int i = 0; i < ps.size(); i++) {
      String q = path + ".public_shares[" + i + "]";
      shares.add(f.pubKey(f.bytesValue(ps.get(i), q), q));
    }
    if (v.before(LockVersion.V1_6)) {
      if (!f.hexBytes(dv, "fee_recipient_address", path + ".fee_recipient_address").isEmpty()) {
        throw f.invalid(path + ".fee_recipient_address",
            "is set; distributed validator fee recipients are not supported anymore");
      }
    }
    List<DepositData> deposits = new ArrayList<>();
    if (v == LockVersion.V1_6 || v == LockVersion.V1_7) {
      deposits.add(deposit(f, f.objectOrEmpty(dv, "deposit_data", path + ".deposit_data"),
          path + ".deposit_data"));
    } else if (v.atLeast(LockVersion.V1_8)) {
      JsonNode pdd =
          f.array(dv, "partial_deposit_data", path + ".partial_deposit_data", MAX_DEPOSITS);
      for (int i = 0; i < pdd.size(); i++) {
        String q = path + ".partial_deposit_data[" + i + "]";
        deposits.add(deposit(f, f.object(pdd.get(i), q), q));
      }
    }
    BuilderRegistration reg = BuilderRegistration.ABSENT;
    if (v.atLeast(LockVersion.V1_7)) {
      String q = path + ".builder_registration";
      JsonNode br = f.objectOrEmpty(dv, "builder_registration", q);
      JsonNode m = f.objectOrEmpty(br, "message", q + ".message");
      reg = new BuilderRegistration(f.bytes(m, "fee_recipient", q + ".message.fee_recipient"),
          f.uint(m, "gas_limit", q + ".message.gas_limit"),
          f.uint(m, "timestamp", q + ".message.timestamp"),
          f.bytes(m, "pubkey", q + ".message.pubkey"), f.bytes(br, "signature", q + ".signature"));
    }
    return new DistributedValidator(key, shares, deposits, reg);
  }

  private DepositData deposit(LockFields f, JsonNode d, String path) throws ClusterException {
    return new DepositData(f.bytes(d, "pubkey", path + ".pubkey"),
        f.bytes(d, "withdrawal_credentials", path + ".withdrawal_credentials"),
        f.intOrString(d, "amount", path + ".amount"), f.bytes(d, "signature", path + ".signature"));
  }
}
