// Independent multiaddr oracle (@multiformats/multiaddr) for the Java tests.
// stdin lines:  text <multiaddr text>  -> ok <binary hex> <text form of the decoded bytes> | err
//               bin <hex>              -> ok <binary hex> <text> | err
import readline from 'node:readline'
import { multiaddr } from '@multiformats/multiaddr'

const rl = readline.createInterface({ input: process.stdin })
console.log('ready')
for await (const line of rl) {
  const sp = line.indexOf(' ')
  const cmd = sp < 0 ? line : line.slice(0, sp)
  const arg = sp < 0 ? '' : line.slice(sp + 1)
  if (cmd === 'exit') break
  try {
    const input = cmd === 'bin' ? new Uint8Array(Buffer.from(arg, 'hex')) : arg
    const ma = multiaddr(input)
    const back = multiaddr(ma.bytes)
    console.log(`ok ${Buffer.from(ma.bytes).toString('hex')} ${back.toString()}`)
  } catch (e) {
    console.log('err')
  }
}
process.exit(0)
