'use strict';
// Test helpers: the widget's parts, a clock the tests move, a fake visitorauth server behind fetch
// (REST and a controllable event stream), and a widget booted in a jsdom window.

const path = require('node:path');
const { JSDOM } = require('jsdom');

const parts = require(path.join(__dirname, '..', 'src', 'widget.js'));

/** Lets pending promise callbacks and fetch bodies run. */
async function flush(rounds = 20) {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** setTimeout/clearTimeout on a clock that only moves when a test says so. */
class FakeTimers {
  constructor() {
    this.now = 0;
    this.nextId = 1;
    this.pending = new Map();
    this.setTimeout = (fn, ms) => {
      const id = this.nextId++;
      this.pending.set(id, { at: this.now + Math.max(0, ms || 0), fn });
      return id;
    };
    this.clearTimeout = (id) => { this.pending.delete(id); };
  }

  /** Delays of the timers now pending, soonest first. */
  delays() {
    return [...this.pending.values()].map((t) => t.at - this.now).sort((a, b) => a - b);
  }

  /** Moves the clock by ms, running every timer that falls due, in order, with the promises they start. */
  async advance(ms) {
    const target = this.now + ms;
    for (;;) {
      let next = null;
      for (const [id, t] of this.pending) if (t.at <= target && (!next || t.at < next[1].at)) next = [id, t];
      if (!next) break;
      this.pending.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
      await flush();
    }
    this.now = target;
    await flush();
  }
}

function json(status, body, headers = {}) {
  return new Response(body == null ? null : JSON.stringify(body), { status, headers: Object.assign({ 'Content-Type': 'application/json' }, headers) });
}

/** One SSE frame as the server writes it (spec section 14). */
function frame(id, type, data) {
  return 'id: ' + id + '\nevent: ' + type + '\ndata: ' + JSON.stringify({ id, type, at: '2026-12-01T10:00:00Z', data }) + '\n\n';
}

/** An event-stream response body the test writes into; aborting the request errors it, like a browser. */
function openStream(signal) {
  const encoder = new TextEncoder();
  let controller;
  let closed = false;
  const body = new ReadableStream({ start(c) { controller = c; } });
  const handle = {
    body,
    get closed() { return closed; },
    send(text) { if (!closed) controller.enqueue(encoder.encode(text)); },
    close() { if (!closed) { closed = true; controller.close(); } }
  };
  if (signal) {
    signal.addEventListener('abort', () => {
      if (!closed) { closed = true; controller.error(new DOMException('The operation was aborted.', 'AbortError')); }
    });
  }
  return handle;
}

/**
 * A visitorauth server behind a fetch function: sessions, conversations, messages, read markers and
 * GET /v1/stream (streamStatus 200: a stream the test drives; else that status, as an older server).
 */
class FakeServer {
  constructor({ streamStatus = 200, unreadCounts = false } = {}) {
    this.streamStatus = streamStatus;
    this.unreadCounts = unreadCounts;
    this.calls = [];
    this.streams = [];
    this.sessions = 0;
    this.visitors = 0;
    this.conversations = [];
    this.messages = new Map();
    this.nextMessage = 1;
    this.readStatus = 204;
    this.deleted = [];
    this.startResponses = []; // queued answers to the next starts: (body) => Response
    this.fetch = (url, init) => this.handle(url, init || {});
  }

  callsTo(method, prefix) {
    return this.calls.filter((c) => c.method === method && c.path.startsWith(prefix));
  }

  get lastStream() { return this.streams[this.streams.length - 1]; }

  addConversation(id, texts, extra = {}) {
    const messages = texts.map(([author, text, more]) => Object.assign({ id: 'm' + this.nextMessage++, text, author, authenticated: false, createdAt: '2026-12-01T09:00:00Z' }, more || {}));
    this.messages.set(id, messages);
    this.conversations.unshift(Object.assign({ id, createdAt: '2026-12-01T09:00:00Z', lastMessageAt: '2026-12-01T09:00:00Z', messageCount: messages.length }, extra));
    return messages;
  }

  /** An agent reply stored on the server (what an admin POST does), returned for an event. */
  reply(conversationId, text, more = {}) {
    const m = Object.assign({ id: 'm' + this.nextMessage++, text, author: 'agent', authenticated: false, createdAt: '2026-12-01T10:00:00Z' }, more);
    this.messages.get(conversationId).push(m);
    const c = this.conversations.find((x) => x.id === conversationId);
    c.messageCount++;
    if (this.unreadCounts) c.unreadCount = (c.unreadCount || 0) + 1;
    return Object.assign({ conversationId }, m);
  }

  async handle(url, init) {
    const u = new URL(url);
    const method = init.method || 'GET';
    const body = init.body ? JSON.parse(init.body) : undefined;
    const headers = init.headers || {};
    const call = { method, path: u.pathname + u.search, body, headers };
    this.calls.push(call);
    const p = u.pathname;
    let m;
    if (method === 'POST' && /^\/v1\/widgets\/[^/]+\/sessions$/.test(p)) {
      if (this.startResponses.length) return this.startResponses.shift()(body);
      return this.startSession(body);
    }
    if (method === 'DELETE' && p === '/v1/session') { this.deleted.push(headers.Authorization); return new Response(null, { status: 204 }); }
    if (method === 'GET' && p === '/v1/stream') {
      if (this.streamStatus !== 200) return json(this.streamStatus, { code: 'not_found' });
      const s = openStream(init.signal);
      s.headers = headers;
      this.streams.push(s);
      return new Response(s.body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }
    if (method === 'GET' && p === '/v1/conversations') {
      return json(200, { conversations: this.conversations.map((c) => Object.assign({}, c)) });
    }
    if (method === 'POST' && p === '/v1/conversations') {
      const id = 'c' + (this.conversations.length + 1);
      const [first] = this.addConversation(id, [['visitor', body.text]]);
      return json(201, { id, createdAt: first.createdAt, lastMessageAt: first.createdAt, messageCount: 1, messages: [first] });
    }
    if ((m = /^\/v1\/conversations\/([^/]+)\/messages$/.exec(p))) {
      const list = this.messages.get(decodeURIComponent(m[1]));
      if (!list) return json(404, { code: 'not_found' });
      if (method === 'POST') {
        const msg = { id: 'm' + this.nextMessage++, text: body.text, author: 'visitor', authenticated: false, createdAt: '2026-12-01T10:00:00Z' };
        list.push(msg);
        this.conversations.find((x) => x.id === m[1]).messageCount++;
        return json(201, msg);
      }
      const after = u.searchParams.get('after');
      const from = after ? list.findIndex((x) => x.id === after) + 1 : Math.max(0, list.length - 50);
      return json(200, { messages: list.slice(from), hasMore: !after && list.length > 50 });
    }
    if ((m = /^\/v1\/conversations\/([^/]+)\/read$/.exec(p)) && method === 'POST') {
      const c = this.conversations.find((x) => x.id === m[1]);
      if (c && this.readStatus === 204 && this.unreadCounts) c.unreadCount = 0;
      return this.readStatus === 204 ? new Response(null, { status: 204 }) : json(this.readStatus, { code: 'not_found' });
    }
    return json(404, { code: 'not_found' });
  }

  startSession(body) {
    this.sessions++;
    const token = body && body.visitorToken;
    const visitorId = (body && body.visitorId) || 'v' + ++this.visitors;
    return json(201, {
      sessionToken: 'st' + this.sessions, expiresAt: '2026-12-01T12:00:00Z', visitorId,
      status: token ? 'authenticated' : 'anonymous', user: token ? { id: '1001', name: 'Ada Lovelace' } : null
    });
  }
}

/** A console that records what the widget writes. */
function recordingConsole() {
  const c = { errors: [], warnings: [] };
  c.error = (...args) => c.errors.push(args.map(String).join(' '));
  c.warn = (...args) => c.warnings.push(args.map(String).join(' '));
  c.log = () => {};
  return c;
}

/**
 * A widget booted in its own jsdom window on https://shop.example, talking to server, on timers.
 * Options: settings (merged over widgetId/apiBase), window (reuse: another tab), BroadcastChannel.
 */
async function bootWidget(server, timers, options = {}) {
  const dom = options.dom || new JSDOM('<!doctype html><html><body></body></html>', { url: 'https://shop.example/', pretendToBeVisual: true });
  const window = dom.window;
  if (options.BroadcastChannel) window.BroadcastChannel = options.BroadcastChannel;
  const console = recordingConsole();
  const widget = new parts.Widget({
    window, document: window.document, fetch: server.fetch, timers, random: () => 0.5, console,
    settings: Object.assign({ widgetId: 'wgt_1', apiBase: 'https://chat.example' }, options.settings || {})
  });
  widget.boot(options.queued || []);
  await flush();
  await widget.chain;
  await flush();
  return { widget, window, dom, console, root: window.document.getElementById('visitorauth-widget').shadowRoot };
}

/** The messages on screen, as "author: text". */
function shownMessages(root) {
  return [...root.querySelectorAll('.va-msg')].map((m) => m.getAttribute('data-author') + ': ' + m.querySelector('.va-msg-text').textContent);
}

module.exports = { parts, flush, FakeTimers, FakeServer, frame, json, openStream, bootWidget, shownMessages, recordingConsole, JSDOM };
