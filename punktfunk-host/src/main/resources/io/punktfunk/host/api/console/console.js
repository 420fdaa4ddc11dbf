// The host's web console: plain DOM and fetch against the management API of the same origin.
// Reads need no token; writes send the admin token the operator signs in with (kept for this tab only).
'use strict';

const api = '/api/v1';
const HISTORY = 60; // samples (seconds) per chart
let token = sessionStorage.getItem('punktfunk-token');
const history = new Map(); // session id -> {client, mbps:[], loss:[], fec:[], delay:[]}
const latest = new Map(); // session id -> the last figures seen
let catalog = [];

const $ = id => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  });
  children.forEach(c => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

async function call(method, path, body) {
  const headers = {};
  if (token && method !== 'GET') headers['Authorization'] = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(api + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) {
    const detail = data && data.errors ? data.errors.map(e => e.key + ': ' + e.message).join('; ') : (data ? data.detail : r.status);
    throw new Error(detail);
  }
  return data;
}

function signedIn(yes) {
  document.body.classList.toggle('signed-in', yes);
}

$('login-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  token = $('token').value.trim();
  try {
    await call('POST', '/settings/validate', {}); // changes nothing; answers 403 for a wrong token
    sessionStorage.setItem('punktfunk-token', token);
    signedIn(true);
  } catch (e) {
    token = null;
    $('login-status').textContent = 'not signed in: ' + e.message;
    $('login-status').className = 'status error';
  }
});

async function loadHost() {
  const h = await call('GET', '/host');
  $('host-name').textContent = h.name;
  $('host-meta').textContent = 'fingerprint ' + h.fingerprint + ' · udp ' + h.control_port + ' · ' + h.capabilities.codecs.join(', ')
      + ' · up to ' + h.capabilities.max_mode;
}

async function loadPairing() {
  const p = await call('GET', '/pairing');
  $('pairing-state').textContent = p.armed ? 'open for ' + Math.round(p.expires_in_ms / 1000) + ' s'
      : 'closed' + (p.closed_because ? ' (' + p.closed_because + ')' : '');
  if (!p.armed) $('pin').textContent = '';
}

$('arm').addEventListener('click', async () => {
  try {
    const p = await call('POST', '/pairing', {});
    $('pin').textContent = p.pin;
    loadPairing();
  } catch (e) { $('pairing-state').textContent = e.message; }
});
$('disarm').addEventListener('click', async () => { await call('DELETE', '/pairing'); loadPairing(); });

async function loadGameStream() {
  const g = await call('GET', '/gamestream/pin');
  $('gamestream').hidden = !g.enabled;
  $('gs-state').textContent = g.waiting ? 'Moonlight client ' + g.client + ' at ' + g.address + ' waits for the PIN it shows'
      : 'no Moonlight client is pairing; start pairing in Moonlight, then enter its PIN here';
  $('gs-pin-form').classList.toggle('waiting', g.waiting);
}

$('gs-pin-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  try {
    await call('POST', '/gamestream/pin', {pin: $('gs-pin').value.trim()});
    $('gs-status').textContent = 'PIN sent';
    $('gs-status').className = 'status ok';
    $('gs-pin').value = '';
  } catch (e) {
    $('gs-status').textContent = e.message;
    $('gs-status').className = 'status error';
  }
  loadGameStream();
});

async function loadClients() {
  const c = await call('GET', '/clients');
  const rows = c.clients.map(x => el('tr', {'data-id': x.id},
      el('td', {}, x.name), el('td', {}, x.protocol), el('td', {class: 'fp'}, x.id.slice(0, 16) + '…'),
      el('td', {}, x.paired_at.replace('T', ' ').replace('Z', '')),
      el('td', {}, el('button', {class: 'write revoke', onclick: async () => {
        if (confirm('Revoke ' + x.name + '? Its sessions end at once.')) { await call('DELETE', '/clients/' + x.id); loadClients(); }
      }}, 'Revoke'))));
  $('client-rows').replaceChildren(...rows);
}

function fmt(n, digits) { return Number(n).toFixed(digits); }

function renderSessions(sessions) {
  const ids = new Set(sessions.map(s => String(s.id)));
  [...history.keys()].filter(id => !ids.has(id)).forEach(id => history.delete(id));
  $('session-rows').replaceChildren(...sessions.map(s => el('tr', {'data-id': s.id},
      el('td', {}, s.id), el('td', {}, s.client), el('td', {}, s.mode), el('td', {}, s.codec),
      el('td', {class: 'num tx'}, fmt(s.stats.tx_mbps, 2)), el('td', {class: 'num'}, fmt(s.stats.loss_ppm / 1e4, 2) + ' %'),
      el('td', {class: 'num'}, s.stats.frames_lost), el('td', {class: 'num'}, fmt(s.stats.queue_delay_us / 1000, 1) + ' ms'),
      el('td', {class: 'num'}, s.stats.send_dropped),
      el('td', {}, el('button', {class: 'write', onclick: () => call('POST', '/sessions/' + s.id + '/stop')}, 'Stop')))));
  drawCharts();
}

function record(s) {
  const id = String(s.id);
  if (!history.has(id)) history.set(id, {client: s.client, mbps: [], loss: [], fec: [], delay: []});
  const h = history.get(id);
  const push = (a, v) => { a.push(v); if (a.length > HISTORY) a.shift(); };
  push(h.mbps, s.stats.tx_mbps);
  push(h.loss, s.stats.loss_ppm / 1e4);
  push(h.fec, s.fec_percent);
  push(h.delay, s.stats.queue_delay_us / 1000);
}

function chart(title, values, unit, colour) {
  const c = el('canvas', {width: 240, height: 70});
  const g = c.getContext('2d');
  const max = Math.max(1e-9, ...values);
  g.strokeStyle = '#e3e5ea';
  g.strokeRect(0.5, 0.5, 239, 69);
  g.strokeStyle = colour;
  g.lineWidth = 1.5;
  g.beginPath();
  values.forEach((v, i) => {
    const x = 2 + i * (236 / (HISTORY - 1));
    const y = 66 - (v / max) * 60;
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
  const last = values.length ? values[values.length - 1] : 0;
  return el('div', {class: 'chart'}, el('div', {class: 'label'}, title + ': ' + fmt(last, 2) + ' ' + unit), c);
}

function drawCharts() {
  const boxes = [];
  history.forEach((h, id) => {
    boxes.push(el('div', {class: 'session-charts', 'data-id': id}, el('strong', {}, 'session ' + id + ' (' + h.client + ')'),
        chart('bitrate', h.mbps, 'Mbit/s', '#1f6feb'), chart('loss', h.loss, '%', '#b00020'),
        chart('FEC', h.fec, '%', '#8250df'), chart('queue delay', h.delay, 'ms', '#0a6b2b')));
  });
  $('charts').replaceChildren(...boxes);
}

async function loadSessions() {
  const s = await call('GET', '/sessions');
  latest.clear();
  s.sessions.forEach(x => latest.set(String(x.id), x));
  renderSessions(s.sessions);
}

async function loadSettings() {
  const s = await call('GET', '/settings');
  catalog = s.catalog;
  const rows = catalog.map(c => {
    const [table, name] = c.key.split('.');
    const value = s.settings[table][name];
    const input = c.type === 'boolean'
        ? el('input', {type: 'checkbox', class: 'setting', 'data-key': c.key})
        : el('input', {type: 'text', class: 'setting', 'data-key': c.key, value: String(value)});
    if (c.type === 'boolean') input.checked = value;
    input.dataset.original = String(value);
    input.addEventListener('input', () => input.classList.toggle('changed',
        String(c.type === 'boolean' ? input.checked : input.value) !== input.dataset.original));
    input.addEventListener('change', () => input.dispatchEvent(new Event('input')));
    return el('tr', {}, el('td', {class: 'fp'}, c.key), el('td', {}, input),
        el('td', {}, c.apply + (s.pending_restart.includes(c.key) ? ' (pending)' : '')), el('td', {}, c.description));
  });
  $('setting-rows').replaceChildren(...rows);
}

$('save-settings').addEventListener('click', async () => {
  const body = {};
  document.querySelectorAll('input.setting.changed').forEach(i => {
    const c = catalog.find(x => x.key === i.dataset.key);
    const [table, name] = c.key.split('.');
    body[table] = body[table] || {};
    body[table][name] = c.type === 'boolean' ? i.checked : c.type === 'integer' ? Number(i.value) : i.value;
  });
  try {
    const r = await call('PATCH', '/settings', body);
    $('settings-status').textContent = 'saved: ' + (r.applied.join(', ') || 'nothing live')
        + (r.restart.length ? '; after a restart: ' + r.restart.join(', ') : '');
    $('settings-status').className = 'status ok';
    loadSettings();
  } catch (e) {
    $('settings-status').textContent = e.message;
    $('settings-status').className = 'status error';
  }
});

function listen() {
  const events = new EventSource(api + '/events');
  events.addEventListener('session.stats', ev => {
    const s = JSON.parse(ev.data);
    record(s);
    latest.set(String(s.id), s);
    renderSessions([...latest.values()].sort((a, b) => a.id - b.id));
  });
  ['session.started', 'session.ended'].forEach(t => events.addEventListener(t, () => loadSessions()));
  ['pairing.armed', 'pairing.closed'].forEach(t => events.addEventListener(t, () => loadPairing()));
  ['client.paired', 'client.revoked'].forEach(t => events.addEventListener(t, () => loadClients()));
  ['gamestream.pin.wanted', 'gamestream.pin.closed'].forEach(t => events.addEventListener(t, () => loadGameStream()));
  events.addEventListener('gamestream.pairing.failed', ev => {
    const f = JSON.parse(ev.data);
    $('gs-status').textContent = 'pairing with ' + f.client + ' failed: ' + f.reason;
    $('gs-status').className = 'status error';
  });
  events.addEventListener('settings.changed', () => loadSettings());
}

signedIn(!!token);
Promise.all([loadHost(), loadPairing(), loadGameStream(), loadClients(), loadSessions(), loadSettings()]).then(listen);
