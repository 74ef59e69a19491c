// parsigex dashboard: plain JavaScript, no build step, nothing fetched from the internet.
// Reads GET /api/v1/node (optional) and the WebSocket feed /ws/parsigex.
(function () {
  'use strict';

  const MAX_ROWS = 200;            // rows kept in the live table
  const RATE_WINDOW_S = 60;        // seconds shown in the rate chart
  const BACKOFF_MIN_MS = 500;      // first reconnect delay
  const BACKOFF_MAX_MS = 5000;     // longest reconnect delay (a local node: retry often)
  const NODE_FETCH_TIMEOUT_MS = 4000;
  const MAX_KEYS_SHOWN = 3;        // pubkeys listed per row before "+N"
  const PALETTE = ['#5eb3ff', '#3ccf8e', '#f0b442', '#c792ea', '#f07178', '#89ddff', '#ffcb6b',
    '#a3be8c', '#ff9e64', '#82aaff', '#e0af68', '#bb9af7', '#7dcfff'];

  const $ = (id) => document.getElementById(id);
  const state = {
    ws: null,
    attempt: 0,
    reconnectTimer: null,
    selfPeerId: null,
    peers: new Map(),          // peer id -> {shareIndex, connected, self}
    pending: [],               // rows not yet rendered
    paused: false,
    totals: { received: 0, rejected: 0, broadcast: 0 },
    rates: new Map(),          // duty type -> Map(epoch second -> count)
    colors: new Map(),
    renderScheduled: false,
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
    if (!state.colors.has(type)) state.colors.set(type, PALETTE[state.colors.size % PALETTE.length]);
    return state.colors.get(type);
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
      li.appendChild(el('span', 'state', p.self ? 'this node' : p.connected === undefined ? 'unknown' : p.connected ? 'connected' : 'disconnected'));
      ul.appendChild(li);
    }
    $('peers-empty').hidden = list.length > 0;
    $('peers-summary').textContent = list.length ? up + ' / ' + list.length + ' up' : '';
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
      ws = new WebSocket(feedUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    state.ws = ws;
    ws.onopen = () => {
      state.attempt = 0;
      setStatus('live', 'live');
      loadNode();
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
      case 'peer':
        notePeer(m.peer_id, !!m.connected);
        renderPeers();
        return;
      case 'received':
      case 'rejected':
      case 'broadcast':
        state.totals[m.type]++;
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
    $('total-received').textContent = state.totals.received.toLocaleString();
    $('total-rejected').textContent = state.totals.rejected.toLocaleString();
    $('total-broadcast').textContent = state.totals.broadcast.toLocaleString();
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
  function drawChart() {
    const canvas = $('rates');
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
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
    const first = now - RATE_WINDOW_S;       // last complete second is now - 1
    const series = [];
    let max = 1, currentTotal = 0;
    for (const [type, counts] of state.rates) {
      for (const s of counts.keys()) if (s < first) counts.delete(s);
      const pts = [];
      for (let s = first; s < now; s++) pts.push(counts.get(s) || 0);
      max = Math.max(max, ...pts);
      currentTotal += pts[pts.length - 1];
      series.push({ type, pts });
    }
    const padL = 40, padR = 8, padT = 8, padB = 18;
    const pw = w - padL - padR, ph = h - padT - padB;
    const top = niceMax(max);
    ctx.font = '11px ' + (css.getPropertyValue('--mono').trim() || 'monospace');
    ctx.fillStyle = muted;
    ctx.strokeStyle = grid;
    ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = padT + ph - (ph * i) / 4;
      ctx.beginPath(); ctx.moveTo(padL, Math.round(y) + 0.5); ctx.lineTo(w - padR, Math.round(y) + 0.5); ctx.stroke();
      ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
      ctx.fillText(formatRate((top * i) / 4), padL - 6, y);
    }
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    for (const ago of [60, 45, 30, 15, 0]) {
      const x = padL + pw * (1 - ago / RATE_WINDOW_S);
      ctx.fillText(ago === 0 ? 'now' : '-' + ago + 's', Math.min(Math.max(x, padL + 10), w - padR - 12), padT + ph + 4);
    }
    const n = RATE_WINDOW_S;
    for (const s of series) {
      ctx.strokeStyle = colorFor(s.type);
      ctx.lineWidth = 1.75;
      // Start each line just before its first activity, so idle series don't all paint the axis.
      const firstActive = s.pts.findIndex((v) => v > 0);
      if (firstActive < 0) continue;
      ctx.beginPath();
      for (let i = Math.max(0, firstActive - 1); i < s.pts.length; i++) {
        const x = padL + (pw * i) / (n - 1);
        const y = padT + ph - (ph * s.pts[i]) / top;
        if (i === Math.max(0, firstActive - 1)) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
    if (!series.length) {
      ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.fillText('no sets received yet', padL + pw / 2, padT + ph / 2);
    }
    renderLegend(series);
    $('total-rate').textContent = formatRate(currentTotal);
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
      const sw = el('span', 'sw');
      sw.style.background = colorFor(s.type);
      li.appendChild(sw);
      li.appendChild(el('span', '', s.type));
      li.appendChild(el('span', 'rate', formatRate(s.pts[s.pts.length - 1]) + '/s'));
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
    setInterval(() => { drawChart(); refreshSeen(); }, 1000);
    window.addEventListener('resize', drawChart);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
