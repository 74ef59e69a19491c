// A js-libp2p cluster member that runs /charon/peerinfo/2.0.0 the way a Charon node does, with the
// PeerInfo protobuf written and read here field by field (no protobuf library):
// - as responder (Charon's p2p.RegisterHandler): read one uvarint-delimited PeerInfo of at most
//   1 MiB, answer with our own PeerInfo, close;
// - as requester (Charon's peerinfo.sendOnce over p2p.SendReceive): write our PeerInfo, close the
//   write side, read one delimited PeerInfo, then apply Charon's checks in Charon's order.
// Usage: node peerinfo-peer.mjs <secp256k1 key hex> <allowed peer ids, comma separated> <lock hash hex> <builder true|false>
// Commands (one per line) and their answers:
//   dial <multiaddr>   -> dialed <peer id> | dial-error <message>
//   ask <peer>         -> peerinfo <json> | ask-error <message>
//       json: the answer's fields (charon_version, lock_hash, git_hash, sent_at_ms, started_at_ms,
//       builder_api_enabled, nickname, dv_client) and what Charon derives: "checks" lists, in order,
//       "timestamps" (false: Charon logs "Received invalid peerinfo response" and stops), "git_hash"
//       (false: "Invalid peer git hash", stops), "version_check" ("skipped" for a dv_client other
//       than charon, else "supported"/"unsupported"), "lock_hash_match", "builder_api_match",
//       "clock_offset_ms"; and "frame_bytes", "trailing_bytes" (bytes after the one message)
// Events: listening <multiaddr> <peer id>, answered <peer> <json of the request's fields>,
//         answer-error <peer> <message>
import readline from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'

const PROTOCOL = '/charon/peerinfo/2.0.0'
const MAX_MESSAGE = 1 << 20 // Charon's maxPeerInfoMsgSize
const GIT_HASH = /^[0-9a-f]{7}$/ // Charon's gitHashMatch
const SUPPORTED_MINORS = ['v1.11', 'v1.10', 'v1.9', 'v1.8', 'v1.7', 'v1.6', 'v1.5', 'v1.4', 'v1.3', 'v1.2', 'v1.1', 'v1.0']

// ---- protobuf, by hand -------------------------------------------------------------------------

function varint (value) {
  let v = BigInt(value)
  if (v < 0n) v += 1n << 64n
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
const msgField = (field, bytes) => concat([tag(field, 2), varint(bytes.length), bytes])
const varField = (field, value) => BigInt(value) === 0n ? new Uint8Array(0) : concat([tag(field, 0), varint(value)])
const text = (s) => new TextEncoder().encode(s)
const hex = (u8) => Buffer.from(u8).toString('hex')

// google.protobuf.Timestamp { int64 seconds = 1; int32 nanos = 2 }
function timestamp (ms) {
  return concat([varField(1, Math.floor(ms / 1000)), varField(2, (ms % 1000) * 1000000)])
}

// PeerInfo { string charon_version = 1; bytes lock_hash = 2; optional Timestamp sent_at = 3;
//   string git_hash = 4; optional Timestamp started_at = 5; bool builder_api_enabled = 6;
//   string nickname = 7; string dv_client = 8 }, fields in number order as Go writes them
function encodePeerInfo (p) {
  return concat([
    lenField(1, text(p.charon_version)), lenField(2, Buffer.from(p.lock_hash, 'hex')),
    msgField(3, timestamp(p.sent_at_ms)), lenField(4, text(p.git_hash)),
    msgField(5, timestamp(p.started_at_ms)), varField(6, p.builder_api_enabled ? 1 : 0),
    lenField(7, text(p.nickname)), lenField(8, text(p.dv_client))
  ])
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

function decodeTimestamp (bytes) {
  let seconds = 0n
  let nanos = 0n
  const r = new Reader(bytes)
  r.fields((f, w) => {
    if (f === 1 && w === 0) { seconds = BigInt.asIntN(64, r.varint()); return true }
    if (f === 2 && w === 0) { nanos = BigInt.asIntN(32, r.varint()); return true }
    return false
  })
  return Number(seconds * 1000n + nanos / 1000000n)
}

function decodePeerInfo (body) {
  const p = { charon_version: '', lock_hash: '', sent_at_ms: null, git_hash: '', started_at_ms: null, builder_api_enabled: false, nickname: '', dv_client: '' }
  const utf8 = (b) => new TextDecoder('utf-8', { fatal: true }).decode(b)
  const r = new Reader(body)
  r.fields((f, w) => {
    if (w === 2 && f === 1) { p.charon_version = utf8(r.bytes()); return true }
    if (w === 2 && f === 2) { p.lock_hash = hex(r.bytes()); return true }
    if (w === 2 && f === 3) { p.sent_at_ms = decodeTimestamp(r.bytes()); return true }
    if (w === 2 && f === 4) { p.git_hash = utf8(r.bytes()); return true }
    if (w === 2 && f === 5) { p.started_at_ms = decodeTimestamp(r.bytes()); return true }
    if (w === 0 && f === 6) { p.builder_api_enabled = r.varint() !== 0n; return true }
    if (w === 2 && f === 7) { p.nickname = utf8(r.bytes()); return true }
    if (w === 2 && f === 8) { p.dv_client = utf8(r.bytes()); return true }
    return false
  })
  return p
}

// One go-msgio delimited message from the start of `bytes`; returns it and the bytes after it.
function readDelimited (bytes) {
  const r = new Reader(bytes)
  const n = r.varint()
  if (n > BigInt(MAX_MESSAGE)) throw new Error(`message of ${n} bytes is over the 1 MiB limit`)
  if (r.p + Number(n) > bytes.length) throw new Error(`message announces ${n} bytes, ${bytes.length - r.p} arrived`)
  return { body: bytes.subarray(r.p, r.p + Number(n)), trailing: bytes.length - r.p - Number(n) }
}

const delimited = (body) => concat([varint(body.length), body])
const bytesOf = (chunk) => chunk.subarray ? chunk.subarray() : chunk

// ---- the peer ----------------------------------------------------------------------------------

const [keyHex, allowedArg, lockHash, builderArg] = process.argv.slice(2)
const privateKey = privateKeyFromProtobuf(new Uint8Array([0x08, 0x02, 0x12, 0x20, ...Buffer.from(keyHex, 'hex')]))
const allowed = new Set((allowedArg ?? '').split(',').filter((s) => s.length > 0))
const denied = (peerId) => !allowed.has(peerId.toString())
const startedAt = Date.now()
const builder = builderArg === 'true'
const ours = () => ({ charon_version: 'v1.11.0', lock_hash: lockHash, sent_at_ms: Date.now(), git_hash: 'abcdef1', started_at_ms: startedAt, builder_api_enabled: builder, nickname: 'js-charon', dv_client: 'charon' })

const node = await createLibp2p({
  privateKey,
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify() },
  connectionGater: {
    denyDialMultiaddr: () => false,
    denyInboundEncryptedConnection: denied,
    denyOutboundEncryptedConnection: denied
  }
})

async function readAll (stream) {
  const parts = []
  let size = 0
  for await (const chunk of stream) {
    const b = bytesOf(chunk)
    size += b.byteLength
    if (size > MAX_MESSAGE + 16) throw new Error('stream longer than one maximal message')
    parts.push(Buffer.from(b))
  }
  return concat(parts)
}

await node.handle(PROTOCOL, async (stream, connection) => {
  const peer = (connection ?? stream.connection)?.remotePeer?.toString() ?? '?'
  try {
    // Charon's handler reads the one request; the requester has closed its write side
    const { body } = readDelimited(await readAll(stream))
    const request = decodePeerInfo(body)
    if (!stream.send(delimited(encodePeerInfo(ours())))) await stream.onDrain()
    await stream.close()
    console.log(`answered ${peer} ${JSON.stringify(request)}`)
  } catch (e) {
    console.log(`answer-error ${peer} ${String(e.message ?? e).replaceAll('\n', ' ')}`)
    stream.abort?.(e)
  }
})

function supportedPeerVersion (v) {
  const m = /^v(\d+)\.(\d+)/.exec(v)
  if (m === null) return 'unsupported'
  const [major, minor] = [Number(m[1]), Number(m[2])]
  if (major > 1 || (major === 1 && minor > 11)) return 'supported'
  return SUPPORTED_MINORS.includes(`v${major}.${minor}`) ? 'supported' : 'unsupported'
}

async function ask (peer) {
  const stream = await node.dialProtocol(peer, PROTOCOL)
  const t0 = Date.now()
  if (!stream.send(delimited(encodePeerInfo(ours())))) await stream.onDrain()
  const closing = stream.close()
  const frame = await readAll(stream)
  await closing
  if (frame.length === 0) throw new Error(`the stream ended without an answer (status ${stream.status}, read ${stream.readStatus}, write ${stream.writeStatus})`)
  const rtt = Date.now() - t0
  const { body, trailing } = readDelimited(frame)
  const p = decodePeerInfo(body)
  const checks = {}
  checks.timestamps = p.sent_at_ms !== null && p.started_at_ms !== null
  if (checks.timestamps) {
    checks.git_hash = GIT_HASH.test(p.git_hash) || p.git_hash === 'unknown'
    if (checks.git_hash) {
      const dvClient = p.dv_client === '' ? 'charon' : p.dv_client
      checks.version_check = dvClient === 'charon' ? supportedPeerVersion(p.charon_version) : 'skipped'
      checks.lock_hash_match = p.lock_hash === lockHash
      checks.builder_api_match = p.builder_api_enabled === builder
      checks.clock_offset_ms = p.sent_at_ms - (Date.now() - rtt / 2)
    }
  }
  return { ...p, checks, frame_bytes: frame.length, trailing_bytes: trailing }
}

console.log(`listening ${node.getMultiaddrs()[0]} ${node.peerId}`)
const rl = readline.createInterface({ input: process.stdin })
for await (const line of rl) {
  const [cmd, a] = line.trim().split(' ')
  try {
    if (cmd === 'dial') {
      const conn = await node.dial(multiaddr(a))
      console.log(`dialed ${conn.remotePeer}`)
    } else if (cmd === 'ask') {
      console.log(`peerinfo ${JSON.stringify(await ask(peerIdFromString(a)))}`)
    } else if (cmd === 'exit') {
      break
    }
  } catch (e) {
    console.log(`${cmd}-error ${String(e.message ?? e).replaceAll('\n', ' ')}`)
  }
}
await node.stop()
process.exit(0)
