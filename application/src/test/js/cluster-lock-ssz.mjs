// Independent hash oracle for v1.10 and v1.11 cluster locks: @chainsafe/ssz containers declared from
// Charon's field list (cluster/ssz.go), fed from the lock JSON, print the three hashes.
// Usage: node cluster-lock-ssz.mjs <lock.json>...  ->  "<file> <config_hash> <definition_hash> <lock_hash>"
import { readFileSync } from 'node:fs'
import {
  BooleanType, ByteListType, ByteVectorType, ContainerType, ListBasicType, ListCompositeType, UintBigintType,
} from '@chainsafe/ssz'

const u64 = new UintBigintType(8)
const bytesN = (n) => new ByteVectorType(n)
const k1Sigs = new ListCompositeType(bytesN(65), 32)
const hex = (s) => new Uint8Array(Buffer.from((s ?? '').replace(/^0x/, ''), 'hex'))
const utf8 = (s) => new Uint8Array(Buffer.from(s ?? '', 'utf8'))
const sigList = (s) => { const b = hex(s); const out = []; for (let i = 0; i < b.length; i += 65) out.push(b.slice(i, i + 65)); return out }
const toHex = (u8) => '0x' + Buffer.from(u8).toString('hex')

const common = (operator, creator, extra) => ({
  uuid: new ByteListType(64), name: new ByteListType(256), version: new ByteListType(16), timestamp: new ByteListType(32),
  num_validators: u64, threshold: u64, dkg_algorithm: new ByteListType(32), fork_version: bytesN(4),
  operators: new ListCompositeType(operator, 256), creator,
  validators: new ListCompositeType(new ContainerType({ fee_recipient_address: bytesN(20), withdrawal_address: bytesN(20) }), 65536),
  deposit_amounts: new ListBasicType(u64, 256), consensus_protocol: new ByteListType(256), target_gas_limit: u64, compounding: new BooleanType(),
  ...extra,
})
const ConfigType = new ContainerType(common(new ContainerType({ address: bytesN(20) }), new ContainerType({ address: bytesN(20) }), {}))
// v1.11 holds lists of 65-byte signatures (smart-contract operators); v1.10 a single Bytes65.
const definitionType = (sig) => new ContainerType(common(
  new ContainerType({ address: bytesN(20), enr: new ByteListType(1024), config_signature: sig, enr_signature: sig }),
  new ContainerType({ address: bytesN(20), config_signature: sig }),
  { config_hash: bytesN(32) }))
const DEFINITION = { 'v1.10.0': definitionType(bytesN(65)), 'v1.11.0': definitionType(k1Sigs) }
const Deposit = new ContainerType({ pubkey: bytesN(48), withdrawal_credentials: bytesN(32), amount: u64, signature: bytesN(96) })
const Registration = new ContainerType({
  message: new ContainerType({ fee_recipient: bytesN(20), gas_limit: u64, timestamp: u64, pubkey: bytesN(48) }),
  signature: bytesN(96),
})
const Validator = new ContainerType({
  pubkey: bytesN(48), pubshares: new ListCompositeType(bytesN(48), 256),
  partial_deposit_data: new ListCompositeType(Deposit, 256), builder_registration: Registration,
})
const lockType = (def) => new ContainerType({ definition: def, validators: new ListCompositeType(Validator, 65536) })

function definitionValue(d, configOnly) {
  const sig = d.version === 'v1.10.0' ? (s) => hex(s) : sigList
  const v = {
    uuid: utf8(d.uuid), name: utf8(d.name), version: utf8(d.version), timestamp: utf8(d.timestamp),
    num_validators: BigInt(d.num_validators), threshold: BigInt(d.threshold), dkg_algorithm: utf8(d.dkg_algorithm),
    fork_version: hex(d.fork_version),
    operators: d.operators.map((o) => configOnly ? { address: hex(o.address) }
      : { address: hex(o.address), enr: utf8(o.enr), config_signature: sig(o.config_signature), enr_signature: sig(o.enr_signature) }),
    creator: configOnly ? { address: hex(d.creator.address) }
      : { address: hex(d.creator.address), config_signature: sig(d.creator.config_signature) },
    validators: d.validators.map((a) => ({ fee_recipient_address: hex(a.fee_recipient_address), withdrawal_address: hex(a.withdrawal_address) })),
    deposit_amounts: (d.deposit_amounts ?? []).map((a) => BigInt(a)),
    consensus_protocol: utf8(d.consensus_protocol), target_gas_limit: BigInt(d.target_gas_limit ?? 0), compounding: !!d.compounding,
  }
  if (!configOnly) v.config_hash = hex(d.config_hash)
  return v
}

for (const file of process.argv.slice(2)) {
  const lock = JSON.parse(readFileSync(file, 'utf8'))
  const d = lock.cluster_definition
  const DefinitionType = DEFINITION[d.version]
  if (!DefinitionType) throw new Error(`only v1.10.0 and v1.11.0 are modelled, not ${d.version}`)
  const LockType = lockType(DefinitionType)
  const validators = lock.distributed_validators.map((dv) => ({
    pubkey: hex(dv.distributed_public_key),
    pubshares: dv.public_shares.map(hex),
    partial_deposit_data: (dv.partial_deposit_data ?? []).map((p) => ({
      pubkey: hex(p.pubkey), withdrawal_credentials: hex(p.withdrawal_credentials), amount: BigInt(p.amount), signature: hex(p.signature),
    })),
    builder_registration: {
      message: {
        fee_recipient: hex(dv.builder_registration.message.fee_recipient), gas_limit: BigInt(dv.builder_registration.message.gas_limit),
        timestamp: BigInt(dv.builder_registration.message.timestamp), pubkey: hex(dv.builder_registration.message.pubkey),
      },
      signature: hex(dv.builder_registration.signature),
    },
  }))
  const config = ConfigType.hashTreeRoot(definitionValue(d, true))
  const definition = DefinitionType.hashTreeRoot(definitionValue(d, false))
  const lockHash = LockType.hashTreeRoot({ definition: definitionValue(d, false), validators })
  console.log(`${file} ${toHex(config)} ${toHex(definition)} ${toHex(lockHash)}`)
}
