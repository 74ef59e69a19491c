// Independent signing-domain reference for SigningRootsTest: lodestar's SSZ containers
// (ForkData, SigningData) and domain constants, with the fork lookup, builder domain and
// EIP-7044 rules written from the consensus/builder specs.
// Usage: node signing-domains.mjs <cases.json>; prints one "domain signingRoot" line per case.
import {readFileSync} from "node:fs";
import {ssz} from "@lodestar/types";
import * as params from "@lodestar/params";

const hex = (b) => Buffer.from(b).toString("hex");
const bytes = (h) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ""), "hex"));
const FAR_FUTURE = 18446744073709551615n;

function forkVersionAt(forks, epoch) {
  let version = forks[0].version;
  for (const f of forks) {
    const e = BigInt(f.epoch);
    if (e !== FAR_FUTURE && e <= epoch) version = f.version;
  }
  return version;
}

function computeDomain(domainType, forkVersion, gvr) {
  const forkDataRoot = ssz.phase0.ForkData.hashTreeRoot({
    currentVersion: bytes(forkVersion),
    genesisValidatorsRoot: gvr,
  });
  const out = new Uint8Array(32);
  out.set(domainType, 0);
  out.set(forkDataRoot.slice(0, 28), 4);
  return out;
}

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
for (const c of input.cases) {
  const domainType = params["DOMAIN_" + c.domain];
  if (!domainType) throw new Error("no lodestar constant DOMAIN_" + c.domain);
  const epoch = BigInt(c.epoch);
  const gvr = bytes(c.chain.genesisValidatorsRoot);
  let domain;
  if (c.domain === "APPLICATION_BUILDER") {
    domain = computeDomain(domainType, c.chain.forks[0].version, new Uint8Array(32));
  } else if (c.domain === "VOLUNTARY_EXIT") {
    domain = computeDomain(domainType, c.capellaVersion, gvr);
  } else {
    domain = computeDomain(domainType, forkVersionAt(c.chain.forks, epoch), gvr);
  }
  const signingRoot = ssz.phase0.SigningData.hashTreeRoot({objectRoot: bytes(c.messageRoot), domain});
  console.log(hex(domain) + " " + hex(signingRoot));
}
