package io.parsigex.node.demo;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The duties the demo cluster signs in a slot, as Charon JSON templates. A template takes the hex
 * signature (without {@code 0x}) and yields the payload JSON; the message root never depends on the
 * signature, so the demo can parse a template with a zero signature, compute the signing root, sign,
 * and fill in the real signature.
 *
 * <p>Every slot: randao reveal and proposal for the slot's proposer, an attestation, a sync
 * committee message and a beacon committee selection for every validator, and an aggregate for the
 * slot's aggregator. Payloads are fulu (data version 6): VersionedAttestation with the 20-byte
 * header, a blinded VersionedSignedProposal, a VersionedSignedAggregateAndProof.
 */
public final class DemoDuties {

  /** Charon's data version of fulu. */
  static final int FULU = 6;

  private static final HexFormat HEX = HexFormat.of();

  private DemoDuties() {}

  /**
   * One validator's payload template for a duty.
   *
   * @param duty the duty
   * @param validator index of the validator in the demo's validator list
   * @param template hex signature to payload JSON
   */
  public record Signing(Duty duty, int validator, Function<String, String> template) {}

  /**
   * What every member signs in a slot.
   *
   * @param slot the slot
   * @param slotsPerEpoch the chain's slots per epoch
   * @param validators number of validators
   * @return the templates, grouped by duty in a stable order
   */
  public static List<Signing> forSlot(long slot, long slotsPerEpoch, int validators) {
    long epoch = slot / slotsPerEpoch;
    int proposer = (int) (slot % validators);
    int aggregator = (int) ((slot + 1) % validators);
    String blockRoot = root("block", slot);
    List<Signing> out = new ArrayList<>();
    out.add(new Signing(new Duty(slot, DutyType.RANDAO), proposer,
        sig -> "{\"epoch\":\"" + epoch + "\",\"signature\":\"0x" + sig + "\"}"));
    out.add(new Signing(new Duty(slot, DutyType.PROPOSER), proposer,
        sig -> proposal(slot, proposer, sig)));
    for (int v = 0; v < validators; v++) {
      int vi = v;
      out.add(new Signing(new Duty(slot, DutyType.ATTESTER), v,
          sig -> "{\"version\":" + FULU + ",\"validator_index\":\"" + vi + "\",\"attestation\":"
              + attestation(slot, epoch, blockRoot, vi, sig) + "}"));
    }
    for (int v = 0; v < validators; v++) {
      int vi = v;
      out.add(new Signing(new Duty(slot, DutyType.SYNC_MESSAGE), v,
          sig -> "{\"slot\":\"" + slot + "\",\"beacon_block_root\":\"" + blockRoot
              + "\",\"validator_index\":\"" + vi + "\",\"signature\":\"0x" + sig + "\"}"));
    }
    for (int v = 0; v < validators; v++) {
      int vi = v;
      out.add(new Signing(new Duty(slot, DutyType.PREPARE_AGGREGATOR), v,
          sig -> "{\"validator_index\":\"" + vi + "\",\"slot\":\"" + slot
              + "\",\"selection_proof\":\"0x" + sig + "\"}"));
    }
    String zeroSig = "0".repeat(192);
    out.add(new Signing(new Duty(slot, DutyType.AGGREGATOR), aggregator,
        sig -> "{\"version\":" + FULU + ",\"aggregate_and_proof\":{\"message\":{"
            + "\"aggregator_index\":\"" + aggregator + "\",\"aggregate\":"
            + attestation(slot, epoch, blockRoot, aggregator, zeroSig)
            + ",\"selection_proof\":\"0x" + zeroSig + "\"},\"signature\":\"0x" + sig + "\"}}"));
    return out;
  }

  private static String attestation(long slot, long epoch, String blockRoot, int validator,
      String sig) {
    long source = epoch == 0 ? 0 : epoch - 1;
    return "{\"aggregation_bits\":\"0x" + bitlist(validator) + "\",\"data\":{\"slot\":\"" + slot
        + "\",\"index\":\"0\",\"beacon_block_root\":\"" + blockRoot + "\",\"source\":{\"epoch\":\""
        + source + "\",\"root\":\"" + root("checkpoint", source) + "\"},\"target\":{\"epoch\":\""
        + epoch + "\",\"root\":\"" + root("checkpoint", epoch) + "\"}},\"signature\":\"0x" + sig
        + "\",\"committee_bits\":\"0x0100000000000000\"}";
  }

  /** A committee of 16 with only {@code validator}'s bit set, plus the length delimiter. */
  private static String bitlist(int validator) {
    byte[] b = new byte[3];
    int bit = validator % 16;
    b[bit / 8] |= (byte) (1 << (bit % 8));
    b[2] = 1; // delimiter at bit 16
    return HEX.formatHex(b);
  }

  private static String proposal(long slot, int proposer, String sig) {
    String z32 = "0x" + "00".repeat(32);
    String z96 = "0x" + "00".repeat(96);
    String header = "{\"parent_hash\":\"" + root("exec-parent", slot) + "\",\"fee_recipient\":\"0x"
        + "00".repeat(20) + "\",\"state_root\":\"" + root("exec-state", slot)
        + "\",\"receipts_root\":\"" + z32 + "\",\"logs_bloom\":\"0x" + "00".repeat(256)
        + "\",\"prev_randao\":\"" + root("randao", slot) + "\",\"block_number\":\"" + slot
        + "\",\"gas_limit\":\"36000000\",\"gas_used\":\"0\",\"timestamp\":\"" + (1_700_000_000L + slot)
        + "\",\"extra_data\":\"0x\",\"base_fee_per_gas\":\"7\",\"block_hash\":\""
        + root("exec-block", slot) + "\",\"transactions_root\":\"" + z32
        + "\",\"withdrawals_root\":\"" + z32 + "\",\"blob_gas_used\":\"0\",\"excess_blob_gas\":\"0\"}";
    String body = "{\"randao_reveal\":\"" + z96 + "\",\"eth1_data\":{\"deposit_root\":\"" + z32
        + "\",\"deposit_count\":\"0\",\"block_hash\":\"" + z32 + "\"},\"graffiti\":\"" + z32
        + "\",\"proposer_slashings\":[],\"attester_slashings\":[],\"attestations\":[],"
        + "\"deposits\":[],\"voluntary_exits\":[],\"sync_aggregate\":{\"sync_committee_bits\":\"0x"
        + "00".repeat(64) + "\",\"sync_committee_signature\":\"0xc0" + "00".repeat(95)
        + "\"},\"execution_payload_header\":" + header + ",\"bls_to_execution_changes\":[],"
        + "\"blob_kzg_commitments\":[],\"execution_requests\":{\"deposits\":[],\"withdrawals\":[],"
        + "\"consolidations\":[]}}";
    String block = "{\"slot\":\"" + slot + "\",\"proposer_index\":\"" + proposer
        + "\",\"parent_root\":\"" + root("block", slot == 0 ? 0 : slot - 1) + "\",\"state_root\":\""
        + root("state", slot) + "\",\"body\":" + body + "}";
    return "{\"version\":" + FULU + ",\"block\":{\"message\":" + block + ",\"signature\":\"0x" + sig
        + "\"},\"blinded\":true}";
  }

  /** A deterministic, distinct 32-byte root per label and number. */
  static String root(String label, long n) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest((label + ":" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "0x" + HEX.formatHex(h);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
