// An independent circuit relay v2 server (js-libp2p, @libp2p/circuit-relay-v2) for the Java relay
// tests. Usage: node relay-server.mjs <secp256k1 key hex> <port> <reservation ttl ms>
//   <duration limit ms, 0 = default> <data limit bytes, 0 = default>
// Events: listening <multiaddr> <peer id>, reservation <peer id>, conn-open <peer>, conn-close <peer>
// Commands: reservations -> reservations <comma separated peer ids>
import readline from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { circuitRelayServer } from '@libp2p/circuit-relay-v2'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'

const [keyHex, port, ttl, durationLimit, dataLimit] = process.argv.slice(2)
const privateKey = privateKeyFromProtobuf(new Uint8Array([0x08, 0x02, 0x12, 0x20, ...Buffer.from(keyHex, 'hex')]))

const reservations = { reservationTtl: Number(ttl), maxReservations: 64 }
if (Number(durationLimit) > 0) reservations.defaultDurationLimit = Number(durationLimit)
if (Number(dataLimit) > 0) reservations.defaultDataLimit = BigInt(dataLimit)

const node = await createLibp2p({
  privateKey,
  addresses: { listen: [`/ip4/127.0.0.1/tcp/${port}`] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: {
    identify: identify(),
    ping: ping(),
    relay: circuitRelayServer({ reservations })
  },
  connectionManager: { maxConnections: 100 }
})

node.services.relay.addEventListener('relay:reservation', (e) => console.log(`reservation ${e.detail.peer ?? e.detail.peerId ?? ''}`))
node.addEventListener('connection:open', (e) => console.log(`conn-open ${e.detail.remotePeer}`))
node.addEventListener('connection:close', (e) => console.log(`conn-close ${e.detail.remotePeer}`))

const rl = readline.createInterface({ input: process.stdin })
rl.on('line', (line) => {
  const [cmd] = line.trim().split(' ')
  if (cmd === 'reservations') {
    console.log(`reservations ${[...node.services.relay.reservations.keys()].map(String).join(',')}`)
  } else if (cmd === 'stop') {
    node.stop().then(() => process.exit(0))
  }
})
rl.on('close', () => node.stop().then(() => process.exit(0)))

for (const a of node.getMultiaddrs()) {
  console.log(`listening ${a.toString()} ${node.peerId}`)
}
