package io.parsigex.eth2.spec;

import static io.parsigex.eth2.ssz.Ssz.*;

import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.Field;
import io.parsigex.eth2.ssz.SszType;
import java.util.ArrayList;
import java.util.List;

/** Builds block bodies from the fields every fork since altair shares. */
final class Bodies {
  private Bodies() {}

  /** The altair body fields with the fork's slashing and attestation types. */
  static List<Field> altairFields(ContainerType attesterSlashing, int maxAttesterSlashings,
      ContainerType attestation, int maxAttestations) {
    List<Field> f = new ArrayList<>();
    f.add(field("randao_reveal", Phase0.BLS_SIGNATURE));
    f.add(field("eth1_data", Phase0.ETH1_DATA));
    f.add(field("graffiti", BYTES32));
    f.add(field("proposer_slashings", list(Phase0.PROPOSER_SLASHING,
        Preset.MAX_PROPOSER_SLASHINGS)));
    f.add(field("attester_slashings", list(attesterSlashing, maxAttesterSlashings)));
    f.add(field("attestations", list(attestation, maxAttestations)));
    f.add(field("deposits", list(Phase0.DEPOSIT, Preset.MAX_DEPOSITS)));
    f.add(field("voluntary_exits", list(Phase0.SIGNED_VOLUNTARY_EXIT,
        Preset.MAX_VOLUNTARY_EXITS)));
    f.add(field("sync_aggregate", Altair.SYNC_AGGREGATE));
    return f;
  }

  static ContainerType body(String name, List<Field> fields) {
    return container(name, fields.toArray(new Field[0]));
  }

  /** The bellatrix execution payload (or header) fields up to {@code block_hash}. */
  static List<Field> payloadFields() {
    List<Field> f = new ArrayList<>();
    f.add(field("parent_hash", BYTES32));
    f.add(field("fee_recipient", EXECUTION_ADDRESS));
    f.add(field("state_root", BYTES32));
    f.add(field("receipts_root", BYTES32));
    f.add(field("logs_bloom", byteVector("LogsBloom", Preset.BYTES_PER_LOGS_BLOOM)));
    f.add(field("prev_randao", BYTES32));
    f.add(field("block_number", UINT64));
    f.add(field("gas_limit", UINT64));
    f.add(field("gas_used", UINT64));
    f.add(field("timestamp", UINT64));
    f.add(field("extra_data", byteList("ExtraData", Preset.MAX_EXTRA_DATA_BYTES)));
    f.add(field("base_fee_per_gas", UINT256));
    f.add(field("block_hash", BYTES32));
    return f;
  }

  static List<Field> with(List<Field> fields, Field... more) {
    List<Field> f = new ArrayList<>(fields);
    f.addAll(List.of(more));
    return f;
  }

  static SszType transactions() {
    return list(byteList("Transaction", Preset.MAX_BYTES_PER_TRANSACTION),
        Preset.MAX_TRANSACTIONS_PER_PAYLOAD);
  }
}
