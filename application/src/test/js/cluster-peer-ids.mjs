// Independent peer-id oracle for the cluster-lock tests: js-libp2p's @libp2p/crypto and
// @libp2p/peer-id turn each compressed secp256k1 public key (hex, one per argument) into its
// libp2p peer id, printed one per line as "<key hex> <peer id>".
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey } from '@libp2p/peer-id'

for (const hex of process.argv.slice(2)) {
  const key = publicKeyFromRaw(new Uint8Array(Buffer.from(hex, 'hex')))
  if (key.type !== 'secp256k1') {
    throw new Error(`expected a secp256k1 key, got ${key.type}`)
  }
  console.log(`${hex} ${peerIdFromPublicKey(key).toString()}`)
}
