// A standalone js-libp2p yamux peer (@chainsafe/libp2p-yamux) over a plain TCP socket, no Noise:
// the independent implementation the Java Yamux tests interoperate with.
//
//   node yamux-peer.mjs listen            prints "LISTENING <port>"; echoes every inbound stream
//                                          (all bytes back, then close), pings the dialer and
//                                          prints "JS_PING_OK <rtt>"
//   node yamux-peer.mjs dial <port> <n>   opens n streams to a Java listener, sends a patterned
//                                          message of a varying size on each, checks the echo and
//                                          prints "DIAL_OK <n>" (or "DIAL_FAIL <why>")
//   node yamux-peer.mjs bulk <port> <MiB> one stream carrying MiB of patterned bytes to a Java
//                                          listener, which answers with their SHA-256; prints
//                                          "BULK_OK <hex>" when it matches (or "BULK_FAIL <why>")
import net from 'node:net'
import { createHash } from 'node:crypto'
import { yamux } from '@chainsafe/libp2p-yamux'
import { AbstractMultiaddrConnection } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'

const quiet = () => {}
const log = Object.assign(quiet, { trace: quiet, error: quiet, enabled: false })
log.newScope = () => log

/** A MultiaddrConnection over a node socket (like @libp2p/tcp's, without the transport). */
class SocketConnection extends AbstractMultiaddrConnection {
  constructor (socket, direction) {
    super({ log, direction, remoteAddr: multiaddr(`/ip4/127.0.0.1/tcp/${socket.remotePort}`) })
    this.socket = socket
    socket.on('data', buf => { this.onData(buf) })
    socket.on('error', err => { this.abort(err) })
    socket.once('end', () => { this.onTransportClosed() })
    socket.once('close', () => { this.onTransportClosed() })
    socket.on('drain', () => { this.safeDispatchEvent('drain') })
  }

  sendData (data) {
    let sentBytes = 0
    let canSendMore = true
    for (const buf of data) {
      sentBytes += buf.byteLength
      canSendMore = this.socket.write(buf)
      if (!canSendMore) break
    }
    return { sentBytes, canSendMore }
  }

  async sendClose () { this.socket.end() }
  sendReset () { this.socket.destroy() }
  sendPause () { this.socket.pause() }
  sendResume () { this.socket.resume() }
}

function muxerFor (socket, direction) {
  const conn = new SocketConnection(socket, direction)
  return yamux({ enableKeepAlive: true, keepAliveInterval: 1000 })().createStreamMuxer(conn)
}

async function echo (stream) {
  for await (const chunk of stream) {
    const bytes = chunk.subarray()
    if (!stream.send(bytes)) await stream.onDrain()
  }
  await stream.close()
}

function pattern (i, size) {
  const b = new Uint8Array(size)
  for (let j = 0; j < size; j++) b[j] = (j * 31 + i) & 0xff
  return b
}

async function dial (port, n) {
  const socket = net.connect({ host: '127.0.0.1', port })
  await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
  const muxer = muxerFor(socket, 'outbound')
  muxer.addEventListener('stream', evt => { echo(evt.detail).catch(() => {}) })
  const sizes = []
  for (let i = 0; i < n; i++) sizes.push(i === 0 ? 1024 * 1024 : (i * 977) % 20000)
  const results = await Promise.all(sizes.map(async (size, i) => {
    const stream = await muxer.createStream()
    const sent = pattern(i, size)
    const got = []
    const reading = (async () => { for await (const c of stream) got.push(c.subarray()) })()
    if (!stream.send(sent)) await stream.onDrain()
    await stream.close()
    await reading
    const back = Buffer.concat(got)
    return Buffer.compare(back, Buffer.from(sent)) === 0 ? null : `stream ${i}: ${back.length}/${size} bytes back`
  }))
  const bad = results.filter(r => r !== null)
  const rtt = await muxer.ping()
  console.log(bad.length === 0 ? `DIAL_OK ${n} rtt=${rtt}` : `DIAL_FAIL ${bad.join('; ')}`)
  await muxer.close()
  socket.end()
}

async function bulk (port, mib) {
  const socket = net.connect({ host: '127.0.0.1', port })
  await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
  const muxer = muxerFor(socket, 'outbound')
  const stream = await muxer.createStream()
  const got = []
  const reading = (async () => { for await (const c of stream) got.push(c.subarray()) })()
  const hash = createHash('sha256')
  const chunk = 64 * 1024
  for (let i = 0; i < mib * 16; i++) {
    const part = pattern(i, chunk)
    hash.update(part)
    if (!stream.send(part)) await stream.onDrain()
  }
  await stream.close()
  await reading
  const want = hash.digest()
  const answer = Buffer.concat(got)
  console.log(Buffer.compare(answer, want) === 0 ? `BULK_OK ${want.toString('hex')}` : `BULK_FAIL got ${answer.toString('hex')} want ${want.toString('hex')}`)
  await muxer.close()
  socket.end()
}

function listen () {
  const server = net.createServer(socket => {
    const muxer = muxerFor(socket, 'inbound')
    muxer.addEventListener('stream', evt => { echo(evt.detail).catch(err => console.log(`ECHO_FAIL ${err}`)) })
    muxer.ping().then(rtt => console.log(`JS_PING_OK ${rtt}`), err => console.log(`JS_PING_FAIL ${err}`))
    socket.once('close', () => console.log('CONNECTION_CLOSED'))
  })
  server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${server.address().port}`))
}

const [mode, port, n] = process.argv.slice(2)
if (mode === 'listen') {
  listen()
} else if (mode === 'bulk') {
  bulk(Number(port), Number(n ?? 4)).catch(err => { console.log(`BULK_FAIL ${err.stack}`); process.exit(1) })
} else if (mode === 'dial') {
  dial(Number(port), Number(n ?? 20)).catch(err => { console.log(`DIAL_FAIL ${err.stack}`); process.exit(1) })
} else {
  console.log('usage: yamux-peer.mjs listen | dial <port> <n> | bulk <port> <MiB>')
  process.exit(2)
}
