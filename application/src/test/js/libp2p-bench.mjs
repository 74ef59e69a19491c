// Two js-libp2p peers (secp256k1 keys, TCP, Noise, Yamux, identify) doing the work of the Java
// libp2p bench (io.parsigex.libp2p.bench.Libp2pBench), so that both are measured in the same run.
// The listener runs in a worker thread (its own event loop, as the Java listener has its own),
// the dialer in the main thread. Usage: node libp2p-bench.mjs, then commands on stdin, one a line:
//   bulk <bytes>                 -> result {"kind":"bulk","bytes":..,"seconds":..,"cpuSeconds":..,"mibPerSecond":..}
//   streams <count> <in flight> <message bytes>
//                                -> result {"kind":"streams","count":..,"inFlight":..,"seconds":..,"cpuSeconds":..,"streamsPerSecond":..}
// cpuSeconds is the CPU time of the whole process (both peers) during the run.
//   exit
// A failed command answers result {"kind":"error","message":..}.
// The listener serves /parsigex-bench/sink/1.0.0: it counts what arrives and closes its side when
// the dialer closes (no echo); after each run the dialer checks the listener's counts.
import readline from 'node:readline'
import { randomBytes } from 'node:crypto'
import { Worker, isMainThread, parentPort } from 'node:worker_threads'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'

const PROTOCOL = '/parsigex-bench/sink/1.0.0'
const CHUNK = 64 * 1024
const MAX_STREAMS = 4096
const MIB = 1024 * 1024

function cpuSince (before) {
  const d = process.cpuUsage(before)
  return (d.user + d.system) / 1e6
}

async function makeNode (listen) {
  return createLibp2p({
    privateKey: await generateKeyPair('secp256k1'),
    addresses: { listen: listen ? ['/ip4/127.0.0.1/tcp/0'] : [] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() }
  })
}

async function send (stream, data) {
  if (!stream.send(data)) {
    await stream.onDrain()
  }
}

async function drain (stream) {
  // eslint-disable-next-line no-unused-vars
  for await (const _ of stream) { /* the sink sends nothing */ }
}

async function listener () {
  const node = await makeNode(true)
  const counts = { bytes: 0, streams: 0 }
  await node.handle(PROTOCOL, async (stream) => {
    try {
      for await (const chunk of stream) {
        counts.bytes += chunk.byteLength
      }
      await stream.close()
      counts.streams++
    } catch (e) {
      stream.abort(e)
    }
  }, { maxInboundStreams: MAX_STREAMS })
  parentPort.on('message', (m) => {
    if (m === 'counts') {
      parentPort.postMessage({ counts: { ...counts } })
      counts.bytes = 0
      counts.streams = 0
    } else if (m === 'stop') {
      node.stop().then(() => process.exit(0))
    }
  })
  parentPort.postMessage({ address: node.getMultiaddrs()[0].toString() })
}

function fromWorker (worker, key) {
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m[key] !== undefined) {
        worker.off('message', onMessage)
        resolve(m[key])
      }
    }
    worker.on('message', onMessage)
    worker.once('error', reject)
  })
}

async function dialer () {
  const worker = new Worker(new URL(import.meta.url))
  const address = await fromWorker(worker, 'address')
  const node = await makeNode(false)
  const connection = await node.dial(multiaddr(address))
  const counts = async () => {
    const c = fromWorker(worker, 'counts')
    worker.postMessage('counts')
    return c
  }
  await counts() // reset

  async function bulk (total) {
    const chunk = randomBytes(CHUNK)
    const stream = await connection.newStream(PROTOCOL, { maxOutboundStreams: MAX_STREAMS })
    const start = process.hrtime.bigint()
    const cpu = process.cpuUsage()
    const done = drain(stream)
    for (let sent = 0; sent < total; sent += CHUNK) {
      await send(stream, sent + CHUNK <= total ? chunk : chunk.subarray(0, total - sent))
    }
    await stream.close()
    await done
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    const cpuSeconds = cpuSince(cpu)
    const got = await counts()
    if (got.bytes !== total) throw new Error(`the listener got ${got.bytes} of ${total} bytes`)
    return { kind: 'bulk', bytes: total, seconds, cpuSeconds, mibPerSecond: total / MIB / seconds }
  }

  async function streams (count, inFlight, size) {
    const message = randomBytes(size)
    let next = 0
    const worker = async () => {
      while (next < count) {
        next++
        const stream = await connection.newStream(PROTOCOL, { maxOutboundStreams: MAX_STREAMS })
        await send(stream, message)
        await stream.close()
        await drain(stream) // delivered once the listener closed its side
      }
    }
    const start = process.hrtime.bigint()
    const cpu = process.cpuUsage()
    await Promise.all(Array.from({ length: inFlight }, worker))
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    const cpuSeconds = cpuSince(cpu)
    const got = await counts()
    if (got.streams !== count || got.bytes !== count * size) {
      throw new Error(`the listener got ${got.streams} of ${count} streams, ${got.bytes} bytes`)
    }
    return {
      kind: 'streams', count, inFlight, seconds, cpuSeconds, streamsPerSecond: count / seconds
    }
  }

  console.log(`ready ${node.peerId} ${address}`)
  const rl = readline.createInterface({ input: process.stdin })
  for await (const line of rl) {
    const [cmd, a, b, c] = line.trim().split(' ')
    try {
      if (cmd === 'bulk') {
        console.log(`result ${JSON.stringify(await bulk(Number(a)))}`)
      } else if (cmd === 'streams') {
        console.log(`result ${JSON.stringify(await streams(Number(a), Number(b), Number(c)))}`)
      } else if (cmd === 'exit') {
        break
      } else if (cmd !== '') {
        console.log(`result ${JSON.stringify({ kind: 'error', message: `unknown command ${cmd}` })}`)
      }
    } catch (e) {
      console.log(`result ${JSON.stringify({ kind: 'error', message: String(e.message ?? e) })}`)
    }
  }
  worker.postMessage('stop')
  await node.stop()
  process.exit(0)
}

if (isMainThread) {
  await dialer()
} else {
  await listener()
}
