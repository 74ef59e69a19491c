// A js-libp2p cluster member speaking Charon's /charon/parsigex/2.0.0 by hand: every message is a
// go-msgio frame (unsigned-varint length, then a ParSigExMsg protobuf) on its own stream, and the
// protobuf is written and read here field by field, with no protobuf library.
// Usage: node parsigex-peer.mjs <secp256k1 key hex> <listen port, 0 for any> <allowed peer ids, comma separated>
// Commands (one per line) and their answers:
//   dial <multiaddr>        -> dialed <peer id> | dial-error <message>
//   send <peer> <json>      -> sent <frame bytes> | send-error <message>
//       json: {"slot":"<uint64>","type":<duty code>,"entries":[{"pubkey":"0x…","data":"<hex>","signature":"<hex>","share_idx":n}]}
//   flood <peer> <json> <count> <parallel> [lazy]
//                           -> flood-ok <count> <ms> (the message, <count> times, <parallel> streams at once;
//                              the slot of each copy is the send time in microseconds since the epoch; with
//                              "lazy", each stream is opened with negotiateFully: false, so the multistream
//                              header, the protocol and the frame go out together)
//   stats                   -> stats <received sets> <errors> <p50 µs> <p99 µs> <elapsed µs>
//                              (quiet mode, for flood messages: latency is receive-and-decode time minus
//                              the slot; elapsed runs from the earliest slot to the last receipt)
//   reset                   -> reset-ok (clears the stats)
//   quiet <true|false>      -> quiet-ok (quiet: received sets are counted, not printed)
//   verify <json>           -> verify-ok; from now on every received set is BLS-verified (@chainsafe/blst,
//                              one batch per set) before it counts, and a set that fails is an error.
//       json: {"root":"<signing root hex>","shares":{"0x<validator>":"<public share hex>"}}; each entry's
//       payload must be Charon JSON with a "signature" (a RANDAO reveal)
// Events: listening <multiaddr> <peer id>, conn-open <peer>, conn-close <peer>,
//         received <peer> <json as in send, plus "frame":"<hex of the whole stream>">,
//         received-error <peer> <message>
import readline from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { PublicKey, Signature, verifyMultipleAggregateSignatures } from '@chainsafe/blst'

const PROTOCOL = '/charon/parsigex/2.0.0'
const MAX_MESSAGE = 128 * 1024 * 1024 // Charon's maxMsgSize
const MAX_STREAMS = 4096

// ---- protobuf, by hand -------------------------------------------------------------------------

function varint (value) {
  let v = BigInt(value)
  if (v < 0n) v += 1n << 64n // int32/int64 negatives are ten-byte two's complement
  const out = []
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    out.push(b)
  } while (v > 0n)
  return Uint8Array.from(out)
}

function concat (parts) {
  const n = parts.reduce((a, p) => a + p.length, 0)
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

const tag = (field, wire) => varint((field << 3) | wire)
const lenField = (field, bytes) => bytes.length === 0 ? new Uint8Array(0) : concat([tag(field, 2), varint(bytes.length), bytes])
const msgField = (field, bytes) => concat([tag(field, 2), varint(bytes.length), bytes]) // sub-messages are always written
const varField = (field, value) => BigInt(value) === 0n ? new Uint8Array(0) : concat([tag(field, 0), varint(value)])
const hexBytes = (h) => new Uint8Array(Buffer.from((h ?? '').replace(/^0x/, ''), 'hex'))
const hex = (u8) => Buffer.from(u8).toString('hex')

// ParSigExMsg { Duty duty = 1; ParSignedDataSet data_set = 2 }
// Duty { uint64 slot = 1; int32 type = 2 }
// ParSignedDataSet { map<string, ParSignedData> set = 1 }   (entry: string key = 1, value = 2)
// ParSignedData { bytes data = 1; bytes signature = 2; int32 share_idx = 3 }
function encodeMessage (m) {
  const duty = concat([varField(1, m.slot), varField(2, m.type)])
  const entries = m.entries.map((e) => {
    const value = concat([lenField(1, hexBytes(e.data)), lenField(2, hexBytes(e.signature)), varField(3, e.share_idx)])
    return msgField(1, concat([lenField(1, new TextEncoder().encode(e.pubkey)), msgField(2, value)]))
  })
  const body = concat([msgField(1, duty), msgField(2, concat(entries))])
  return concat([varint(body.length), body])
}

class Reader {
  constructor (bytes) { this.b = bytes; this.p = 0 }
  done () { return this.p >= this.b.length }
  varint () {
    let v = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.p >= this.b.length) throw new Error('truncated varint')
      const x = this.b[this.p++]
      v |= BigInt(x & 0x7f) << shift
      if ((x & 0x80) === 0) return v
    }
    throw new Error('varint too long')
  }
  bytes () {
    const n = Number(this.varint())
    if (this.p + n > this.b.length) throw new Error(`field of ${n} bytes overruns the message`)
    const out = this.b.subarray(this.p, this.p + n)
    this.p += n
    return out
  }
  // Calls fn(field, wire) for each field; fn reads the value or returns false to skip it.
  fields (fn) {
    while (!this.done()) {
      const key = Number(this.varint())
      const field = key >>> 3
      const wire = key & 7
      if (fn(field, wire) !== false) continue
      if (wire === 0) this.varint()
      else if (wire === 2) this.bytes()
      else if (wire === 1) this.p += 8
      else if (wire === 5) this.p += 4
      else throw new Error(`unsupported wire type ${wire}`)
    }
  }
}

const int32 = (v) => Number(BigInt.asIntN(32, v))

function parseMessage (body) {
  const m = { slot: '0', type: 0, entries: [] }
  let hasDuty = false
  let hasSet = false
  const r = new Reader(body)
  r.fields((f, w) => {
    if (f === 1 && w === 2) {
      hasDuty = true
      const d = new Reader(r.bytes())
      d.fields((df, dw) => {
        if (df === 1 && dw === 0) { m.slot = d.varint().toString(); return true }
        if (df === 2 && dw === 0) { m.type = int32(d.varint()); return true }
        return false
      })
      return true
    }
    if (f === 2 && w === 2) {
      hasSet = true
      const s = new Reader(r.bytes())
      s.fields((sf, sw) => {
        if (sf !== 1 || sw !== 2) return false
        const entry = new Reader(s.bytes())
        const e = { pubkey: '', data: '', signature: '', share_idx: 0 }
        entry.fields((ef, ew) => {
          if (ef === 1 && ew === 2) { e.pubkey = new TextDecoder('utf-8', { fatal: true }).decode(entry.bytes()); return true }
          if (ef === 2 && ew === 2) {
            const v = new Reader(entry.bytes())
            v.fields((vf, vw) => {
              if (vf === 1 && vw === 2) { e.data = hex(v.bytes()); return true }
              if (vf === 2 && vw === 2) { e.signature = hex(v.bytes()); return true }
              if (vf === 3 && vw === 0) { e.share_idx = int32(v.varint()); return true }
              return false
            })
            return true
          }
          return false
        })
        m.entries.push(e)
        return true
      })
      return true
    }
    return false
  })
  if (!hasDuty) throw new Error('message has no duty')
  if (!hasSet) throw new Error('message has no data set')
  return m
}

// One go-msgio frame: the length prefix, then exactly that many bytes (anything after is ignored).
function parseFrame (bytes) {
  const r = new Reader(bytes)
  const n = r.varint()
  if (n > BigInt(MAX_MESSAGE)) throw new Error(`frame of ${n} bytes is over the limit`)
  if (r.p + Number(n) > bytes.length) throw new Error(`frame announces ${n} bytes, ${bytes.length - r.p} arrived`)
  return parseMessage(bytes.subarray(r.p, r.p + Number(n)))
}

// ---- the peer ----------------------------------------------------------------------------------

const [keyHex, portArg, allowedArg] = process.argv.slice(2)
const privateKey = privateKeyFromProtobuf(new Uint8Array([0x08, 0x02, 0x12, 0x20, ...Buffer.from(keyHex, 'hex')]))
const allowed = new Set((allowedArg ?? '').split(',').filter((s) => s.length > 0))
const denied = (peerId) => !allowed.has(peerId.toString())

const node = await createLibp2p({
  privateKey,
  addresses: { listen: [`/ip4/127.0.0.1/tcp/${Number(portArg ?? 0)}`] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify() },
  connectionGater: {
    denyDialMultiaddr: () => false,
    denyInboundEncryptedConnection: denied,
    denyOutboundEncryptedConnection: denied
  },
  connectionManager: { maxConnections: 16 }
})

const nowMicros = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000))
const stats = { received: 0, errors: 0, latencies: [], minSlot: 0n, lastRecv: 0n }
let quiet = false
let verifying = null // { root: Uint8Array, shares: Map<pubkey, PublicKey> }

function verifySet (m) {
  const sets = m.entries.map((e) => {
    const pk = verifying.shares.get(e.pubkey)
    if (pk === undefined) throw new Error(`no public share for ${e.pubkey}`)
    const sig = JSON.parse(Buffer.from(e.data, 'hex').toString('utf8')).signature
    return { msg: verifying.root, pk, sig: Signature.fromBytes(hexBytes(sig), true) }
  })
  if (!verifyMultipleAggregateSignatures(sets, false, true)) throw new Error('invalid signature in set')
}
const bytesOf = (chunk) => chunk.subarray ? chunk.subarray() : chunk

await node.handle(PROTOCOL, async (stream, connection) => {
  const peer = (connection ?? stream.connection)?.remotePeer?.toString() ?? '?'
  const parts = []
  let size = 0
  try {
    for await (const chunk of stream) {
      const b = bytesOf(chunk)
      size += b.byteLength
      if (size > MAX_MESSAGE + 10) throw new Error('stream longer than one maximal frame')
      parts.push(b)
    }
    const frame = concat(parts)
    const m = parseFrame(frame)
    if (verifying !== null) verifySet(m)
    const now = nowMicros()
    stats.received++
    if (quiet) {
      const slot = BigInt(m.slot)
      if (stats.minSlot === 0n || slot < stats.minSlot) stats.minSlot = slot
      stats.lastRecv = now
      stats.latencies.push(Number(now - slot))
    } else {
      m.frame = hex(frame)
      console.log(`received ${peer} ${JSON.stringify(m)}`)
    }
  } catch (e) {
    stats.errors++
    console.log(`received-error ${peer} ${String(e.message ?? e).replaceAll('\n', ' ')}`)
    stream.abort?.(e)
    return
  }
  try { await stream.close() } catch {}
}, { maxInboundStreams: MAX_STREAMS, maxOutboundStreams: MAX_STREAMS })

node.addEventListener('connection:open', (e) => console.log(`conn-open ${e.detail.remotePeer}`))
node.addEventListener('connection:close', (e) => console.log(`conn-close ${e.detail.remotePeer}`))

async function sendFrame (peer, frame, lazy = false) {
  const stream = await node.dialProtocol(peer, PROTOCOL, { maxOutboundStreams: MAX_STREAMS, negotiateFully: !lazy })
  if (!stream.send(frame)) await stream.onDrain()
  await stream.close()
}

async function flood (peer, m, count, parallel, lazy) {
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await sendFrame(peer, encodeMessage({ ...m, slot: nowMicros().toString() }), lazy)
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: parallel }, worker))
  return performance.now() - t0
}

function percentile (sorted, p) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

console.log(`listening ${node.getMultiaddrs()[0]} ${node.peerId}`)
const rl = readline.createInterface({ input: process.stdin })
for await (const line of rl) {
  const [cmd, a, b, c, d, e] = line.trim().split(' ')
  try {
    if (cmd === 'dial') {
      const conn = await node.dial(multiaddr(a))
      console.log(`dialed ${conn.remotePeer}`)
    } else if (cmd === 'send') {
      const frame = encodeMessage(JSON.parse(b))
      await sendFrame(peerIdFromString(a), frame)
      console.log(`sent ${frame.length}`)
    } else if (cmd === 'flood') {
      const ms = await flood(peerIdFromString(a), JSON.parse(b), Number(c), Number(d), e === 'lazy')
      console.log(`flood-ok ${c} ${ms.toFixed(1)}`)
    } else if (cmd === 'stats') {
      const sorted = Float64Array.from(stats.latencies).sort()
      const elapsed = stats.minSlot === 0n ? 0n : stats.lastRecv - stats.minSlot
      console.log(`stats ${stats.received} ${stats.errors} ${percentile(sorted, 0.5)} ${percentile(sorted, 0.99)} ${elapsed}`)
    } else if (cmd === 'reset') {
      stats.received = 0; stats.errors = 0; stats.latencies = []; stats.minSlot = 0n; stats.lastRecv = 0n
      console.log('reset-ok')
    } else if (cmd === 'verify') {
      const v = JSON.parse(a)
      verifying = { root: hexBytes(v.root), shares: new Map(Object.entries(v.shares).map(([k, h]) => [k, PublicKey.fromBytes(hexBytes(h), true)])) }
      console.log('verify-ok')
    } else if (cmd === 'quiet') {
      quiet = a === 'true'
      console.log('quiet-ok')
    } else if (cmd === 'exit') {
      break
    }
  } catch (e) {
    console.log(`${cmd}-error ${String(e.message ?? e).replaceAll('\n', ' ')}`)
  }
}
await node.stop()
process.exit(0)
