// A js-libp2p peer reachable only through a circuit relay (no TCP listener): it reserves a slot on
// the given relay and answers ping and identify over relayed connections.
// Usage: node relay-peer.mjs <secp256k1 key hex> <relay multiaddr with /p2p>
// Events: reserved <circuit multiaddr of this peer>, conn-open <peer> <multiaddr>
// Commands: ping <multiaddr> -> ping-ok <ms> | ping-error <message>
import readline from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'

const [keyHex, relayAddr] = process.argv.slice(2)
const privateKey = privateKeyFromProtobuf(new Uint8Array([0x08, 0x02, 0x12, 0x20, ...Buffer.from(keyHex, 'hex')]))

const node = await createLibp2p({
  privateKey,
  addresses: { listen: [`${relayAddr}/p2p-circuit`] },
  transports: [tcp(), circuitRelayTransport()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), ping: ping({ runOnLimitedConnection: true }) },
  connectionGater: { denyDialMultiaddr: () => false },
  connectionManager: { maxConnections: 100 }
})

let announced = false
const announce = () => {
  const circuit = node.getMultiaddrs().find((a) => a.toString().includes('/p2p-circuit'))
  if (circuit != null && !announced) {
    announced = true
    console.log(`reserved ${circuit.toString()}`)
  }
}
node.addEventListener('self:peer:update', announce)
node.addEventListener('connection:open', (e) => console.log(`conn-open ${e.detail.remotePeer} ${e.detail.remoteAddr}`))
announce()

const rl = readline.createInterface({ input: process.stdin })
rl.on('line', async (line) => {
  const [cmd, arg] = line.trim().split(' ')
  if (cmd === 'ping') {
    try {
      const ms = await node.services.ping.ping(multiaddr(arg), { signal: AbortSignal.timeout(20000) })
      console.log(`ping-ok ${ms}`)
    } catch (e) {
      console.log(`ping-error ${e.message.replaceAll('\n', ' ')}`)
    }
  }
})
rl.on('close', () => node.stop().then(() => process.exit(0)))
