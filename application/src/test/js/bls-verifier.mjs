// Independent BLS reference for BlsVerifierPluginTest (@chainsafe/blst).
// Usage: node bls-verifier.mjs <secretKeyHex> <messageHex> <javaPublicKeyHex> <javaSignatureHex>
// Prints: "pk <hex>", "sig <hex>" (our signature of the message), "verify-java <true|false>"
// (the Java signature checked against the Java public key) and "verify-tampered <true|false>".
import {SecretKey, PublicKey, Signature, verify} from "@chainsafe/blst";

const bytes = (h) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ""), "hex"));
const hex = (b) => Buffer.from(b).toString("hex");
const [skHex, msgHex, javaPkHex, javaSigHex] = process.argv.slice(2);
const sk = SecretKey.fromBytes(bytes(skHex));
const msg = bytes(msgHex);
console.log("pk " + hex(sk.toPublicKey().toBytes(true)));
console.log("sig " + hex(sk.sign(msg).toBytes(true)));
const javaPk = PublicKey.fromBytes(bytes(javaPkHex), true);
const javaSig = Signature.fromBytes(bytes(javaSigHex), true);
console.log("verify-java " + verify(msg, javaPk, javaSig, true, true));
const tampered = Uint8Array.from(msg);
tampered[0] ^= 1;
console.log("verify-tampered " + verify(tampered, javaPk, javaSig, true, true));
