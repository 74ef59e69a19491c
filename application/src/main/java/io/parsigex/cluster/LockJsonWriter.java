package io.parsigex.cluster;

import io.parsigex.api.PubKey;
import io.parsigex.cluster.DistributedValidator.BuilderRegistration;
import io.parsigex.cluster.DistributedValidator.DepositData;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a lock in Charon's JSON for the versions that share the v1.10/v1.11 shape (field order as
 * Charon marshals it, 0x-hex bytes, deposit amounts as decimal strings).
 */
final class LockJsonWriter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LockJsonWriter() {}

  static byte[] write(ClusterLock lock) {
    if (lock.version().before(LockVersion.V1_10)) {
      throw new IllegalArgumentException("only v1.10+ locks are written, not " + lock.version());
    }
    ObjectNode root = NODES.objectNode();
    root.set("cluster_definition", definition(lock.definition()));
    ArrayNode dvs = root.putArray("distributed_validators");
    for (DistributedValidator dv : lock.validators()) {
      dvs.add(validator(dv));
    }
    root.put("signature_aggregate", lock.signatureAggregate().to0xHex());
    root.put("lock_hash", lock.lockHash().to0xHex());
    ArrayNode ns = root.putArray("node_signatures");
    lock.nodeSignatures().forEach(s -> ns.add(s.to0xHex()));
    return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
        .writeValueAsBytes(root);
  }

  private static ObjectNode definition(ClusterDefinition d) {
    ObjectNode o = NODES.objectNode();
    o.put("name", d.name());
    ObjectNode creator = o.putObject("creator");
    creator.put("address", d.creator().address());
    creator.put("config_signature", d.creator().configSignature().to0xHex());
    ArrayNode ops = o.putArray("operators");
    for (ClusterDefinition.Operator op : d.operators()) {
      ObjectNode j = ops.addObject();
      j.put("address", op.address());
      j.put("enr", op.enr());
      j.put("config_signature", op.configSignature().to0xHex());
      j.put("enr_signature", op.enrSignature().to0xHex());
    }
    o.put("uuid", d.uuid());
    o.put("version", d.version().text());
    o.put("timestamp", d.timestamp());
    o.put("num_validators", d.numValidators());
    o.put("threshold", d.threshold());
    ArrayNode vas = o.putArray("validators");
    for (ClusterDefinition.ValidatorAddresses va : d.validatorAddresses()) {
      ObjectNode j = vas.addObject();
      j.put("fee_recipient_address", va.feeRecipientAddress());
      j.put("withdrawal_address", va.withdrawalAddress());
    }
    o.put("dkg_algorithm", d.dkgAlgorithm());
    o.put("fork_version", d.forkVersion().to0xHex());
    ArrayNode amounts = o.putArray("deposit_amounts");
    d.depositAmounts().forEach(a -> amounts.add(Long.toUnsignedString(a)));
    o.put("consensus_protocol", d.consensusProtocol());
    o.put("target_gas_limit", d.targetGasLimit());
    o.put("compounding", d.compounding());
    o.put("config_hash", d.configHash().to0xHex());
    o.put("definition_hash", d.definitionHash().to0xHex());
    return o;
  }

  private static ObjectNode validator(DistributedValidator dv) {
    ObjectNode o = NODES.objectNode();
    o.put("distributed_public_key", dv.publicKey().wireKey());
    ArrayNode shares = o.putArray("public_shares");
    for (PubKey s : dv.publicShares()) {
      shares.add(s.wireKey());
    }
    BuilderRegistration r = dv.builderRegistration();
    ObjectNode reg = o.putObject("builder_registration");
    ObjectNode msg = reg.putObject("message");
    msg.put("fee_recipient", r.feeRecipient().to0xHex());
    msg.put("gas_limit", r.gasLimit());
    msg.put("timestamp", r.timestamp());
    msg.put("pubkey", r.pubkey().to0xHex());
    reg.put("signature", r.signature().to0xHex());
    ArrayNode pdd = o.putArray("partial_deposit_data");
    for (DepositData d : dv.partialDepositData()) {
      ObjectNode j = pdd.addObject();
      j.put("pubkey", d.pubkey().to0xHex());
      j.put("withdrawal_credentials", d.withdrawalCredentials().to0xHex());
      j.put("amount", Long.toString(d.amount()));
      j.put("signature", d.signature().to0xHex());
    }
    return o;
  }
}
