// parsigex dashboard: plain JavaScript, no build step, nothing fetched from the internet.
// Reads GET /api/v1/node and GET /api/v1/dashboard (both optional) and the WebSocket feed
// /ws/parsigex?totals=true, whose first message holds the node's totals since it started.
(function () {
  'use strict';

  const MAX_ROWS = 200;            // rows kept in the live table
  const CHART_SPAN_S = 60;         // seconds shown in the rate chart
  const RATE_WINDOW_S = 20;        // sliding window of "sets / s" and the legend (the demo bursts every 2 s)
  const CHART_SMOOTH_S = 10;       // each chart point is the average over this many seconds
  const MIN_RATE_SPAN_S = 4;       // a rate needs this much observed time (two 2 s bursts)
  const DASHBOARD_POLL_MS = 3000;  // GET /api/v1/dashboard: links, latencies, plugins
  const MAX_BREAKDOWN_ROWS = 50;   // rows of each rejection breakdown
  const BACKOFF_MIN_MS = 500;      // first reconnect delay
  const BACKOFF_MAX_MS = 5000;     // longest reconnect delay (a local node: retry often)
  const NODE_FETCH_TIMEOUT_MS = 4000;
  const MAX_KEYS_SHOWN = 3;        // pubkeys listed per row before "+N"
  // One fixed colour and dash pattern per duty type, so a duty keeps its look across reloads and
  // lines stay apart without colour alone.
  const DUTY_STYLES = {
    attester: ['#5eb3ff', []], proposer: ['#3ccf8e', []], randao: ['#f0b442', []],
    aggregator: ['#c792ea', []], sync_message: ['#f07178', []], sync_contribution: ['#89ddff', []],
    prepare_aggregator: ['#ffcb6b', [6, 3]], prepare_sync_contribution: ['#a3be8c', [6, 3]],
    exit: ['#ff9e64', [6, 3]], builder_registration: ['#82aaff', [6, 3]], signature: ['#e0af68', [2, 3]],
    builder_proposer: ['#bb9af7', [2, 3]], info_sync: ['#7dcfff', [2, 3]],
  };
  const FALLBACK_PALETTE = ['#d8dde4', '#8a94a3', '#5eb3ff', '#3ccf8e'];

  const $ = (id) => document.getElementById(id);
  const state = {
    ws: null,
    attempt: 0,
    reconnectTimer: null,
    selfPeerId: null,
    peers: new Map(),          // peer id -> {shareIndex, connected, self}
    pending: [],               // rows not yet rendered
    paused: false,
    totals: { received: 0, rejected: 0, broadcast: 0, sent: 0, failed: 0 },
    seeded: false,             // totals came from the node (the feed's first message)
    duties: new Map(),         // duty type -> {received, rejected, broadcasts, sent, failed}
    byReason: new Map(),       // reason -> {fault, count}
    byPeer: new Map(),         // peer id -> {count, reasons: Map(reason -> count)}
    sends: new Map(),          // peer id -> {sent, failed, lastError, lastErrorAt}
    links: new Map(),          // peer id -> {connection, send: {sends, p50_ms, last_ms}}
    plugins: null,             // the plugins part of GET /api/v1/dashboard
    linksKey: null,            // the last answer's peers and plugins, to re-render only on change
    pluginsKey: null,
    liveSince: 0,              // when the feed last went live (ms), for the rate window
    rates: new Map(),          // duty type -> Map(epoch second -> count)
    colors: new Map(),
    renderScheduled: false,
    panelsScheduled: false,
  };

  // ---------- helpers ----------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function shortId(id, head, tail) {
    if (typeof id !== 'string') return '';
    return id.length <= head + tail + 1 ? id : id.slice(0, head) + '…' + id.slice(-tail);
  }
  function trunc(full, head, tail, cls) {
    const s = el('span', 'mono trunc' + (cls ? ' ' + cls : ''), shortId(full, head, tail));
    s.title = full;
    return s;
  }
  function colorFor(type) {
    if (DUTY_STYLES[type]) return DUTY_STYLES[type][0];
    if (!state.colors.has(type)) state.colors.set(type, FALLBACK_PALETTE[state.colors.size % FALLBACK_PALETTE.length]);
    return state.colors.get(type);
  }
  function dashFor(type) {
    return DUTY_STYLES[type] ? DUTY_STYLES[type][1] : [1, 2];
  }
  function setCount(id, v) {
    const e = $(id);
    e.textContent = v.toLocaleString();
    e.dataset.value = String(v);
  }
  function num(v) {
    return typeof v === 'number' && isFinite(v) ? v : 0;
  }
  function fmtMs(v) {
    if (typeof v !== 'number') return '—';
    return v >= 100 ? Math.round(v) + ' ms' : v >= 10 ? v.toFixed(1) + ' ms' : v.toFixed(2) + ' ms';
  }
  function fmtTime(iso) {
    const d = iso ? new Date(iso) : new Date();
    if (isNaN(d.getTime())) return '';
    return d.toISOString().slice(11, 23);
  }

  function ago(ms) {
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    return Math.floor(s / 3600) + ' h ago';
  }

  // ---------- connection status ----------
  function setStatus(kind, text) {
    const s = $('conn-status');
    s.dataset.state = kind;
    $('conn-text').textContent = text;
  }

  // ---------- node identity and peers ----------
  async function loadNode() {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), NODE_FETCH_TIMEOUT_MS);
    try {
      const r = await fetch('/api/v1/node', { signal: ctl.signal, headers: { Accept: 'application/json' } });
      if (!r.ok) throw new Error('HTTP ' + r.status);
      applyNode(await r.json());
    } catch (e) {
      const ident = $('node-identity');
      if (ident.dataset.state !== 'ready') {
        ident.dataset.state = 'unavailable';
        $('node-peer-id').textContent = 'node info unavailable (' + (e.name === 'AbortError' ? 'timeout' : e.message) + ')';
      }
    } finally {
      clearTimeout(timer);
    }
  }

  function applyNode(n) {
    if (!n || typeof n !== 'object') return;
    const ident = $('node-identity');
    ident.dataset.state = 'ready';
    state.selfPeerId = typeof n.peer_id === 'string' ? n.peer_id : null;
    const pid = $('node-peer-id');
    pid.textContent = shortId(state.selfPeerId || '?', 10, 8);
    pid.title = state.selfPeerId || '';
    if (n.share_index !== undefined) {
      const chip = $('node-share');
      chip.textContent = 'share ' + n.share_index;
      chip.hidden = false;
    }
    const addrs = Array.isArray(n.listen_addresses) ? n.listen_addresses : [];
    const box = $('node-addresses');
    box.textContent = '';
    if (addrs.length) {
      box.appendChild(el('div', 'muted', 'listening on'));
      addrs.forEach((a) => box.appendChild(el('div', 'mono', a)));
    }
    if (Array.isArray(n.peers)) {
      n.peers.forEach((p) => {
        if (!p || typeof p.peer_id !== 'string') return;
        const known = state.peers.get(p.peer_id) || {};
        state.peers.set(p.peer_id, {
          lastSeen: known.lastSeen,
          shareIndex: p.share_index,
          connected: p.peer_id === state.selfPeerId ? true : (typeof p.connected === 'boolean' ? p.connected : known.connected),
          self: p.peer_id === state.selfPeerId,
          addresses: Array.isArray(p.addresses) ? p.addresses : [],
        });
      });
    }
    renderPeers();
  }

  function notePeer(peerId, connected) {
    if (typeof peerId !== 'string' || !peerId) return;
    const p = state.peers.get(peerId) || { shareIndex: undefined, connected: undefined, self: false, addresses: [] };
    if (connected !== undefined) p.connected = connected;
    state.peers.set(peerId, p);
  }

  function renderPeers() {
    const ul = $('peers');
    ul.textContent = '';
    const list = [...state.peers.entries()].sort((a, b) => (a[1].shareIndex ?? 1e9) - (b[1].shareIndex ?? 1e9) || a[0].localeCompare(b[0]));
    let up = 0;
    for (const [id, p] of list) {
      const li = el('li');
      li.dataset.peerId = id;
      li.dataset.connected = p.self ? 'true' : (p.connected === undefined ? 'unknown' : String(p.connected));
      li.dataset.self = String(!!p.self);
      if (p.self || p.connected) up++;
      li.appendChild(el('span', 'dot'));
      li.appendChild(el('span', 'idx', p.shareIndex !== undefined ? '#' + p.shareIndex : ''));
      const pid = el('span', 'pid mono', id);
      pid.title = id + (p.addresses && p.addresses.length ? '\n' + p.addresses.join('\n') : '');
      li.appendChild(pid);
      const seen = el('span', 'seen', p.lastSeen ? ago(p.lastSeen) : '');
      seen.title = p.lastSeen ? 'last set received ' + new Date(p.lastSeen).toISOString() : 'no set received yet';
      li.appendChild(seen);
      const link = state.links.get(id);
      // direct or relayed: known from GET /api/v1/dashboard; a disconnect from the feed wins
      const conn = p.self ? 'self' : p.connected === false ? 'none' : link ? link.connection : 'unknown';
      li.dataset.connection = conn;
      const badge = el('span', 'conn ' + conn, conn === 'self' ? '' : conn === 'none' ? 'no link' : conn);
      badge.title = conn === 'relayed' ? 'connected through a circuit relay' : conn === 'direct'
        ? 'connected directly' : conn === 'none' ? 'no open connection' : 'connection type not known yet';
      li.appendChild(badge);
      li.appendChild(el('span', 'state', p.self ? 'this node' : p.connected === undefined ? 'unknown' : p.connected ? 'connected' : 'disconnected'));
      if (!p.self) li.appendChild(sendLine(id, link));
      ul.appendChild(li);
    }
    $('peers-empty').hidden = list.length > 0;
    $('peers-summary').textContent = list.length ? up + ' / ' + list.length + ' up' : '';
  }

  function sendLine(id, link) {
    // this node's sends to the peer: latency from the node, outcomes from the broadcasts
    const line = el('div', 'sendline small');
    const lat = link && link.send ? link.send : null;
    const latency = el('span', 'latency');
    if (lat && typeof lat.p50_ms === 'number') {
      latency.textContent = 'send p50 ' + fmtMs(lat.p50_ms) + ' · last ' + fmtMs(lat.last_ms);
      latency.dataset.p50 = String(lat.p50_ms);
      latency.dataset.last = String(lat.last_ms);
      latency.title = 'median of the last sends (' + lat.sends + ' successful sends so far)';
    } else {
      latency.textContent = 'no send yet';
      latency.classList.add('muted');
    }
    line.appendChild(latency);
    const sends = state.sends.get(id);
    if (sends) {
      line.appendChild(el('span', 'muted', ' · ' + sends.sent + ' sent' + (sends.failed ? ', ' + sends.failed + ' failed' : '')));
      if (sends.lastError) {
        const err = el('div', 'send-error', 'last error: ' + sends.lastError);
        err.title = (sends.lastErrorAt ? sends.lastErrorAt + ' · ' : '') + sends.lastError;
        line.appendChild(err);
      }
    }
    return line;
  }

  function refreshSeen() {
    // Updates the "last set" ages in place, so hovering a peer keeps its tooltip.
    for (const li of document.querySelectorAll('#peers li')) {
      const p = state.peers.get(li.dataset.peerId);
      const seen = li.querySelector('.seen');
      if (p && seen && p.lastSeen) {
        seen.textContent = ago(p.lastSeen);
        seen.title = 'last set received ' + new Date(p.lastSeen).toISOString();
      }
    }
  }

  // ---------- feed ----------
  function feedUrl() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/parsigex';
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
    setStatus(state.attempt === 0 ? 'connecting' : 'reconnecting',
      state.attempt === 0 ? 'connecting…' : 'reconnecting… (attempt ' + state.attempt + ')');
    let ws;
    try {
      ws = new WebSocket(feedUrl() + '?totals=true');
    } catch (e) {
      scheduleReconnect();
      return;
    }
    state.ws = ws;
    ws.onopen = () => {
      state.attempt = 0;
      state.liveSince = Date.now();
      setStatus('live', 'live');
      loadNode();
      loadDashboard();
    };
    ws.onmessage = (ev) => {
      let m;
      try { m = JSON.parse(ev.data); } catch (e) { return; }
      handle(m);
    };
    ws.onclose = (ev) => {
      if (state.ws !== ws) return;
      state.ws = null;
      markPeersUnknown();
      scheduleReconnect(ev.code);
    };
    ws.onerror = () => { /* onclose follows */ };
  }

  function markPeersUnknown() {
    // While the feed is down, connection states are stale.
    for (const p of state.peers.values()) if (!p.self) p.connected = undefined;
    renderPeers();
  }

  function scheduleReconnect(code) {
    state.attempt++;
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * Math.pow(2, state.attempt - 1));
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    const until = Date.now() + delay;
    const why = code === 1013 ? 'dropped: too slow' : code === 1001 ? 'node stopped' : 'connection lost';
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setStatus('reconnecting', why + ' · reconnecting in ' + left + ' s (attempt ' + state.attempt + ')');
    };
    tick();
    const iv = setInterval(tick, 250);
    state.reconnectTimer = setTimeout(() => { clearInterval(iv); connect(); }, delay);
  }

  function handle(m) {
    if (!m || typeof m.type !== 'string') return;
    switch (m.type) {
      case 'totals':
        seed(m);
        return;
      case 'peer':
        notePeer(m.peer_id, !!m.connected);
        renderPeers();
        return;
      case 'received':
      case 'rejected':
      case 'broadcast':
        state.totals[m.type]++;
        countDetail(m);
        if (m.type === 'received' || m.type === 'rejected') {
          if (!state.peers.has(m.peer_id)) { notePeer(m.peer_id, undefined); renderPeers(); }
          if (m.type === 'received') state.peers.get(m.peer_id).lastSeen = Date.now();
        }
        countRate(m);
        state.pending.push(m);
        if (state.pending.length > MAX_ROWS) state.pending.splice(0, state.pending.length - MAX_ROWS);
        scheduleRender();
        return;
      default:
        return;
    }
  }

  // ---------- totals and breakdowns ----------
  function dutyCounts(type) {
    let d = state.duties.get(type);
    if (!d) { d = { received: 0, rejected: 0, broadcasts: 0, sent: 0, failed: 0 }; state.duties.set(type, d); }
    return d;
  }

  // The feed's first message: the node's totals since it started. Every later message counts on
  // top of it (the node sends it in order with them), so the counters are the node's exact totals.
  function seed(t) {
    const all = t.all || {};
    state.totals = { received: num(all.received), rejected: num(all.rejected), broadcast: num(all.broadcasts),
      sent: num(all.sent), failed: num(all.failed) };
    state.duties = new Map();
    for (const [type, c] of Object.entries(t.duties || {})) {
      state.duties.set(type, { received: num(c.received), rejected: num(c.rejected), broadcasts: num(c.broadcasts),
        sent: num(c.sent), failed: num(c.failed) });
    }
    state.byReason = new Map();
    for (const r of Array.isArray(t.rejected_by_reason) ? t.rejected_by_reason : []) {
      if (r && typeof r.reason === 'string') state.byReason.set(r.reason, { fault: r.fault, count: num(r.count) });
    }
    state.byPeer = new Map();
    for (const p of Array.isArray(t.rejected_by_peer) ? t.rejected_by_peer : []) {
      if (!p || typeof p.peer_id !== 'string') continue;
      state.byPeer.set(p.peer_id, { count: num(p.count), reasons: new Map(Object.entries(p.reasons || {}).map(([k, v]) => [k, num(v)])) });
    }
    state.sends = new Map();
    for (const p of Array.isArray(t.sends_by_peer) ? t.sends_by_peer : []) {
      if (!p || typeof p.peer_id !== 'string') continue;
      state.sends.set(p.peer_id, { sent: num(p.sent), failed: num(p.failed), lastError: p.last_error || null, lastErrorAt: p.last_error_at || null });
    }
    state.seeded = true;
    $('totals-panel').dataset.seeded = 'true';
    if (typeof t.since === 'string') $('totals-since').textContent = 'since ' + t.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    renderPeers();
    scheduleRender();
    schedulePanels();
  }

  function countDetail(m) {
    const type = m.duty && typeof m.duty.type === 'string' ? m.duty.type : 'unknown';
    const d = dutyCounts(type);
    if (m.type === 'received') {
      d.received++;
    } else if (m.type === 'rejected') {
      d.rejected++;
      const reason = typeof m.reason === 'string' ? m.reason : 'rejected';
      const r = state.byReason.get(reason) || { fault: m.fault, count: 0 };
      r.count++;
      state.byReason.set(reason, r);
      const peer = typeof m.peer_id === 'string' ? m.peer_id : 'other';
      const p = state.byPeer.get(peer) || { count: 0, reasons: new Map() };
      p.count++;
      p.reasons.set(reason, (p.reasons.get(reason) || 0) + 1);
      state.byPeer.set(peer, p);
      schedulePanels();
    } else if (m.type === 'broadcast') {
      d.broadcasts++;
      let peersChanged = false;
      for (const r of Array.isArray(m.results) ? m.results : []) {
        if (!r || typeof r.peer_id !== 'string') continue;
        const s = state.sends.get(r.peer_id) || { sent: 0, failed: 0, lastError: null, lastErrorAt: null };
        if (r.outcome === 'sent') {
          s.sent++; d.sent++; state.totals.sent++;
        } else {
          s.failed++; d.failed++; state.totals.failed++;
          s.lastError = r.error || r.outcome;
          s.lastErrorAt = new Date().toISOString();
          peersChanged = true;
        }
        state.sends.set(r.peer_id, s);
      }
      if (peersChanged) renderPeers();
    }
  }

  // ---------- GET /api/v1/dashboard: links, latencies, plugins ----------
  async function loadDashboard() {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), NODE_FETCH_TIMEOUT_MS);
    try {
      const r = await fetch('/api/v1/dashboard', { signal: ctl.signal, headers: { Accept: 'application/json' } });
      if (!r.ok) throw new Error('HTTP ' + r.status);
      const d = await r.json();
      // re-render only what changed, so the lists are not replaced under the operator's pointer
      const linksKey = JSON.stringify(d.peers || []);
      const pluginsKey = JSON.stringify(d.plugins || null);
      const linksChanged = linksKey !== state.linksKey;
      const pluginsChanged = pluginsKey !== state.pluginsKey;
      state.linksKey = linksKey;
      state.pluginsKey = pluginsKey;
      state.links = new Map();
      for (const p of Array.isArray(d.peers) ? d.peers : []) {
        if (p && typeof p.peer_id === 'string') {
          // links of the members GET /api/v1/node and the feed name; it adds no member of its own
          state.links.set(p.peer_id, { connection: p.connection, send: p.send });
        }
      }
      state.plugins = d.plugins || null;
      $('plugins-panel').dataset.state = 'ready';
      if (linksChanged) renderPeers();
      if (pluginsChanged) renderPlugins();
    } catch (e) {
      if (!state.plugins) {
        $('plugins-panel').dataset.state = 'unavailable';
        $('plugins-summary').textContent = 'unavailable (' + (e.name === 'AbortError' ? 'timeout' : e.message) + ')';
      }
    } finally {
      clearTimeout(timer);
    }
  }

  function schedulePanels() {
    if (state.panelsScheduled) return;
    state.panelsScheduled = true;
    requestAnimationFrame(() => { state.panelsScheduled = false; renderBreakdowns(); });
  }

  function renderBreakdowns() {
    const reasons = [...state.byReason.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
    const rb = document.querySelector('#rejections-by-reason tbody');
    rb.textContent = '';
    for (const [reason, r] of reasons.slice(0, MAX_BREAKDOWN_ROWS)) {
      const tr = el('tr');
      tr.dataset.reason = reason;
      tr.dataset.fault = r.fault === 'node' ? 'node' : 'peer';
      tr.appendChild(el('td', 'mono', reason));
      const f = el('td');
      f.appendChild(el('span', 'fault ' + tr.dataset.fault, tr.dataset.fault === 'node' ? 'node fault' : 'peer fault'));
      tr.appendChild(f);
      const c = el('td', 'num count', r.count.toLocaleString());
      c.dataset.value = String(r.count);
      tr.appendChild(c);
      rb.appendChild(tr);
    }
    const peers = [...state.byPeer.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
    const pb = document.querySelector('#rejections-by-peer tbody');
    pb.textContent = '';
    for (const [peer, p] of peers.slice(0, MAX_BREAKDOWN_ROWS)) {
      const tr = el('tr');
      tr.dataset.peerId = peer;
      const cell = el('td');
      const known = state.peers.get(peer);
      if (known && known.shareIndex !== undefined) cell.appendChild(el('span', 'muted small', '#' + known.shareIndex + ' '));
      cell.appendChild(peer === 'other' ? el('span', 'muted', 'other peers') : trunc(peer, 8, 6));
      tr.appendChild(cell);
      const rs = el('td', 'reasons small');
      [...p.reasons.entries()].sort((a, b) => b[1] - a[1]).forEach(([reason, n]) => {
        const x = el('span', 'reason', reason + ' ' + n.toLocaleString());
        x.dataset.reason = reason;
        x.dataset.value = String(n);
        rs.appendChild(x);
      });
      tr.appendChild(rs);
      const c = el('td', 'num count', p.count.toLocaleString());
      c.dataset.value = String(p.count);
      tr.appendChild(c);
      pb.appendChild(tr);
    }
    $('rejections-empty').hidden = reasons.length > 0;
  }

  function renderDuties() {
    const tbody = document.querySelector('#duties tbody');
    const types = new Set([...state.duties.keys(), ...state.rates.keys()]);
    const list = [...types].sort();
    tbody.textContent = '';
    for (const type of list) {
      const d = state.duties.get(type) || { received: 0, rejected: 0, broadcasts: 0, sent: 0, failed: 0 };
      const tr = el('tr');
      tr.dataset.duty = type;
      const name = el('td', 'duty-name');
      name.appendChild(swatch(type));
      name.appendChild(el('span', '', type));
      tr.appendChild(name);
      for (const k of ['received', 'rejected', 'broadcasts', 'sent', 'failed']) {
        const c = el('td', 'num ' + k, d[k].toLocaleString());
        c.dataset.k = k;
        c.dataset.value = String(d[k]);
        tr.appendChild(c);
      }
      tr.appendChild(el('td', 'num rate', rateText(windowRate(type))));
      tbody.appendChild(tr);
    }
    $('duties-empty').hidden = list.length > 0;
  }

  function swatch(type) {
    // a short line in the duty's colour and dash pattern, as drawn in the chart
    const c = document.createElement('canvas');
    c.className = 'sw';
    c.width = 22; c.height = 10;
    const ctx = c.getContext('2d');
    ctx.strokeStyle = colorFor(type);
    ctx.lineWidth = 2.5;
    ctx.setLineDash(dashFor(type));
    ctx.beginPath(); ctx.moveTo(1, 5); ctx.lineTo(21, 5); ctx.stroke();
    c.dataset.color = colorFor(type);
    return c;
  }

  function renderPlugins() {
    const p = state.plugins;
    if (!p) return;
    const status = typeof p.status === 'string' ? p.status : 'UNKNOWN';
    const chip = $('plugins-status');
    chip.textContent = status === 'UP' ? 'all in service' : status === 'DEGRADED' ? 'degraded' : status === 'DOWN' ? 'verification down' : status;
    chip.dataset.status = status;
    chip.hidden = false;
    const loaded = Array.isArray(p.loaded) ? p.loaded : [];
    const points = Array.isArray(p.points) ? p.points : [];
    $('plugins-summary').textContent = loaded.length + ' loaded';
    const tbody = document.querySelector('#plugins tbody');
    tbody.textContent = '';
    for (const pl of loaded) {
      const mine = points.filter((x) => x && x.plugin === pl.plugin);
      const rows = mine.length ? mine : [null];
      for (const pt of rows) {
        const tr = el('tr');
        tr.dataset.plugin = pl.plugin;
        tr.dataset.point = pt ? pt.point : '';
        const state_ = pt ? pt.state : (pl.state === 'started' ? 'no_extension' : pl.state);
        tr.dataset.state = state_;
        tr.appendChild(el('td', 'mono', pl.plugin));
        tr.appendChild(el('td', 'muted', pl.version));
        tr.appendChild(el('td', '', pt ? pt.point : '—'));
        const st = el('td');
        const label = { in_service: 'in service', probing: 'degraded (probing)', out_of_service: 'out of service', no_extension: 'loaded, no extension' }[state_] || state_;
        st.appendChild(el('span', 'pstate ' + state_, label));
        tr.appendChild(st);
        const why = [];
        if (pt && pt.consecutive_failures) why.push(pt.consecutive_failures + ' failures in a row');
        if (pt && pt.last_failure) why.push(pt.last_failure);
        if (pt && Array.isArray(pt.out_of_service_for_peers) && pt.out_of_service_for_peers.length) {
          why.push('out of service for ' + pt.out_of_service_for_peers.map((x) => shortId(x, 6, 4)).join(', '));
        }
        const w = el('td', 'details small', why.join(' · '));
        w.title = why.join('\n');
        tr.appendChild(w);
        tbody.appendChild(tr);
      }
    }
    const problems = $('plugin-problems');
    problems.textContent = '';
    for (const [label, list] of [['left out', p.left_out], ['no extension', p.without_extensions]]) {
      for (const text of Array.isArray(list) ? list : []) {
        const li = el('li', 'bad');
        li.dataset.kind = label;
        li.appendChild(el('span', 'pstate out_of_service', label));
        li.appendChild(document.createTextNode(' ' + text));
        problems.appendChild(li);
      }
    }
    $('plugins-empty').hidden = loaded.length > 0 || problems.childElementCount > 0;
  }

  function countRate(m) {
    if (m.type !== 'received' || !m.duty || typeof m.duty.type !== 'string') return;
    const sec = Math.floor(Date.now() / 1000);
    let series = state.rates.get(m.duty.type);
    if (!series) { series = new Map(); state.rates.set(m.duty.type, series); colorFor(m.duty.type); }
    series.set(sec, (series.get(sec) || 0) + 1);
  }

  // ---------- table ----------
  function scheduleRender() {
    if (state.renderScheduled) return;
    state.renderScheduled = true;
    requestAnimationFrame(renderRows);
  }

  function renderRows() {
    state.renderScheduled = false;
    setCount('total-received', state.totals.received);
    setCount('total-rejected', state.totals.rejected);
    setCount('total-broadcast', state.totals.broadcast);
    $('total-sends').textContent = state.totals.sent.toLocaleString() + ' sent · ' + state.totals.failed.toLocaleString() + ' failed';
    $('total-sends').dataset.sent = String(state.totals.sent);
    $('total-sends').dataset.failed = String(state.totals.failed);
    renderDuties();
    if (state.paused) return;
    const rows = state.pending;
    state.pending = [];
    if (!rows.length) return;
    const tbody = document.querySelector('#events tbody');
    const frag = document.createDocumentFragment();
    for (let i = rows.length - 1; i >= 0; i--) frag.appendChild(row(rows[i]));
    tbody.insertBefore(frag, tbody.firstChild);
    while (tbody.rows.length > MAX_ROWS) tbody.deleteRow(tbody.rows.length - 1);
    $('events-empty').hidden = true;
    applyKindFilter();
  }

  function row(m) {
    const tr = el('tr', 'fresh');
    tr.dataset.kind = m.type;
    const duty = m.duty && typeof m.duty === 'object' ? m.duty : null;
    tr.dataset.duty = duty ? duty.type : '';
    tr.dataset.slot = duty ? duty.slot : '';
    tr.dataset.search = [m.type, duty ? duty.type : '', duty ? duty.slot : '', m.peer_id || '', m.reason || '', m.fault || '']
      .concat(Object.keys(m.set && typeof m.set === 'object' ? m.set : {})).join(' ').toLowerCase();
    const set = m.set && typeof m.set === 'object' ? m.set : {};
    const keys = Object.keys(set);

    tr.appendChild(el('td', 'mono muted', fmtTime(m.received_at || m.rejected_at)));
    const kind = el('td');
    kind.appendChild(el('span', 'kind ' + m.type, m.type));
    tr.appendChild(kind);
    tr.appendChild(el('td', '', duty ? duty.type : '—'));
    tr.appendChild(el('td', 'num mono', duty ? duty.slot : '—'));

    const peer = el('td');
    if (m.peer_id) peer.appendChild(trunc(m.peer_id, 8, 6));
    else peer.appendChild(el('span', 'muted', 'this node'));
    tr.appendChild(peer);

    const kt = el('td', 'keys');
    keys.slice(0, MAX_KEYS_SHOWN).forEach((k) => kt.appendChild(trunc(k, 8, 6)));
    if (keys.length > MAX_KEYS_SHOWN) {
      const more = el('span', 'muted small', ' +' + (keys.length - MAX_KEYS_SHOWN));
      more.title = keys.slice(MAX_KEYS_SHOWN).join('\n');
      kt.appendChild(more);
    }
    if (!keys.length) kt.appendChild(el('span', 'muted', '—'));
    tr.appendChild(kt);

    const shares = [...new Set(keys.map((k) => set[k] && set[k].share_idx).filter((x) => x !== undefined))];
    tr.appendChild(el('td', 'num mono', shares.length ? shares.join(', ') : '—'));

    const d = el('td', 'details');
    if (m.type === 'received') {
      const enc = [...new Set(keys.map((k) => set[k] && set[k].encoding).filter(Boolean))].join('/');
      const ms = typeof m.verification_ms === 'number' ? 'verified in ' + m.verification_ms.toFixed(2) + ' ms' : 'verified';
      d.textContent = ms + (enc ? ' · ' + enc : '');
    } else if (m.type === 'rejected') {
      // whose fault: a node fault (a plugin, our capacity, a bug) never blames the peer
      const fault = m.fault === 'node' ? 'node' : (m.fault === 'peer' ? 'peer' : '');
      if (fault) {
        const f = el('span', 'fault ' + fault, fault === 'node' ? 'node fault' : 'peer fault');
        f.title = fault === 'node' ? 'this node could not handle the set (plugin, capacity or bug)' : 'the sending peer sent something wrong';
        d.appendChild(f);
        d.appendChild(document.createTextNode(' '));
      }
      d.appendChild(document.createTextNode((m.reason || 'rejected') + (m.message ? ': ' + m.message : '')));
      d.title = (fault ? fault + ' fault · ' : '') + (m.reason || 'rejected') + (m.message ? ': ' + m.message : '');
    } else {
      const res = Array.isArray(m.results) ? m.results : [];
      const sent = res.filter((r) => r && r.outcome === 'sent').length;
      d.textContent = sent + ' / ' + res.length + ' peers sent';
      const failed = res.filter((r) => r && r.outcome !== 'sent');
      if (failed.length) d.title = failed.map((r) => r.peer_id + ': ' + (r.error || r.outcome)).join('\n');
    }
    tr.appendChild(d);
    return tr;
  }

  function applyKindFilter() {
    const show = {
      received: $('show-received').checked,
      rejected: $('show-rejected').checked,
      broadcast: $('show-broadcast').checked,
    };
    const q = $('search').value.trim().toLowerCase();
    for (const tr of document.querySelectorAll('#events tbody tr')) {
      tr.hidden = !show[tr.dataset.kind] || (q !== '' && !tr.dataset.search.includes(q));
    }
  }

  // ---------- chart ----------
  // Seconds observed in the window ending now: the feed may have gone live only a moment ago.
  function observedSpan(windowS) {
    const live = state.liveSince ? (Date.now() - state.liveSince) / 1000 : 0;
    return Math.min(windowS, live);
  }

  // Sets per second of one duty type (or of all, with no type) over the sliding window: the
  // completed seconds of the last RATE_WINDOW_S. null until MIN_RATE_SPAN_S have been observed.
  function windowRate(type) {
    const span = observedSpan(RATE_WINDOW_S);
    if (span < MIN_RATE_SPAN_S) return null;
    const now = Math.floor(Date.now() / 1000);
    let n = 0;
    for (const [t, counts] of state.rates) {
      if (type !== undefined && t !== type) continue;
      for (const [sec, c] of counts) if (sec >= now - RATE_WINDOW_S && sec < now) n += c;
    }
    return n / Math.min(RATE_WINDOW_S, Math.max(1, Math.floor(span)));
  }

  function rateText(v) {
    return v === null ? '…' : formatRate(v) + '/s';
  }

  function drawChart() {
    const canvas = $('rates');
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    const total = windowRate();
    $('total-rate').textContent = total === null ? '…' : formatRate(total);
    $('total-rate').title = total === null ? 'measuring: the rate needs ' + MIN_RATE_SPAN_S + ' s of the feed'
      : 'verified sets per second over the last ' + RATE_WINDOW_S + ' s';
    if (!w || !h) return;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const css = getComputedStyle(document.documentElement);
    const grid = css.getPropertyValue('--border').trim() || '#333';
    const muted = css.getPropertyValue('--muted').trim() || '#888';

    const now = Math.floor(Date.now() / 1000);
    const first = now - CHART_SPAN_S;        // last complete second is now - 1
    const keepFrom = first - CHART_SMOOTH_S;
    const liveFrom = state.liveSince ? Math.floor(state.liveSince / 1000) : now;
    const series = [];
    let max = 1;
    for (const [type, counts] of [...state.rates.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      for (const s of counts.keys()) if (s < keepFrom && s < now - RATE_WINDOW_S) counts.delete(s);
      const pts = [];
      for (let s = first; s < now; s++) {
        // trailing average over CHART_SMOOTH_S seconds, over the part the page has observed
        const from = Math.max(s - CHART_SMOOTH_S + 1, liveFrom);
        if (s < liveFrom) { pts.push(null); continue; }
        let n = 0;
        for (let x = from; x <= s; x++) n += counts.get(x) || 0;
        pts.push(n / (s - from + 1));
      }
      max = Math.max(max, ...pts.filter((v) => v !== null));
      series.push({ type, pts });
    }
    const padL = 40, padR = 8, padT = 8, padB = 18;
    const pw = w - padL - padR, ph = h - padT - padB;
    const top = niceMax(max);
    ctx.font = '11px ' + (css.getPropertyValue('--mono').trim() || 'monospace');
    ctx.fillStyle = muted;
    ctx.strokeStyle = grid;
    ctx.lineWidth = 1;
    ctx.setLineDash([]);
    for (let i = 0; i <= 4; i++) {
      const y = padT + ph - (ph * i) / 4;
      ctx.beginPath(); ctx.moveTo(padL, Math.round(y) + 0.5); ctx.lineTo(w - padR, Math.round(y) + 0.5); ctx.stroke();
      ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
      ctx.fillText(formatRate((top * i) / 4), padL - 6, y);
    }
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    for (const ago of [60, 45, 30, 15, 0]) {
      const x = padL + pw * (1 - ago / CHART_SPAN_S);
      ctx.fillText(ago === 0 ? 'now' : '-' + ago + 's', Math.min(Math.max(x, padL + 10), w - padR - 12), padT + ph + 4);
    }
    const n = CHART_SPAN_S;
    const labelYs = [];
    for (const s of series) {
      ctx.strokeStyle = colorFor(s.type);
      ctx.setLineDash(dashFor(s.type));
      ctx.lineWidth = 2;
      // Start each line just before its first activity, so idle series don't all paint the axis.
      const firstActive = s.pts.findIndex((v) => v > 0);
      if (firstActive < 0) continue;
      ctx.beginPath();
      let started = false, lastX = 0, lastY = 0;
      for (let i = Math.max(0, firstActive - 1); i < s.pts.length; i++) {
        if (s.pts[i] === null) continue;
        const x = padL + (pw * i) / (n - 1);
        const y = padT + ph - (ph * s.pts[i]) / top;
        if (!started) { ctx.moveTo(x, y); started = true; } else ctx.lineTo(x, y);
        lastX = x; lastY = y;
      }
      ctx.stroke();
      // the duty's name at the end of its line, so lines can be told apart without the legend
      ctx.setLineDash([]);
      ctx.fillStyle = colorFor(s.type);
      ctx.textAlign = 'right'; ctx.textBaseline = 'bottom';
      let ly = Math.max(lastY - 2, padT + 12);
      while (labelYs.some((y) => Math.abs(y - ly) < 12)) ly += 12;   // lines that overlap: stack their names
      labelYs.push(ly);
      ctx.fillText(s.type, Math.max(lastX - 4, padL + 80), ly);
    }
    ctx.setLineDash([]);
    ctx.fillStyle = muted;
    if (!series.length) {
      ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.fillText('no sets received yet', padL + pw / 2, padT + ph / 2);
    }
    renderLegend(series);
  }

  function niceMax(v) {
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }
  function formatRate(v) {
    return v >= 1000 ? (v / 1000).toFixed(v >= 10000 ? 0 : 1) + 'k' : String(Math.round(v * 10) / 10);
  }

  function renderLegend(series) {
    const ul = $('legend');
    ul.textContent = '';
    for (const s of series) {
      const li = el('li');
      li.dataset.duty = s.type;
      li.appendChild(swatch(s.type));
      li.appendChild(el('span', '', s.type));
      li.appendChild(el('span', 'rate', rateText(windowRate(s.type))));
      ul.appendChild(li);
    }
  }

  // ---------- start ----------
  function start() {
    $('feed-url').textContent = feedUrl();
    ['show-received', 'show-rejected', 'show-broadcast'].forEach((id) => $(id).addEventListener('change', applyKindFilter));
    $('search').addEventListener('input', applyKindFilter);
    $('pause').addEventListener('click', () => {
      state.paused = !state.paused;
      $('pause').setAttribute('aria-pressed', String(state.paused));
      $('pause').textContent = state.paused ? 'Resume' : 'Pause';
      if (!state.paused) scheduleRender();
    });
    renderPeers();
    loadNode();
    connect();
    drawChart();
    setInterval(() => { drawChart(); refreshSeen(); renderDuties(); }, 1000);
    setInterval(() => {
      if (!state.ws) return;
      loadDashboard();
      // a node info request that failed (a slow node, a timeout) is tried again
      if ($('node-identity').dataset.state !== 'ready') loadNode();
    }, DASHBOARD_POLL_MS);
    renderBreakdowns();
    window.addEventListener('resize', drawChart);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
