// Independent identity oracle for the Java tests: js-libp2p's @libp2p/crypto and @libp2p/peer-id,
// and @noble/curves (the secp256k1 library @libp2p/crypto is built on) for digests signed as they
// are. One command per stdin line, one answer line per command:
//   peerid <secp256k1 private key hex>      -> peerid <base58> <cidv1> <public key protobuf hex>
//   sign <private key hex> <message hex>    -> sig <DER signature hex>
//   verify <pubkey protobuf hex> <msg hex> <sig hex> -> verify <true|false>
//   ed25519 <seed hex> <message hex>        -> ed <pubkey protobuf hex> <peer id> <signature hex>
//   parse <peer id text>                    -> parsed <base58> | parsed-error
//   digest <private key hex> <32-byte digest hex>
//       -> digest <compact r||s hex, RFC 6979, low S> <recovery bit> <uncompressed public key hex>
//   verifydigest <SEC1 public key hex> <digest hex> <r||s hex> -> verifydigest <true|false>
//       (high S accepted, as Go's decred secp256k1 does)
import readline from 'node:readline'
import { privateKeyFromProtobuf, publicKeyFromProtobuf, publicKeyToProtobuf, generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey, peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import { secp256k1 } from '@noble/curves/secp256k1.js'

const hex = (u8) => Buffer.from(u8).toString('hex')
const bytes = (h) => new Uint8Array(Buffer.from(h ?? '', 'hex'))
const secpPriv = (h) => privateKeyFromProtobuf(new Uint8Array([0x08, 0x02, 0x12, 0x20, ...bytes(h)]))

const rl = readline.createInterface({ input: process.stdin })
console.log('ready')
for await (const line of rl) {
  const [cmd, a, b, c] = line.trim().split(' ')
  try {
    if (cmd === 'peerid') {
      const k = secpPriv(a)
      const id = peerIdFromPrivateKey(k)
      console.log(`peerid ${id.toString()} ${id.toCID().toString()} ${hex(publicKeyToProtobuf(k.publicKey))}`)
    } else if (cmd === 'sign') {
      console.log(`sig ${hex(await secpPriv(a).sign(bytes(b)))}`)
    } else if (cmd === 'verify') {
      console.log(`verify ${await publicKeyFromProtobuf(bytes(a)).verify(bytes(b), bytes(c))}`)
    } else if (cmd === 'ed25519') {
      const k = await generateKeyPairFromSeed('Ed25519', bytes(a))
      console.log(`ed ${hex(publicKeyToProtobuf(k.publicKey))} ${peerIdFromPublicKey(k.publicKey).toString()} ${hex(await k.sign(bytes(b)))}`)
    } else if (cmd === 'parse') {
      try {
        console.log(`parsed ${peerIdFromString(a).toString()}`)
      } catch {
        console.log('parsed-error')
      }
    } else if (cmd === 'digest') {
      const recovered = secp256k1.sign(bytes(b), bytes(a), { prehash: false, format: 'recovered' })
      console.log(`digest ${hex(recovered.subarray(1))} ${recovered[0]} ${hex(secp256k1.getPublicKey(bytes(a), false))}`)
    } else if (cmd === 'verifydigest') {
      let ok
      try {
        ok = secp256k1.verify(bytes(c), bytes(b), bytes(a), { prehash: false, lowS: false })
      } catch {
        ok = false
      }
      console.log(`verifydigest ${ok}`)
    } else if (cmd === 'exit') {
      break
    } else {
      console.log(`error unknown command ${cmd}`)
    }
  } catch (e) {
    console.log(`error ${cmd} ${e.message}`)
  }
}
process.exit(0)
