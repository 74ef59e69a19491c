// A js-libp2p peer (TCP, Noise, Yamux, identify, ping) that the Java interop tests drive over
// stdin/stdout. Usage: node libp2p-peer.mjs <secp256k1 key hex> <allowed peer ids, comma separated, or "all">
// Serves /test/echo/1.0.0 (echo, then close) and /test/sink/1.0.0 (count bytes, then close).
// Commands (one per line) and their answers:
//   dial <multiaddr>                      -> dialed <peer id> | dial-error <message>
//   echo <peer> <count> <size> <parallel> -> echo-ok <count> | echo-error <message>
//   big <peer> <bytes>                    -> big-ok <bytes> <sha256 hex> | big-error <message>
//   ping <peer>                           -> ping-ok <ms> | ping-error <message>
//   stats                                 -> stats <echo streams served> <sink streams> <sink bytes>
//   peers                                 -> peers <comma separated connected peer ids>
// Events: listening <multiaddr> <peer id>, conn-open <peer>, conn-close <peer>,
//         identified <peer> <agent> <comma separated protocols>
import readline from 'node:readline'
import { createHash, randomBytes } from 'node:crypto'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'

const [keyHex, allowedArg] = process.argv.slice(2)
const privateKey = privateKeyFromProtobuf(new Uint8Array([0x08, 0x02, 0x12, 0x20, ...Buffer.from(keyHex, 'hex')]))
const allowed = allowedArg === 'all' ? null : new Set(allowedArg.split(','))
const denied = (peerId) => allowed !== null && !allowed.has(peerId.toString())

const node = await createLibp2p({
  privateKey,
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), ping: ping() },
  connectionGater: {
    denyDialMultiaddr: () => false,
    denyInboundEncryptedConnection: denied,
    denyOutboundEncryptedConnection: denied
  },
  connectionManager: { maxConnections: 100 }
})

const stats = { echo: 0, sink: 0, sinkBytes: 0 }
const bytesOf = (chunk) => chunk.subarray ? chunk.subarray() : chunk

async function sendAll (stream, data) {
  if (!stream.send(data)) {
    await stream.onDrain()
  }
}

await node.handle('/test/echo/1.0.0', async (stream) => {
  stats.echo++
  try {
    for await (const chunk of stream) {
      await sendAll(stream, bytesOf(chunk))
    }
    await stream.close()
  } catch (e) {
    stream.abort(e)
  }
}, { maxInboundStreams: 2048 })

await node.handle('/test/sink/1.0.0', async (stream) => {
  stats.sink++
  for await (const chunk of stream) {
    stats.sinkBytes += chunk.byteLength
  }
  await stream.close()
}, { maxInboundStreams: 2048 })

node.addEventListener('connection:open', (e) => console.log(`conn-open ${e.detail.remotePeer}`))
node.addEventListener('connection:close', (e) => console.log(`conn-close ${e.detail.remotePeer}`))
node.addEventListener('peer:identify', (e) => {
  console.log(`identified ${e.detail.peerId} ${e.detail.agentVersion} ${e.detail.protocols.join(',')}`)
})

async function echoOnce (peer, size) {
  const payload = randomBytes(size)
  const stream = await node.dialProtocol(peer, '/test/echo/1.0.0', { maxOutboundStreams: 2048 })
  await sendAll(stream, payload)
  const closing = stream.close()
  const parts = []
  let got = 0
  for await (const chunk of stream) {
    const b = bytesOf(chunk)
    parts.push(Buffer.from(b))
    got += b.byteLength
  }
  await closing
  const back = Buffer.concat(parts, got)
  if (!back.equals(payload)) throw new Error(`echo mismatch: sent ${size} got ${got}`)
}

async function echoMany (peer, count, size, parallel) {
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await echoOnce(peer, size)
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
}

async function big (peer, total) {
  const stream = await node.dialProtocol(peer, '/test/echo/1.0.0')
  const sent = createHash('sha256')
  const received = createHash('sha256')
  let got = 0
  const reader = (async () => {
    for await (const chunk of stream) {
      const b = bytesOf(chunk)
      received.update(b)
      got += b.byteLength
    }
  })()
  const chunkSize = 64 * 1024
  for (let off = 0; off < total; off += chunkSize) {
    const c = randomBytes(Math.min(chunkSize, total - off))
    sent.update(c)
    await sendAll(stream, c)
  }
  await stream.close()
  await reader
  const a = sent.digest('hex')
  const b = received.digest('hex')
  if (got !== total || a !== b) throw new Error(`big echo mismatch: ${got} of ${total} bytes`)
  return a
}

console.log(`listening ${node.getMultiaddrs()[0]} ${node.peerId}`)
const rl = readline.createInterface({ input: process.stdin })
for await (const line of rl) {
  const [cmd, a, b, c, d] = line.trim().split(' ')
  try {
    if (cmd === 'dial') {
      const conn = await node.dial(multiaddr(a))
      console.log(`dialed ${conn.remotePeer}`)
    } else if (cmd === 'echo') {
      await echoMany(peerIdFromString(a), Number(b), Number(c), Number(d))
      console.log(`echo-ok ${b}`)
    } else if (cmd === 'big') {
      const h = await big(peerIdFromString(a), Number(b))
      console.log(`big-ok ${b} ${h}`)
    } else if (cmd === 'ping') {
      const ms = await node.services.ping.ping(peerIdFromString(a))
      console.log(`ping-ok ${ms}`)
    } else if (cmd === 'stats') {
      console.log(`stats ${stats.echo} ${stats.sink} ${stats.sinkBytes}`)
    } else if (cmd === 'peers') {
      console.log(`peers ${node.getPeers().map(String).join(',')}`)
    } else if (cmd === 'exit') {
      break
    }
  } catch (e) {
    console.log(`${cmd}-error ${String(e.message ?? e).replaceAll('\n', ' ')}`)
  }
}
await node.stop()
process.exit(0)
