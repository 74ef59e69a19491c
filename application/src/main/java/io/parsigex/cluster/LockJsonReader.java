package io.parsigex.cluster;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.ClusterDefinition.Creator;
import io.parsigex.cluster.ClusterDefinition.ValidatorAddresses;
import io.parsigex.cluster.DistributedValidator.BuilderRegistration;
import io.parsigex.cluster.DistributedValidator.DepositData;
import io.parsigex.cluster.enr.Enr;
import io.parsigex.cluster.enr.EnrException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

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
  private static final HexFormat HEX = HexFormat.of();

  private final JsonMapper mapper = JsonMapper.builder().build();

  ClusterLock read(byte[] json) throws ClusterException {
    JsonNode root = parse(json, "cluster lock");
    JsonNode def = root.get("cluster_definition");
    if (def == null || !def.isObject()) {
      throw new ClusterException.Unreadable(
          "cluster lock has no cluster_definition object; is this a cluster-definition.json?", null);
    }
    Fields f = new Fields(version(def));
    LockVersion version = f.version;
    ClusterDefinition definition = definition(f, def);
    List<ClusterOperator> members = new ArrayList<>();
    for (ClusterDefinition.Operator o : definition.operators()) {
      members.add(member(f, o));
    }
    List<DistributedValidator> validators = new ArrayList<>();
    JsonNode dvs = f.array(root, "distributed_validators", "distributed_validators", MAX_VALIDATORS);
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
    return definition(new Fields(version(root)), root);
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

  private ClusterDefinition definition(Fields f, JsonNode d) throws ClusterException {
    LockVersion v = f.version;
    String p = "cluster_definition.";
    long numValidators = f.uint(d, "num_validators", p + "num_validators");
    if (numValidators > MAX_VALIDATORS) {
      throw f.invalid(p + "num_validators", "is " + numValidators + ", above Charon's limit of "
          + MAX_VALIDATORS);
    }
    Bytes forkVersion;
    if (v.before(LockVersion.V1_2)) {
      forkVersion = f.hexString(f.string(d, "fork_version", p + "fork_version"), p + "fork_version");
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
        addresses.add(new ValidatorAddresses(f.string(a, "fee_recipient_address",
            q + "fee_recipient_address"), f.string(a, "withdrawal_address", q + "withdrawal_address")));
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
    return new ClusterDefinition(v, f.string(d, "name", p + "name"), f.string(d, "uuid", p + "uuid"),
        f.string(d, "timestamp", p + "timestamp"), numValidators,
        f.uint(d, "threshold", p + "threshold"), f.string(d, "dkg_algorithm", p + "dkg_algorithm"),
        forkVersion, operators, creator, addresses, deposits, consensus, gasLimit, compounding,
        f.bytes(d, "config_hash", p + "config_hash"),
        f.bytes(d, "definition_hash", p + "definition_hash"));
  }

  private ClusterDefinition.Operator operator(Fields f, JsonNode node, int index, String path)
      throws ClusterException {
    JsonNode o = f.object(node, path);
    if (f.version.before(LockVersion.V1_2)) {
      long nonce = f.uint(o, "nonce", path + ".nonce");
      if (nonce != 0) {
        throw f.invalid(path + ".nonce", "is " + nonce + "; only nonce 0 is supported");
      }
    }
    return new ClusterDefinition.Operator(index, f.string(o, "address", path + ".address"),
        f.string(o, "enr", path + ".enr"), f.bytes(o, "config_signature", path + ".config_signature"),
        f.bytes(o, "enr_signature", path + ".enr_signature"));
  }

  private static ClusterOperator member(Fields f, ClusterDefinition.Operator o)
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

  private DistributedValidator validator(Fields f, JsonNode node, String path)
      throws ClusterException {
    LockVersion v = f.version;
    JsonNode dv = f.object(node, path);
    PubKey key = f.pubKey(f.hexBytes(dv, "distributed_public_key", path + ".distributed_public_key"),
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
      JsonNode pdd = f.array(dv, "partial_deposit_data", path + ".partial_deposit_data", MAX_DEPOSITS);
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

  private DepositData deposit(Fields f, JsonNode d, String path) throws ClusterException {
    return new DepositData(f.bytes(d, "pubkey", path + ".pubkey"),
        f.bytes(d, "withdrawal_credentials", path + ".withdrawal_credentials"),
        f.intOrString(d, "amount", path + ".amount"), f.bytes(d, "signature", path + ".signature"));
  }

  /** Typed field access for one lock version; every fault names its JSON path. */
  private static final class Fields {
    private final LockVersion version;

    Fields(LockVersion version) {
      this.version = version;
    }

    ClusterException.InvalidField invalid(String path, String problem) {
      return new ClusterException.InvalidField(path, version.text(), problem, null);
    }

    JsonNode object(JsonNode node, String path) throws ClusterException {
      if (node == null || !node.isObject()) {
        throw invalid(path, "must be a JSON object");
      }
      return node;
    }

    JsonNode objectOrEmpty(JsonNode parent, String name, String path) throws ClusterException {
      JsonNode n = parent.get(name);
      if (n == null || n.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      return object(n, path);
    }

    JsonNode array(JsonNode parent, String name, String path, int max) throws ClusterException {
      JsonNode n = parent.get(name);
      if (n == null || n.isNull()) {
        return JsonNodeFactory.instance.arrayNode();
      }
      if (!n.isArray()) {
        throw invalid(path, "must be a JSON array");
      }
      if (n.size() > max) {
        throw invalid(path, "has " + n.size() + " entries, above the limit of " + max);
      }
      return n;
    }

    String string(JsonNode parent, String name, String path) throws ClusterException {
      JsonNode n = parent.get(name);
      if (n == null || n.isNull()) {
        return "";
      }
      if (!n.isString()) {
        throw invalid(path, "must be a string");
      }
      return n.stringValue();
    }

    boolean bool(JsonNode parent, String name, String path) throws ClusterException {
      JsonNode n = parent.get(name);
      if (n == null || n.isNull()) {
        return false;
      }
      if (!n.isBoolean()) {
        throw invalid(path, "must be true or false");
      }
      return n.booleanValue();
    }

    long uint(JsonNode parent, String name, String path) throws ClusterException {
      JsonNode n = parent.get(name);
      if (n == null || n.isNull()) {
        return 0;
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
        throw invalid(path, "must be a non-negative integer");
      }
      return n.longValue();
    }

    long uintValue(JsonNode n, String path) throws ClusterException {
      if (n.isString()) {
        try {
          return Long.parseUnsignedLong(n.stringValue());
        } catch (NumberFormatException e) {
          throw invalid(path, "must be an unsigned decimal integer, got '" + n.stringValue() + "'");
        }
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
        throw invalid(path, "must be a non-negative integer");
      }
      return n.longValue();
    }

    long intOrString(JsonNode parent, String name, String path) throws ClusterException {
      JsonNode n = parent.get(name);
      if (n == null || n.isNull()) {
        return 0;
      }
      if (n.isString()) {
        try {
          return Long.parseLong(n.stringValue());
        } catch (NumberFormatException e) {
          throw invalid(path, "must be a decimal integer, got '" + n.stringValue() + "'");
        }
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw invalid(path, "must be an integer");
      }
      return n.longValue();
    }

    /** A byte field in this version's encoding: base64 before v1.2, 0x-hex after. */
    Bytes bytes(JsonNode parent, String name, String path) throws ClusterException {
      JsonNode n = parent.get(name);
      if (n == null || n.isNull()) {
        return Bytes.EMPTY;
      }
      return bytesValue(n, path);
    }

    Bytes bytesValue(JsonNode n, String path) throws ClusterException {
      if (!n.isString()) {
        throw invalid(path, "must be a string");
      }
      if (version.before(LockVersion.V1_2)) {
        try {
          return Bytes.of(Base64.getDecoder().decode(n.stringValue()));
        } catch (IllegalArgumentException e) {
          throw invalid(path, "must be base64 in lock version " + version + ": " + e.getMessage());
        }
      }
      return hexString(n.stringValue(), path);
    }

    /** A field that is 0x-hex in every version. */
    Bytes hexBytes(JsonNode parent, String name, String path) throws ClusterException {
      return hexString(string(parent, name, path), path);
    }

    Bytes hexString(String text, String path) throws ClusterException {
      String t = text.startsWith("0x") ? text.substring(2) : text;
      if (t.length() % 2 != 0) {
        throw invalid(path, "must be hex with an even number of digits, got " + t.length());
      }
      try {
        return Bytes.of(HEX.parseHex(t));
      } catch (IllegalArgumentException e) {
        throw invalid(path, "must be 0x-prefixed hex: " + e.getMessage());
      }
    }

    PubKey pubKey(Bytes b, String path) throws ClusterException {
      if (b.length() != PubKey.LENGTH) {
        throw invalid(path, "must be a " + PubKey.LENGTH + "-byte BLS public key, got "
            + b.length() + " bytes");
      }
      return PubKey.fromBytes(b.value());
    }
  }
}
