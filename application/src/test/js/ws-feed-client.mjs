// An independent consumer of the parsigex WebSocket feed: Node 22's built-in WebSocket (undici),
// as another team's dashboard would use it. Usage: node ws-feed-client.mjs <ws url> <count> [filter json]
// Prints "OPEN", then one "OK <type> <detail>" or "BAD <type> <why>" line per message, then exits.
const [url, countText, filter] = process.argv.slice(2);
const wanted = Number(countText);
const HEX_KEY = /^0x[0-9a-f]{96}$/;
const HEX_SIG = /^0x[0-9a-f]{192}$/;
const UINT64 = /^(0|[1-9][0-9]*)$/;
const TIME_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MAX_UINT64 = (1n << 64n) - 1n;
const LIMIT_MS = 30000;

function checkDuty(d) {
  if (!d || typeof d !== 'object') return 'duty is not an object';
  if (typeof d.slot !== 'string' || !UINT64.test(d.slot)) return 'slot is not a decimal string';
  if (BigInt(d.slot) > MAX_UINT64) return 'slot exceeds uint64';
  if (typeof d.type !== 'string') return 'duty type is not a string';
  return null;
}

function checkSet(set, needEncoding) {
  if (!set || typeof set !== 'object') return 'set is not an object';
  for (const [k, e] of Object.entries(set)) {
    if (!HEX_KEY.test(k)) return 'set key is not 0x + 96 lowercase hex: ' + k;
    if (!Number.isInteger(e.share_idx) || e.share_idx < 1) return 'share_idx is not a positive integer';
    if (!HEX_SIG.test(e.signature)) return 'signature is not 0x + 192 lowercase hex';
    if (needEncoding && !['ssz', 'json', 'custom'].includes(e.encoding)) return 'bad encoding ' + e.encoding;
    if (!e.data || typeof e.data !== 'object' || Array.isArray(e.data)) return 'data is not embedded JSON';
  }
  return null;
}

function check(m) {
  switch (m.type) {
    case 'received': {
      const why = (typeof m.peer_id !== 'string' && 'peer_id missing') || checkDuty(m.duty)
        || checkSet(m.set, true)
        || (!TIME_MS.test(m.received_at) && 'received_at is not ISO-8601 UTC with millis')
        || (Number.isNaN(Date.parse(m.received_at)) && 'received_at does not parse');
      return why ? why : null;
    }
    case 'rejected':
      return (typeof m.peer_id !== 'string' && 'peer_id missing')
        || (m.duty !== null && checkDuty(m.duty)) || (typeof m.reason !== 'string' && 'reason missing')
        || (!['peer', 'node'].includes(m.fault) && 'fault is not peer or node') || null;
    case 'broadcast':
      return checkDuty(m.duty) || checkSet(m.set, false)
        || (!Array.isArray(m.results) && 'results is not an array')
        || (m.results.some((r) => typeof r.peer_id !== 'string' || !['sent', 'failed'].includes(r.outcome)
          || (r.outcome === 'sent' ? r.error !== null : typeof r.error !== 'string'))
          && 'a result is malformed (a sent one has error null, a failed one an error string)') || null;
    case 'peer':
      return (typeof m.peer_id !== 'string' && 'peer_id missing')
        || (typeof m.connected !== 'boolean' && 'connected is not a boolean') || null;
    case 'filter':
    case 'error':
      return null;
    default:
      return 'unknown type';
  }
}

function detail(m) {
  if (m.duty) return m.duty.type + '/' + m.duty.slot;
  if (m.type === 'peer') return m.peer_id + ' ' + m.connected;
  if (m.type === 'error') return m.error;
  return '-';
}

let seen = 0;
const timer = setTimeout(() => { console.log('BAD timeout after ' + seen + ' messages'); process.exit(2); }, LIMIT_MS);
const ws = new WebSocket(url);
ws.addEventListener('open', () => {
  if (filter) ws.send(filter);
  console.log('OPEN');
});
ws.addEventListener('message', (ev) => {
  let m;
  try { m = JSON.parse(ev.data); } catch (e) { console.log('BAD json ' + e.message); return; }
  const why = check(m);
  console.log((why ? 'BAD ' : 'OK ') + m.type + ' ' + (why || detail(m)));
  if (++seen >= wanted) { clearTimeout(timer); ws.close(1000, 'done'); }
});
ws.addEventListener('close', () => { clearTimeout(timer); process.exit(seen >= wanted ? 0 : 3); });
ws.addEventListener('error', () => { console.log('BAD socket error'); });
