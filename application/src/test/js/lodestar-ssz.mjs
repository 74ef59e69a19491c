// Independent SSZ reference for the Java eth2 tests: lodestar's consensus types on @chainsafe/ssz.
// Reads one JSON request per stdin line and answers one JSON line per request:
//   {"id":1,"fork":"deneb","type":"SignedBlindedBeaconBlock","ssz":"<hex>"}
//   {"id":2,"fork":"deneb","type":"SignedBlindedBeaconBlock","json":{...beacon-API JSON...}}
//   {"id":3,"fork":"fulu","type":"SignedBlockContents","ssz":"<hex>","bench":{"iterations":50}}
// Answers {"id","ok":true,"ssz":"<hex>","root":"<hex>","json":{...}} (or "bench":{ns per op}),
// or {"id","ok":false,"error":"..."} when lodestar rejects the input.
import { ssz } from "@lodestar/types";
import readline from "node:readline";

// fork "primitive" names lodestar's top-level types (Slot, Epoch, Root, ...)
function typeOf(fork, name) {
  const t = fork === "primitive" ? ssz[name] : ssz[fork] && ssz[fork][name];
  if (!t) throw new Error(`lodestar has no ssz.${fork}.${name}`);
  return t;
}

const hex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString("hex");
const unhex = (s) => new Uint8Array(Buffer.from(s, "hex"));

// Best of five rounds: the machine is shared, so the fastest round is the least disturbed one.
function timeIt(iterations, fn) {
  for (let i = 0; i < Math.min(iterations, 5); i++) fn(); // warm-up
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations);
  }
  return best;
}

function handle(req) {
  const type = typeOf(req.fork, req.type);
  const value = req.ssz !== undefined ? type.deserialize(unhex(req.ssz)) : type.fromJson(req.json);
  if (req.bench) {
    const bytes = unhex(req.ssz);
    const n = req.bench.iterations;
    return {
      bench: {
        decode_ns: timeIt(n, () => type.deserialize(bytes)),
        encode_ns: timeIt(n, () => type.serialize(value)),
        hash_tree_root_ns: timeIt(n, () => type.hashTreeRoot(value)),
      },
    };
  }
  return { ssz: hex(type.serialize(value)), root: hex(type.hashTreeRoot(value)), json: type.toJson(value) };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    process.stdout.write(JSON.stringify({ id: null, ok: false, error: "bad request: " + e.message }) + "\n");
    return;
  }
  let answer;
  try {
    answer = { id: req.id, ok: true, ...handle(req) };
  } catch (e) {
    answer = { id: req.id, ok: false, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
process.stdout.write(JSON.stringify({ ready: true }) + "\n");
