/*!
 * visitorauth chat widget.
 *
 * One script, no framework, no build step; the server serves this very file as /widget.js. A site
 * includes it with
 *
 *   <script>
 *     window.algomoSettings = { widgetId: "wgt_…", visitorToken: "<token from your server>" };
 *   </script>
 *   <script async src="https://<visitorauth server>/widget.js"></script>
 *
 * Settings (window.algomoSettings, read once when the script runs):
 *   widgetId      required; the widget's public id.
 *   visitorToken  optional; a visitor token (string, used once), or a function returning a token or
 *                 a promise of one, called at start and again whenever a fresh token is needed
 *                 (token_expired, token_revoked, the session expired, 'login').
 *   apiBase       optional; the visitorauth server. Default: the origin this script was loaded from.
 *   onAuthError   optional; called as onAuthError(code, detail, error) when a token is refused (spec 11),
 *                 error being {code, claim, detail, status, hint, docs}.
 *   locale        optional; "en" (default), "de" or "fr"; "de-DE" means "de"; anything else is English.
 *   color         optional; a CSS colour for the launcher, header and the visitor's messages.
 *
 * Commands (queued when called before the script has loaded, with the snippet
 *   window.Algomo = window.Algomo || function () { (window.Algomo.q = window.Algomo.q || []).push(arguments); };):
 *   Algomo('login', tokenOrFunction)  link this browser's visitor to the signed-in user
 *   Algomo('logout')                  end the session in every tab of this site, start a new anonymous visitor
 *   Algomo('open') / Algomo('close')  show or hide the chat panel
 *
 * Delivery: push first. The widget reads GET /v1/stream (Server-Sent Events over fetch, the session
 * token in the Authorization header, resumed with Last-Event-ID); when the server has no stream or it
 * keeps failing, it polls instead (3 s with the panel open, 15 s closed) and tries the stream again.
 *
 * Layout of this file: numbered sections, each a small part with one job. Loaded by Node (the unit
 * tests), the file exports the parts instead of starting; in a browser it starts the widget.
 *
 * Safety: user and agent text is only ever set with textContent, never parsed as HTML.
 */
(() => {
  'use strict';

  const LOG_PREFIX = '[visitorauth]';

  // ================================================================ 1. strings and locales

  /** Every string the widget shows. {n}, {name}, {time} are filled in; *One/*Many pick by count. */
  const STRINGS = {
    en: {
      openChat: 'Open support chat',
      openChatUnreadOne: 'Open support chat, {n} new reply',
      openChatUnreadMany: 'Open support chat, {n} new replies',
      closeChat: 'Close support chat',
      title: 'Support',
      newConversation: 'New conversation',
      back: 'Back to conversations',
      close: 'Close chat',
      yourConversations: 'Your conversations',
      conversationN: 'Conversation {n}',
      messagesOne: '{n} message',
      messagesMany: '{n} messages',
      lastAt: 'last {time}',
      unreadOne: '{n} new reply',
      unreadMany: '{n} new replies',
      empty: 'Ask us anything. We usually reply in a few minutes.',
      messages: 'Messages',
      loadEarlier: 'Load earlier messages',
      placeholder: 'Write a message…',
      message: 'Message',
      send: 'Send',
      you: 'You',
      agent: 'Agent',
      verified: 'verified',
      signedInAs: 'Signed in as {name}',
      guest: 'Chatting as a guest',
      connecting: 'Connecting…',
      sessionEnded: 'Your chat session has ended. Reload the page to continue.',
      signIn: 'Please sign in to chat with us.',
      unavailable: 'The chat is unavailable on this page.',
      retrying: 'The chat is temporarily unavailable. Retrying…',
      unreachable: 'The chat server cannot be reached. Retrying…',
      sendFailed: 'Your message could not be sent. Please try again.'
    },
    de: {
      openChat: 'Support-Chat öffnen',
      openChatUnreadOne: 'Support-Chat öffnen, {n} neue Antwort',
      openChatUnreadMany: 'Support-Chat öffnen, {n} neue Antworten',
      closeChat: 'Support-Chat schließen',
      title: 'Support',
      newConversation: 'Neue Unterhaltung',
      back: 'Zurück zu den Unterhaltungen',
      close: 'Chat schließen',
      yourConversations: 'Ihre Unterhaltungen',
      conversationN: 'Unterhaltung {n}',
      messagesOne: '{n} Nachricht',
      messagesMany: '{n} Nachrichten',
      lastAt: 'zuletzt {time}',
      unreadOne: '{n} neue Antwort',
      unreadMany: '{n} neue Antworten',
      empty: 'Fragen Sie uns alles. Wir antworten meist innerhalb weniger Minuten.',
      messages: 'Nachrichten',
      loadEarlier: 'Ältere Nachrichten laden',
      placeholder: 'Nachricht schreiben…',
      message: 'Nachricht',
      send: 'Senden',
      you: 'Sie',
      agent: 'Support',
      verified: 'verifiziert',
      signedInAs: 'Angemeldet als {name}',
      guest: 'Sie chatten als Gast',
      connecting: 'Verbindung wird hergestellt…',
      sessionEnded: 'Ihre Chat-Sitzung ist beendet. Laden Sie die Seite neu, um fortzufahren.',
      signIn: 'Bitte melden Sie sich an, um mit uns zu chatten.',
      unavailable: 'Der Chat ist auf dieser Seite nicht verfügbar.',
      retrying: 'Der Chat ist vorübergehend nicht verfügbar. Neuer Versuch…',
      unreachable: 'Der Chat-Server ist nicht erreichbar. Neuer Versuch…',
      sendFailed: 'Ihre Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es erneut.'
    },
    fr: {
      openChat: 'Ouvrir le chat d’assistance',
      openChatUnreadOne: 'Ouvrir le chat d’assistance, {n} nouvelle réponse',
      openChatUnreadMany: 'Ouvrir le chat d’assistance, {n} nouvelles réponses',
      closeChat: 'Fermer le chat d’assistance',
      title: 'Assistance',
      newConversation: 'Nouvelle conversation',
      back: 'Retour aux conversations',
      close: 'Fermer le chat',
      yourConversations: 'Vos conversations',
      conversationN: 'Conversation {n}',
      messagesOne: '{n} message',
      messagesMany: '{n} messages',
      lastAt: 'dernier {time}',
      unreadOne: '{n} nouvelle réponse',
      unreadMany: '{n} nouvelles réponses',
      empty: 'Posez-nous vos questions. Nous répondons en général en quelques minutes.',
      messages: 'Messages',
      loadEarlier: 'Charger les messages précédents',
      placeholder: 'Écrire un message…',
      message: 'Message',
      send: 'Envoyer',
      you: 'Vous',
      agent: 'Conseiller',
      verified: 'vérifié',
      signedInAs: 'Connecté en tant que {name}',
      guest: 'Vous discutez en tant qu’invité',
      connecting: 'Connexion…',
      sessionEnded: 'Votre session de chat est terminée. Rechargez la page pour continuer.',
      signIn: 'Veuillez vous connecter pour discuter avec nous.',
      unavailable: 'Le chat n’est pas disponible sur cette page.',
      retrying: 'Le chat est momentanément indisponible. Nouvel essai…',
      unreachable: 'Le serveur de chat est injoignable. Nouvel essai…',
      sendFailed: 'Votre message n’a pas pu être envoyé. Veuillez réessayer.'
    }
  };
  const DEFAULT_LOCALE = 'en';

  /**
   * The shipped locale for a requested BCP 47 tag: exact ("de"), else its language ("de-DE" -> "de"),
   * else English. The second value says whether the request was honoured, for a console warning.
   */
  function pickLocale(requested) {
    if (requested == null || requested === '') return { locale: DEFAULT_LOCALE, matched: true };
    const tag = String(requested).trim().toLowerCase().replace(/_/g, '-');
    if (Object.prototype.hasOwnProperty.call(STRINGS, tag)) return { locale: tag, matched: true };
    const language = tag.split('-')[0];
    if (Object.prototype.hasOwnProperty.call(STRINGS, language)) return { locale: language, matched: true };
    return { locale: DEFAULT_LOCALE, matched: false };
  }

  /** A translator for one locale: t('key', {n: 2}); *One/*Many variants via t.count('key', n). */
  function translator(locale) {
    const table = STRINGS[locale] || STRINGS[DEFAULT_LOCALE];
    const t = (key, params) => {
      const template = table[key] != null ? table[key] : STRINGS[DEFAULT_LOCALE][key];
      return String(template).replace(/\{(\w+)\}/g, (all, name) => (params && params[name] != null ? String(params[name]) : all));
    };
    t.count = (key, n) => t(key + (n === 1 ? 'One' : 'Many'), { n });
    t.locale = locale;
    return t;
  }

  // ================================================================ 2. colour

  const DEFAULT_COLOR = '#2f5bea';
  const CSS_WIDE_KEYWORDS = /^(inherit|initial|unset|revert|revert-layer|currentcolor)$/i;

  /**
   * The colour setting checked by the browser's own CSS parser (a detached element's style), so only
   * a value CSS accepts as a colour passes: no declarations smuggled in, no var(), no keywords that
   * are not colours. Returns {color} or {color: null, warning} (null: use the default).
   */
  function parseColor(value, document) {
    if (value == null || value === '') return { color: null, warning: null };
    const text = String(value).trim();
    const invalid = { color: null, warning: LOG_PREFIX + ' algomoSettings.color "' + text + '" is not a CSS colour; the default colour is used.' };
    if (typeof value !== 'string' || text.length > 100 || /[;{}<>\\]|var\(|attr\(|url\(/i.test(text) || CSS_WIDE_KEYWORDS.test(text)) {
      return invalid;
    }
    const style = document.createElement('span').style;
    style.color = '';
    style.color = text;
    return style.color ? { color: text, warning: null } : invalid;
  }

  /** Text colour that reads on a background "rgb(r, g, b)" (computed style): white, or dark on light colours. */
  function textColorOn(rgb) {
    const m = /rgba?\(\s*(\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)/.exec(String(rgb || ''));
    if (!m) return '#fff';
    const lin = (c) => { const s = Number(c) / 255; return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4); };
    const luminance = 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
    // Contrast with white vs with #1d2330 (luminance about 0.016): the larger wins.
    return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.066) ? '#fff' : '#1d2330';
  }

  // ================================================================ 3. Server-Sent Events parser

  /**
   * Incremental parser of the text/event-stream format (WHATWG HTML, "event stream interpretation"):
   * lines end with CRLF, LF or CR, also when a chunk ends between CR and LF; "data" lines join with
   * LF; lines starting with ":" are comments (heartbeats); "id" persists to later events. A line
   * longer than maxLineLength is an error (a bounded buffer whatever the server sends).
   */
  class SseParser {
    constructor(maxLineLength = 1 << 20) {
      this.maxLineLength = maxLineLength;
      this.buffer = '';
      this.skipLeadingLf = false;
      this.firstChunk = true;
      this.data = [];
      this.eventType = '';
      this.lastEventId = '';
      this.retry = null;
      this.comments = 0;
    }

    /** Feeds decoded text; returns the events completed by it: [{id, type, data}]. */
    push(text) {
      const events = [];
      let chunk = String(text);
      if (this.firstChunk && chunk.length) {
        this.firstChunk = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      if (this.skipLeadingLf && chunk.length) {
        if (chunk[0] === '\n') chunk = chunk.slice(1);
        this.skipLeadingLf = false;
      }
      const buffer = this.buffer + chunk;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\r' && c !== '\n') continue;
        const line = buffer.slice(start, i);
        if (c === '\r') {
          if (i + 1 < buffer.length) {
            if (buffer[i + 1] === '\n') i++;
          } else {
            this.skipLeadingLf = true;
          }
        }
        start = i + 1;
        this.line(line, events);
      }
      this.buffer = buffer.slice(start);
      if (this.buffer.length > this.maxLineLength) {
        throw new Error('event stream line longer than ' + this.maxLineLength + ' characters');
      }
      return events;
    }

    line(line, events) {
      if (line === '') {
        if (this.data.length) {
          events.push({ id: this.lastEventId, type: this.eventType || 'message', data: this.data.join('\n') });
        }
        this.data = [];
        this.eventType = '';
        return;
      }
      if (line[0] === ':') {
        this.comments++;
        return;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value[0] === ' ') value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.eventType = value;
      else if (field === 'id') { if (value.indexOf('\u0000') < 0) this.lastEventId = value; }
      else if (field === 'retry') { if (/^\d+$/.test(value)) this.retry = Number(value); }
    }
  }

  // ================================================================ 4. HTTP

  /** A refused request: the HTTP status and the problem document (RFC 9457) with its code. */
  class ApiError extends Error {
    constructor(status, problem, retryAfter) {
      const p = problem && typeof problem === 'object' ? problem : {};
      super((p.code || 'HTTP ' + status) + (p.detail ? ': ' + p.detail : ''));
      this.status = status;
      this.problem = p;
      this.code = p.code || null;
      this.retryAfter = retryAfter || null;
    }
  }

  /** The REST calls the widget makes, over an injected fetch. No cookies: bearer tokens only. */
  class Api {
    constructor(fetchFn, apiBase) {
      this.fetch = fetchFn;
      this.apiBase = apiBase;
    }

    async request(method, path, { body, token } = {}) {
      const headers = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = 'Bearer ' + token;
      const res = await this.fetch(this.apiBase + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store'
      });
      if (res.status === 204) return null;
      const text = await res.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
      if (!res.ok) throw new ApiError(res.status, json, Number(res.headers.get('Retry-After')) || null);
      return json;
    }

    startSession(widgetId, visitorId, visitorToken) {
      const body = {};
      if (visitorId) body.visitorId = visitorId;
      if (visitorToken) body.visitorToken = visitorToken;
      return this.request('POST', '/v1/widgets/' + encodeURIComponent(widgetId) + '/sessions', { body });
    }
  }

  // ================================================================ 5. token source

  /**
   * algomoSettings.visitorToken (or a 'login' argument): a function is asked for a fresh token every
   * time one is needed; a string is used once (later starts go without it).
   */
  class TokenSource {
    constructor(source, onError) {
      this.set(source);
      this.onError = onError || (() => {});
    }

    set(source) {
      this.source = source == null || source === '' ? null : source;
      this.spent = false;
    }

    get isFunction() { return typeof this.source === 'function'; }

    /** Whether a later start can carry a token (a function, or a string not yet used). */
    get canSupply() { return this.isFunction || (this.source != null && !this.spent); }

    async next() {
      if (this.source == null) return null;
      if (!this.isFunction) return this.spent ? null : String(this.source);
      try {
        const token = await this.source();
        return token == null || token === '' ? null : String(token);
      } catch (e) {
        this.onError(e);
        return null;
      }
    }

    /** A start has used the token (accepted or refused): a string is not sent again. */
    spend() { if (!this.isFunction) this.spent = true; }
  }

  // ================================================================ 6. session state machine

  /**
   * The widget's states. idle: not started. starting: asking for a session. connecting: a session,
   * opening the stream. live: the stream delivers. polling: the fallback delivers. ended: the session
   * ended (reason: logout, revoked, expired, linked); a notice when the page must reload. failed: no
   * session could start (notice says why; retry when it is worth retrying).
   */
  const STATES = Object.freeze(['idle', 'starting', 'connecting', 'live', 'polling', 'ended', 'failed']);
  const WITH_SESSION = ['connecting', 'live', 'polling'];

  /**
   * The one function that decides transitions: (state, event) -> the next state, or null when the
   * event means nothing in that state (a late callback of an earlier connection, say). Events:
   * start, started, start_failed {notice, retry}, stream_open, stream_lost, stream_unavailable,
   * session_ended {reason, notice} (the page must reload), signed_out {reason} (logout or revoked:
   * a new anonymous visitor follows).
   */
  function transition(state, event) {
    const name = state.name;
    switch (event.type) {
      case 'start':
        return { name: 'starting' };
      case 'started':
        return name === 'starting' ? { name: 'connecting' } : null;
      case 'start_failed':
        return name === 'starting' ? { name: 'failed', notice: event.notice, retry: !!event.retry } : null;
      case 'stream_open':
        return WITH_SESSION.includes(name) ? { name: 'live' } : null;
      case 'stream_lost':
        return name === 'live' ? { name: 'connecting' } : null;
      case 'stream_unavailable':
        return WITH_SESSION.includes(name) ? { name: 'polling' } : null;
      case 'session_ended':
        return WITH_SESSION.includes(name) || name === 'starting'
          ? { name: 'ended', reason: event.reason, notice: event.notice || null } : null;
      case 'signed_out':
        return { name: 'ended', reason: event.reason || 'logout', notice: null };
      default:
        return null;
    }
  }

  // ================================================================ 7. backoff and stream client

  /** Exponential backoff with jitter: attempt n waits base*2^(n-1), capped, times 0.5..1. */
  function backoffDelay(attempt, random, baseMs = 1000, maxMs = 30000) {
    const exp = Math.min(maxMs, baseMs * Math.pow(2, Math.max(0, attempt - 1)));
    return Math.round(exp * (0.5 + random() * 0.5));
  }

  /**
   * GET /v1/stream over fetch (the token in the Authorization header, never in a URL), resumed with
   * Last-Event-ID. Reports through callbacks:
   *   onOpen()         a connection is open (the first one, or after a reconnect)
   *   onEvent(frame)   a parsed frame {id, type, data}
   *   onLost()         an open connection broke; reconnecting with backoff
   *   onUnavailable()  no streaming here (404/405/501, not an event stream, or failures in a row);
   *                    keeps probing, slowly, and calls onOpen when streaming works again
   *   onUnauthorized() 401: the session is gone
   * A watchdog aborts a connection that sends no byte for heartbeatTimeoutMs (heartbeats come every 20 s).
   */
  class StreamClient {
    constructor(options) {
      this.fetch = options.fetch;
      this.url = options.url;
      this.token = options.token;
      this.timers = options.timers;
      this.random = options.random || Math.random;
      this.heartbeatTimeoutMs = options.heartbeatTimeoutMs || 45000;
      this.failuresBeforeFallback = options.failuresBeforeFallback || 3;
      this.probeMs = options.probeMs || 60000;
      this.maxProbeMs = options.maxProbeMs || 300000;
      this.on = options.on;
      this.lastEventId = null;
      this.failures = 0;
      this.notFound = 0;
      this.everOpened = false;
      this.unavailable = false;
      this.stopped = false;
      this.timer = null;
      this.watchdog = null;
      this.controller = null;
      this.connections = 0;
    }

    start() { this.connect(); }

    stop() {
      this.stopped = true;
      this.clearTimers();
      if (this.controller) this.controller.abort();
    }

    clearTimers() {
      if (this.timer) this.timers.clearTimeout(this.timer);
      if (this.watchdog) this.timers.clearTimeout(this.watchdog);
      this.timer = null;
      this.watchdog = null;
    }

    armWatchdog(controller) {
      if (this.watchdog) this.timers.clearTimeout(this.watchdog);
      this.watchdog = this.timers.setTimeout(() => { this.stale = true; controller.abort(); }, this.heartbeatTimeoutMs);
    }

    async connect() {
      if (this.stopped) return;
      this.timer = null;
      this.stale = false;
      const controller = new AbortController();
      this.controller = controller;
      this.connections++;
      const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + this.token };
      if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
      let opened = false;
      let outcome;
      this.bytes = 0;
      try {
        this.armWatchdog(controller);
        const res = await this.fetch(this.url, { method: 'GET', headers, credentials: 'omit', cache: 'no-store', signal: controller.signal });
        const type = (res.headers.get('Content-Type') || '').toLowerCase();
        if (res.status === 401) {
          outcome = { kind: 'unauthorized' };
        } else if (res.status === 404 || res.status === 405 || res.status === 501 || (res.ok && type.indexOf('text/event-stream') < 0)) {
          outcome = { kind: 'absent' };
        } else if (!res.ok || !res.body) {
          outcome = { kind: 'failed', retryAfter: Number(res.headers.get('Retry-After')) || 0 };
        } else {
          opened = true;
          this.notFound = 0;
          this.everOpened = true;
          this.unavailable = false;
          this.on.onOpen();
          await this.read(res.body, controller);
          outcome = { kind: 'closed' };
        }
        if (!opened && res.body && res.body.cancel) res.body.cancel().catch(() => {});
      } catch (e) {
        outcome = { kind: this.stopped ? 'stopped' : 'failed' };
      }
      if (this.watchdog) this.timers.clearTimeout(this.watchdog);
      this.watchdog = null;
      if (this.stopped || controller !== this.controller) return;
      this.after(outcome, opened);
    }

    async read(body, controller) {
      const reader = body.getReader();
      const decoder = new TextDecoder('utf-8');
      const parser = new SseParser();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done || this.stopped) break;
          if (this.bytes === 0) this.failures = 0; // a working connection, not just an answer
          this.bytes += value.length;
          this.armWatchdog(controller);
          const frames = parser.push(decoder.decode(value, { stream: true }));
          for (const frame of frames) {
            if (frame.id) this.lastEventId = frame.id;
            this.on.onEvent(frame);
            if (this.stopped) break;
          }
        }
      } finally {
        try { reader.releaseLock(); } catch (e) { /* already released */ }
      }
    }

    after(outcome, opened) {
      if (outcome.kind === 'unauthorized') {
        this.stopped = true;
        this.on.onUnauthorized();
        return;
      }
      if (outcome.kind === 'absent') {
        // No stream on this server: fall back at once, probe now and then (60 s doubling to 5 min).
        this.notFound++;
        this.reportUnavailable();
        this.schedule(Math.min(this.maxProbeMs, this.probeMs * Math.pow(2, this.notFound - 1)));
        return;
      }
      if (opened && this.bytes > 0) {
        // A connection that was open broke (server restart, network, heartbeat missing): resume at once.
        this.on.onLost();
        this.failures = 0;
        this.schedule(this.stale ? 0 : backoffDelay(1, this.random));
        return;
      }
      if (opened) this.on.onLost(); // opened and closed without a byte: a failure, backing off like one
      this.failures++;
      if (!this.everOpened || this.failures >= this.failuresBeforeFallback) this.reportUnavailable();
      const delay = backoffDelay(this.failures, this.random, 1000, this.unavailable ? 60000 : 30000);
      this.schedule(Math.max(delay, Math.min(60, outcome.retryAfter || 0) * 1000));
    }

    reportUnavailable() {
      if (this.unavailable) return;
      this.unavailable = true;
      this.on.onUnavailable();
    }

    schedule(ms) {
      if (this.stopped) return;
      this.timer = this.timers.setTimeout(() => this.connect(), ms);
    }
  }

  // ================================================================ 8. polling (the fallback)

  /** Calls tick() every openMs with the panel open, closedMs closed; one tick at a time. */
  class Poller {
    constructor(timers, tick, isOpen, openMs = 3000, closedMs = 15000) {
      Object.assign(this, { timers, tick, isOpen, openMs, closedMs });
      this.timer = null;
      this.running = false;
    }

    start() {
      this.running = true;
      this.schedule();
    }

    stop() {
      this.running = false;
      if (this.timer) this.timers.clearTimeout(this.timer);
      this.timer = null;
    }

    /** The panel opened or closed: the next tick comes at the new pace. */
    reschedule() { if (this.running) this.schedule(); }

    schedule() {
      if (this.timer) this.timers.clearTimeout(this.timer);
      this.timer = this.timers.setTimeout(async () => {
        this.timer = null;
        try { await this.tick(); } catch (e) { /* transient failure: try again next time */ }
        if (this.running && !this.timer) this.schedule();
      }, this.isOpen() ? this.openMs : this.closedMs);
    }
  }

  // ================================================================ 9. tabs of the same site

  /**
   * Messages to the widget's other tabs of this site (same origin, same widget): BroadcastChannel,
   * or, where it is missing, a storage event on a key written and removed at once.
   */
  class TabChannel {
    constructor(window, widgetId, onMessage) {
      this.name = 'visitorauth:' + widgetId + ':tabs';
      this.window = window;
      this.onMessage = onMessage;
      this.channel = null;
      if (typeof window.BroadcastChannel === 'function') {
        this.channel = new window.BroadcastChannel(this.name);
        this.channel.onmessage = (e) => this.receive(e.data);
      } else {
        this.listener = (e) => {
          if (e.key !== this.name || !e.newValue) return;
          try { this.receive(JSON.parse(e.newValue)); } catch (err) { /* not ours */ }
        };
        window.addEventListener('storage', this.listener);
      }
    }

    receive(message) {
      if (message && typeof message.type === 'string') this.onMessage(message);
    }

    post(message) {
      if (this.channel) {
        this.channel.postMessage(message);
        return;
      }
      try {
        const storage = this.window.localStorage;
        storage.setItem(this.name, JSON.stringify(Object.assign({ nonce: Math.random().toString(36).slice(2), at: Date.now() }, message)));
        storage.removeItem(this.name);
      } catch (e) { /* no storage: this tab only */ }
    }

    close() {
      if (this.channel) this.channel.close();
      if (this.listener) this.window.removeEventListener('storage', this.listener);
    }
  }

  // ================================================================ 10. conversations: unread, preview, de-duplication

  /** The first line of a message, at most 140 code points (the server's preview rule). */
  function previewOf(text) {
    const first = String(text == null ? '' : text).split(/\r\n|\r|\n/)[0];
    const points = Array.from(first);
    return points.length > 140 ? points.slice(0, 140).join('') : first;
  }

  /**
   * What the widget knows about the visitor's conversations: the list as the server gave it, and on
   * top of that the messages seen since (events, the open thread), de-duplicated by message id.
   * Unread: the server's unreadCount when the list carries it (the same on every device), else
   * counted here from message counts, as older servers need.
   */
  class ConversationStore {
    constructor(maxIds = 5000) {
      this.maxIds = maxIds;
      this.reset();
    }

    reset() {
      this.loaded = false; // whether a list came from the server since the reset
      this.list = [];
      this.seenIds = new Set();
      this.unread = new Map();
      this.readCounts = new Map(); // local mode: messages counted as read per conversation
      this.extraCounts = new Map(); // messages seen after the list was fetched
      this.previews = new Map();
      this.lastAt = new Map();
      this.seq = 0;
      this.recent = []; // messages accepted lately, to re-apply over a list that was older than them
    }

    /** A mark to pass to setList: messages accepted after it are re-applied if the list predates them. */
    mark() { return this.seq; }

    has(id) { return this.list.some((c) => c.id === id); }
    get(id) { return this.list.find((c) => c.id === id) || null; }

    count(c) { return (c.messageCount || 0) + (this.extraCounts.get(c.id) || 0); }

    /**
     * A fresh list from the server. shownId: the conversation on screen (it has nothing unread).
     * since: the mark taken when the list was asked for; a message accepted after it and newer than
     * the list's lastMessageAt for its conversation is not in the list yet, so it is applied again.
     */
    setList(conversations, shownId, since = this.seq) {
      this.loaded = true;
      this.list = conversations.slice();
      this.extraCounts.clear();
      for (const c of this.list) {
        if (typeof c.preview === 'string') this.previews.set(c.id, c.preview);
        if (c.lastMessageAt) this.lastAt.set(c.id, c.lastMessageAt);
        if (typeof c.unreadCount === 'number') {
          this.unread.set(c.id, c.id === shownId ? 0 : c.unreadCount);
        } else {
          if (!this.readCounts.has(c.id) || c.id === shownId) this.readCounts.set(c.id, this.count(c));
          this.unread.set(c.id, Math.max(0, this.count(c) - this.readCounts.get(c.id)));
        }
      }
      for (const r of this.recent) {
        if (r.seq <= since) continue;
        const c = this.get(r.conversationId);
        if (c && Date.parse(r.message.createdAt) > Date.parse(c.lastMessageAt || c.createdAt || 0)) {
          this.apply(r.conversationId, r.message, r.shown && r.conversationId === shownId);
        }
      }
    }

    /**
     * A message seen (an event, a post's answer, the thread): false if already seen. Counts it, and
     * an agent's message not on screen as unread.
     */
    accept(conversationId, message, shown) {
      if (!message || !message.id || this.seenIds.has(message.id)) return false;
      this.remember(message.id);
      this.recent.push({ seq: ++this.seq, conversationId, message, shown });
      if (this.recent.length > 200) this.recent.shift();
      this.apply(conversationId, message, shown);
      return true;
    }

    apply(conversationId, message, shown) {
      const c = this.get(conversationId);
      this.previews.set(conversationId, previewOf(message.text));
      if (message.createdAt) this.lastAt.set(conversationId, message.createdAt);
      if (!c) return;
      this.extraCounts.set(conversationId, (this.extraCounts.get(conversationId) || 0) + 1);
      if (message.author === 'agent' && !shown) {
        this.unread.set(conversationId, (this.unread.get(conversationId) || 0) + 1);
      } else if (shown || message.author !== 'agent') {
        this.readCounts.set(conversationId, (this.readCounts.get(conversationId) || 0) + 1);
      }
      this.moveToTop(conversationId);
    }

    /** Messages loaded with a thread: known from now on, no counts change (the list has them). */
    known(messages) {
      for (const m of messages) if (m && m.id) this.remember(m.id);
    }

    remember(id) {
      this.seenIds.add(id);
      if (this.seenIds.size > this.maxIds) this.seenIds.delete(this.seenIds.values().next().value);
    }

    /** The conversation was shown, or read on another device. */
    markRead(id) {
      this.unread.set(id, 0);
      const c = this.get(id);
      if (c) this.readCounts.set(id, this.count(c));
    }

    /** A new conversation (event, or the visitor's first message). */
    add(conversation) {
      if (!conversation || !conversation.id || this.has(conversation.id)) return;
      this.list.unshift({ id: conversation.id, createdAt: conversation.createdAt, lastMessageAt: conversation.lastMessageAt || conversation.createdAt, messageCount: 0 });
      this.readCounts.set(conversation.id, 0);
      this.unread.set(conversation.id, 0);
    }

    moveToTop(id) {
      const i = this.list.findIndex((c) => c.id === id);
      if (i > 0) this.list.unshift(this.list.splice(i, 1)[0]);
    }

    unreadOf(id) { return this.unread.get(id) || 0; }
    totalUnread() { let n = 0; for (const c of this.list) n += this.unreadOf(c.id); return n; }
    previewOf(id) { return this.previews.get(id) || ''; }
    lastActivity(c) { return this.lastAt.get(c.id) || c.lastMessageAt || c.createdAt; }
  }

  // ================================================================ 11. the widget: session, delivery, commands

  /** Token codes (401) that mean the site's integration sent a token we refused. */
  const TOKEN_CODES = {
    token_too_large: 'Put less in the token, especially customData.',
    malformed_token: "Sign with a standard JWT library and pass the compact string unchanged; don't re-encode it.",
    unsupported_algorithm: 'Sign with HS256 and the widget secret.',
    unsupported_token: 'Remove the extra header members; keep typ: JWT or leave it out.',
    unknown_key: 'Use the keyId shown beside the secret, or leave kid out.',
    invalid_signature: "Sign with this widget's current secret, as a string; check you didn't mix up widgets or environments.",
    secret_rotated: 'Deploy the new secret (GET /v1/admin/widgets/{id}/secret); rotate with graceSeconds next time.',
    missing_expiration: 'Add exp, 30 seconds ahead.',
    token_expired: 'Mint a fresh token per page load (or pass visitorToken as a function); check your server clock (NTP).',
    token_not_yet_valid: 'Check your server clock.',
    token_lifetime_too_long: 'Use a short expiry (30 s).',
    token_replayed: 'Mint a new token, with a new jti, for every page load.',
    token_revoked: "The user's sessions were revoked (sign out everywhere): mint a new token (its iat after the revocation), or sign the user in again.",
    missing_claim: 'Add the claim.',
    invalid_claim: "Fix that claim's value or type.",
    token_required: 'This widget is in required mode: sign the user in and pass a visitorToken, or set the widget to optional.'
  };
  const OTHER_HINTS = {
    widget_not_found: 'Check widgetId in window.algomoSettings.',
    origin_not_allowed: "Add this page's origin (scheme, host and port) to the widget's allowedOrigins.",
    invalid_request: 'The widget sent a request the server refused; check widgetId and apiBase.'
  };
  /** Codes after which one more start with a fresh token from a token function is worth it. */
  const REFRESHABLE = ['token_expired', 'token_revoked'];

  class Stale extends Error {
    constructor() { super('stale'); this.stale = true; }
  }

  class Widget {
    /**
     * env: {window, document, fetch, timers: {setTimeout, clearTimeout}, random, console, settings,
     * scriptOrigin, streamOptions (tests), pollOpenMs, pollClosedMs}
     */
    constructor(env) {
      this.env = env;
      this.window = env.window;
      this.document = env.document || env.window.document;
      this.timers = env.timers || { setTimeout: (f, ms) => env.window.setTimeout(f, ms), clearTimeout: (t) => env.window.clearTimeout(t) };
      this.random = env.random || Math.random;
      this.console = env.console || console;
      const settings = env.settings || {};
      this.settings = settings;
      this.apiBase = String(settings.apiBase || env.scriptOrigin || this.window.location.origin).replace(/\/+$/, '');
      this.widgetId = settings.widgetId == null ? '' : String(settings.widgetId);
      this.docsUrl = this.apiBase + '/docs/integrating.md#error-codes';
      this.api = new Api(env.fetch || ((...a) => this.window.fetch(...a)), this.apiBase);
      this.tokens = new TokenSource(settings.visitorToken, (e) => {
        this.console.error(LOG_PREFIX + ' The visitorToken function failed, so the widget starts as an anonymous visitor.', e);
      });
      this.onAuthError = typeof settings.onAuthError === 'function' ? settings.onAuthError : null;
      const picked = pickLocale(settings.locale);
      if (!picked.matched) {
        this.console.warn(LOG_PREFIX + ' algomoSettings.locale "' + settings.locale + '" is not shipped; English is used. Shipped: ' + Object.keys(STRINGS).join(', ') + '.');
      }
      this.t = translator(picked.locale);
      const color = parseColor(settings.color, this.document);
      if (color.warning) this.console.warn(color.warning);
      this.color = color.color;

      this.visitorKey = 'visitorauth:' + this.widgetId + ':visitorId';
      this.openKey = 'visitorauth:' + this.widgetId + ':open';
      this.memoryStore = {};

      this.state = { name: 'idle' };
      this.stateLog = [];
      this.session = null;
      this.generation = 0;
      this.chain = Promise.resolve();
      this.store = new ConversationStore();
      this.currentConversationId = null; // null: the composer starts a new conversation
      this.view = 'list';
      this.isOpen = false;
      this.stream = null;
      this.poller = new Poller(this.timers, () => this.pollOnce(), () => this.isOpen, env.pollOpenMs, env.pollClosedMs);
      this.retryTimer = null;
      this.thread = this.emptyThread();
      this.readSent = new Map();
      this.sending = false;
      this.statusText = '';
      this.awaitingTab = null;
      this.ui = new WidgetView(this);
      this.tabs = null;
    }

    // ---------------------------------------------------------------- storage (never throws)

    storageGet(store, key) {
      try { return this.window[store].getItem(key); } catch (e) { return this.memoryStore[store + key] || null; }
    }

    storageSet(store, key, value) {
      try { this.window[store].setItem(key, value); } catch (e) { this.memoryStore[store + key] = value; }
    }

    storageRemove(store, key) {
      try { this.window[store].removeItem(key); } catch (e) { /* ignore */ }
      delete this.memoryStore[store + key];
    }

    // ---------------------------------------------------------------- state

    /** Applies an event through transition(); returns whether the state changed. */
    dispatch(event) {
      const next = transition(this.state, event);
      if (!next) return false;
      this.state = next;
      this.stateLog.push(next.name);
      if (this.stateLog.length > 100) this.stateLog.shift();
      this.render();
      return true;
    }

    get usable() { return !!this.session && WITH_SESSION.includes(this.state.name); }

    enqueue(fn) {
      this.chain = this.chain.then(fn, fn).catch((e) => this.console.error(LOG_PREFIX + ' unexpected error', e));
      return this.chain;
    }

    // ---------------------------------------------------------------- boot and commands

    boot(queued = []) {
      if (!this.widgetId) {
        this.console.error(LOG_PREFIX + ' window.algomoSettings.widgetId is missing: set it before the widget script loads. See ' + this.docsUrl);
        return false;
      }
      this.ui.build();
      this.tabs = new TabChannel(this.window, this.widgetId, (m) => this.onTabMessage(m));
      this.isOpen = this.storageGet('sessionStorage', this.openKey) === '1';
      // Commands queued before the script loaded shape the first start instead of restarting it.
      for (const args of queued) {
        const [name, arg] = args;
        if (name === 'login') this.tokens.set(arg);
        else if (name === 'logout') { this.tokens.set(null); this.storageRemove('localStorage', this.visitorKey); }
        else if (name === 'open' || name === 'close') {
          // Not setOpen(): no focus moves at page load.
          this.isOpen = name === 'open';
          if (this.isOpen) this.storageSet('sessionStorage', this.openKey, '1'); else this.storageRemove('sessionStorage', this.openKey);
        } else this.command(...args);
      }
      this.render();
      this.enqueue(() => this.start());
      return true;
    }

    command(name, ...args) {
      switch (name) {
        case 'login': return this.login(args[0]);
        case 'logout': return this.logout();
        case 'open': this.open(); return Promise.resolve();
        case 'close': this.close(); return Promise.resolve();
        default:
          this.console.warn(LOG_PREFIX + ' Unknown command "' + name + '". Commands: login, logout, open, close.');
          return Promise.resolve();
      }
    }

    login(source) {
      this.tokens.set(source);
      return this.enqueue(() => this.start());
    }

    /** Ends the session here and in every other tab of this site, then starts a new anonymous visitor. */
    logout() {
      this.tabs.post({ type: 'logout' });
      return this.enqueue(() => this.endAndRestart({ reason: 'logout', deleteSession: true, announce: true }));
    }

    onTabMessage(message) {
      if (message.type === 'logout') {
        // Another tab logged out: end this tab's session at once, then start with the visitor that
        // tab creates (it says so), or on our own after a few seconds.
        this.enqueue(() => this.endAndRestart({ reason: 'logout', deleteSession: true, waitForTab: true }));
      } else if (message.type === 'started' && this.awaitingTab) {
        // Continue as the new anonymous visitor that tab started, not as another one.
        if (typeof message.visitorId === 'string' && message.visitorId) this.storageSet('localStorage', this.visitorKey, message.visitorId);
        this.awaitingTab();
      }
    }

    /**
     * Ends the current session (logout here or in another tab, or revoked): nothing of it stays on
     * screen, the visitor id is forgotten and so is the token, then a new anonymous visitor starts.
     */
    async endAndRestart({ reason, deleteSession, announce, waitForTab, tokenSource = null }) {
      const old = this.session;
      this.generation++;
      this.teardownDelivery();
      this.session = null;
      this.tokens.set(tokenSource);
      this.storageRemove('localStorage', this.visitorKey);
      this.clearData();
      this.dispatch({ type: 'signed_out', reason });
      if (deleteSession && old) {
        try { await this.api.request('DELETE', '/v1/session', { token: old.sessionToken }); } catch (e) { /* already ended */ }
      }
      if (waitForTab) {
        await new Promise((resolve) => {
          const timer = this.timers.setTimeout(() => { this.awaitingTab = null; resolve(); }, 3000);
          this.awaitingTab = () => { this.timers.clearTimeout(timer); this.awaitingTab = null; resolve(); };
        });
      }
      await this.start();
      if (announce && this.session) this.tabs.post({ type: 'started', visitorId: this.session.visitorId });
    }

    open() { this.setOpen(true); }
    close() { this.setOpen(false); }

    setOpen(open) {
      if (this.isOpen === open) return;
      this.isOpen = open;
      if (open) this.storageSet('sessionStorage', this.openKey, '1'); else this.storageRemove('sessionStorage', this.openKey);
      if (!this.ui.built) return;
      this.render();
      if (open) {
        if (this.view === 'thread' && this.currentConversationId) {
          this.refreshMessages().then(() => this.render(), () => {});
        }
        this.ui.focusFirst();
      } else {
        this.ui.focusLauncher();
      }
      this.poller.reschedule();
    }

    // ---------------------------------------------------------------- session start

    report(err) {
      const code = err.code || 'unknown';
      const hint = TOKEN_CODES[code] || OTHER_HINTS[code] || '';
      const info = { code, claim: err.problem.claim || null, detail: err.problem.detail || null, status: err.status, hint, docs: this.docsUrl };
      const fallback = code === 'token_required' ? 'The chat stays closed to anonymous visitors.'
        : TOKEN_CODES[code] ? 'The widget carries on as a new anonymous visitor.' : 'The chat is unavailable.';
      this.console.error(LOG_PREFIX + (TOKEN_CODES[code] ? ' Visitor authentication failed: ' : ' The chat could not start: ') + code +
        (info.claim ? ' (claim "' + info.claim + '")' : '') + '. ' +
        (info.detail ? info.detail + ' ' : '') +
        (hint ? 'What to fix: ' + hint + ' ' : '') +
        fallback + ' Error codes: ' + this.docsUrl);
      if (this.onAuthError && TOKEN_CODES[code]) {
        try { this.onAuthError(code, info.detail, info); } catch (e) { this.console.error(LOG_PREFIX + ' onAuthError threw', e); }
      }
      err.reported = true;
    }

    /**
     * Asks for a session: with the token source's token; on token_expired/token_revoked once more
     * with a fresh token from a function; a token still refused is reported and the widget carries
     * on as a new anonymous visitor (never with the stored one: it may be locked to a user).
     */
    async requestSession() {
      const visitorId = this.storageGet('localStorage', this.visitorKey);
      const token = await this.tokens.next();
      try {
        try {
          const s = await this.api.startSession(this.widgetId, visitorId, token);
          if (token) this.tokens.spend();
          return s;
        } catch (err) {
          // Refused (not "try later"): a string token has had its one use.
          if (token && err instanceof ApiError && err.status < 500 && err.code !== 'rate_limited') this.tokens.spend();
          if (err instanceof ApiError && token && REFRESHABLE.includes(err.code) && this.tokens.isFunction) {
            return await this.api.startSession(this.widgetId, visitorId, await this.tokens.next());
          }
          throw err;
        }
      } catch (err) {
        if (err instanceof ApiError && err.status === 401 && TOKEN_CODES[err.code] && err.code !== 'token_required') {
          this.report(err);
          this.storageRemove('localStorage', this.visitorKey);
          try {
            return await this.api.startSession(this.widgetId, null, null);
          } catch (again) {
            if (again instanceof ApiError) again.reported = true; // one console error per failure
            throw again;
          }
        }
        throw err;
      }
    }

    /** Starts (or starts again) the session, then the stream. */
    async start() {
      const gen = ++this.generation;
      this.teardownDelivery();
      const previousVisitor = this.session ? this.session.visitorId : null;
      const previousUser = this.session && this.session.user ? this.session.user.id : null;
      this.session = null;
      this.dispatch({ type: 'start' });
      let s;
      try {
        s = await this.requestSession();
      } catch (err) {
        if (gen === this.generation) this.startFailed(err);
        return;
      }
      if (gen !== this.generation) return;
      this.session = s;
      this.storageSet('localStorage', this.visitorKey, s.visitorId);
      if (s.visitorId !== previousVisitor || (s.user ? s.user.id : null) !== previousUser) this.clearData();
      // The list first, so the panel opens on it (or on the composer when there is none). If it
      // cannot be fetched now, the stream's catch-up or the next poll brings it.
      try { await this.refreshConversations(true); } catch (e) { /* network: see above */ }
      if (gen !== this.generation) return;
      this.dispatch({ type: 'started' });
      this.openStream(gen);
    }

    startFailed(err) {
      let notice;
      let retryMs = 0;
      if (err instanceof ApiError) {
        if (err.code === 'token_required') {
          if (!err.reported) this.report(err);
          notice = 'signIn';
        } else if (err.code === 'rate_limited' || err.status >= 500) {
          notice = 'retrying';
          retryMs = Math.min(60, err.retryAfter || 10) * 1000;
        } else {
          if (!err.reported) this.report(err);
          notice = 'unavailable';
        }
      } else {
        this.console.error(LOG_PREFIX + ' Could not reach the chat server at ' + this.apiBase + '.', err);
        notice = 'unreachable';
        retryMs = 10000;
      }
      this.dispatch({ type: 'start_failed', notice, retry: retryMs > 0 });
      if (retryMs) {
        const gen = this.generation;
        this.retryTimer = this.timers.setTimeout(() => {
          if (gen === this.generation) this.enqueue(() => this.start());
        }, retryMs);
      }
    }

    /**
     * The session ended (session.ended on the stream, or a 401 on a session call). logout/revoked:
     * nothing of it stays; expired/linked: start again, with a fresh token when visitorToken is a
     * function; a session that carried a token string cannot be renewed (a string is used once).
     */
    sessionEnded(reason) {
      const ended = this.session;
      if (!ended || this.endedSession === ended) return; // several 401s, or the event and the 401
      this.endedSession = ended;
      if (reason === 'logout' || reason === 'revoked') {
        // A token function is asked again (the site decides whether its user is still signed in;
        // a token issued after the revocation is accepted); a token string is not used again.
        const source = reason === 'revoked' && this.tokens.isFunction ? this.tokens.source : null;
        this.enqueue(() => this.endAndRestart({ reason, deleteSession: false, tokenSource: source }));
        return;
      }
      const authenticated = ended.status === 'authenticated';
      if (authenticated && !this.tokens.isFunction) {
        this.generation++;
        this.teardownDelivery();
        this.session = null;
        this.dispatch({ type: 'session_ended', reason, notice: 'sessionEnded' });
        return;
      }
      this.enqueue(() => this.start());
    }

    // ---------------------------------------------------------------- delivery: stream first, polling as fallback

    openStream(gen) {
      const session = this.session;
      const stream = new StreamClient(Object.assign({
        fetch: (...a) => this.api.fetch(...a),
        url: this.apiBase + '/v1/stream',
        token: session.sessionToken,
        timers: this.timers,
        random: this.random,
        on: {
          onOpen: () => {
            if (gen !== this.generation) return;
            this.poller.stop();
            this.dispatch({ type: 'stream_open' });
            // Whatever happened before this connection (or while polling) is fetched once; the
            // stream's replay and the de-duplication cover the rest.
            this.catchUp();
          },
          onEvent: (frame) => { if (gen === this.generation) this.onStreamEvent(frame); },
          onLost: () => { if (gen === this.generation) this.dispatch({ type: 'stream_lost' }); },
          onUnavailable: () => {
            if (gen !== this.generation) return;
            if (this.dispatch({ type: 'stream_unavailable' })) this.poller.start();
          },
          onUnauthorized: () => { if (gen === this.generation) this.sessionEnded('expired'); }
        }
      }, this.env.streamOptions || {}));
      this.stream = stream;
      stream.start();
    }

    teardownDelivery() {
      if (this.stream) this.stream.stop();
      this.stream = null;
      this.poller.stop();
      if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }

    catchUp() {
      const gen = this.generation;
      const thread = this.view === 'thread' && this.currentConversationId ? this.refreshMessages() : Promise.resolve();
      return thread.then(() => this.refreshConversations(false)).then(() => { if (gen === this.generation) this.render(); }, () => {});
    }

    pollOnce() {
      const gen = this.generation;
      // The open thread is fetched even while the panel is closed, for the badge.
      const thread = this.view === 'thread' && this.currentConversationId ? this.refreshMessages() : Promise.resolve();
      return thread.then(() => this.refreshConversations(false)).then(() => { if (gen === this.generation) this.render(); });
    }

    /** One frame of the stream: {id, type, data: '{"id","type","at","data":{...}}'}. */
    onStreamEvent(frame) {
      let event;
      try { event = JSON.parse(frame.data); } catch (e) { return; }
      if (!event || typeof event !== 'object') return;
      const type = event.type || frame.type;
      const data = event.data && typeof event.data === 'object' ? event.data : {};
      switch (type) {
        case 'message.created': this.onMessageCreated(data); break;
        case 'conversation.created':
          this.store.add(data);
          this.render();
          break;
        case 'conversation.read': {
          const id = data.conversationId || data.id;
          if (id) { this.store.markRead(id); this.render(); }
          break;
        }
        case 'session.ended':
          // The server closes the stream right after this: no reconnect with the ended session.
          if (this.stream) this.stream.stop();
          this.sessionEnded(data.reason || 'expired');
          break;
        default: break;
      }
    }

    onMessageCreated(message) {
      const conversationId = message.conversationId;
      if (!conversationId || !message.id) return;
      const onScreen = this.view === 'thread' && this.currentConversationId === conversationId;
      const shown = onScreen && this.isOpen;
      const isNew = this.store.accept(conversationId, message, shown);
      if (!this.store.has(conversationId)) {
        // A conversation this list does not have yet (started on another device).
        this.refreshConversations(false).then(() => this.render(), () => {});
      }
      if (onScreen && this.thread.loaded) {
        this.appendMessage(message);
        this.thread.newestId = message.id;
      } else if (onScreen) {
        // The thread's first page is still loading: appending now would put this above its history.
        this.thread.missed = true;
      }
      if (isNew && shown) this.markShownRead();
      this.render();
    }

    // ---------------------------------------------------------------- data

    clearData() {
      this.store.reset();
      this.readSent.clear();
      this.currentConversationId = null;
      this.view = 'list';
      this.clearThread();
    }

    emptyThread() {
      return { ids: new Set(), newestId: null, oldestId: null, olderAvailable: false, loaded: false, missed: false };
    }

    clearThread() {
      this.thread = this.emptyThread();
      this.ui.clearThread();
    }

    /** Wraps a session call: stale answers are dropped; a 401 means the session is gone. */
    async authed(method, path, body) {
      if (!this.session) throw new ApiError(401, { code: 'unauthenticated' });
      const gen = this.generation;
      try {
        const json = await this.api.request(method, path, { body, token: this.session.sessionToken });
        if (gen !== this.generation) throw new Stale();
        return json;
      } catch (err) {
        if (gen !== this.generation) throw new Stale();
        if (err instanceof ApiError && err.status === 401) this.sessionEnded('expired');
        throw err;
      }
    }

    ignoreStale(err) {
      if (err && err.stale) return;
      if (err instanceof ApiError && err.status === 401) return; // sessionEnded() starts again
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
        // The conversation is not this visitor's (any more).
        this.currentConversationId = null;
        this.view = 'list';
        this.clearThread();
        return;
      }
      throw err;
    }

    async refreshConversations(first) {
      try {
        const since = this.store.mark();
        const json = await this.authed('GET', '/v1/conversations');
        const list = (json && Array.isArray(json.conversations)) ? json.conversations : [];
        this.store.setList(list, this.isOpen && this.view === 'thread' ? this.currentConversationId : null, since);
        if (this.currentConversationId && !this.store.has(this.currentConversationId)) {
          this.currentConversationId = null;
          this.view = 'list';
          this.clearThread();
        }
        if (first && list.length === 0) this.view = 'thread';
        this.markShownRead();
      } catch (err) {
        this.ignoreStale(err);
      }
    }

    /**
     * The open thread: the newest page first (the server's default, 50), then only what is after the
     * newest message already fetched (`after=<id>`), page after page while `hasMore`.
     */
    async refreshMessages() {
      const id = this.currentConversationId;
      if (!id) return;
      const after = this.thread.newestId;
      const path = '/v1/conversations/' + encodeURIComponent(id) + '/messages' + (after ? '?after=' + encodeURIComponent(after) : '');
      try {
        const json = await this.authed('GET', path);
        if (id !== this.currentConversationId) return;
        const messages = (json && json.messages) || [];
        for (const m of messages) this.appendMessage(m);
        this.store.known(messages);
        if (messages.length) {
          this.thread.newestId = messages[messages.length - 1].id;
          this.store.previews.set(id, previewOf(messages[messages.length - 1].text));
        }
        if (!after) {
          if (messages.length) this.thread.oldestId = messages[0].id;
          this.thread.olderAvailable = !!(json && json.hasMore);
          this.thread.loaded = true;
          this.ui.showEarlierButton();
        }
        this.markShownRead();
        if ((after && json && json.hasMore) || this.thread.missed) {
          this.thread.missed = false;
          await this.refreshMessages();
        }
      } catch (err) {
        this.ignoreStale(err);
      }
    }

    /** Prepends the page before the oldest message shown. */
    async loadEarlier() {
      const id = this.currentConversationId;
      const before = id && this.thread.oldestId;
      if (!before) return;
      this.ui.earlierBusy(true);
      try {
        const json = await this.authed('GET', '/v1/conversations/' + encodeURIComponent(id) + '/messages?before=' + encodeURIComponent(before));
        if (id !== this.currentConversationId) return;
        const messages = (json && json.messages) || [];
        const fresh = messages.filter((m) => !this.thread.ids.has(m.id));
        fresh.forEach((m) => this.thread.ids.add(m.id));
        this.store.known(fresh);
        this.ui.prependMessages(fresh);
        if (messages.length) this.thread.oldestId = messages[0].id;
        this.thread.olderAvailable = !!(json && json.hasMore);
      } catch (err) {
        this.ignoreStale(err);
      } finally {
        this.ui.earlierBusy(false);
        this.ui.showEarlierButton();
      }
    }

    appendMessage(m) {
      if (!m || !m.id || this.thread.ids.has(m.id)) return;
      this.thread.ids.add(m.id);
      this.ui.appendMessage(m);
    }

    /**
     * The conversation on screen (panel open, its thread shown) is read: no unread badge for it, and
     * the server is told its newest message (POST .../read; an older server's 404 is ignored). Sent
     * once per newest message.
     */
    markShownRead() {
      const id = this.currentConversationId;
      if (!id || !this.isOpen || this.view !== 'thread' || !this.session) return;
      this.store.markRead(id);
      const newest = this.thread.newestId;
      if (!newest || this.readSent.get(id) === newest) return;
      this.readSent.set(id, newest);
      this.authed('POST', '/v1/conversations/' + encodeURIComponent(id) + '/read', { messageId: newest }).catch(() => {
        /* an older server has no read marker (404/405), or a transient failure: the next message sends it again */
      });
    }

    async send(raw) {
      const text = String(raw).trim();
      if (!text || !this.session || this.sending) return;
      this.sending = true;
      this.ui.sendBusy(true);
      const gen = this.generation;
      try {
        if (this.currentConversationId) {
          const id = this.currentConversationId;
          const m = await this.authed('POST', '/v1/conversations/' + encodeURIComponent(id) + '/messages', { text });
          this.store.accept(id, m, true);
          if (id === this.currentConversationId) {
            this.appendMessage(m);
            this.thread.newestId = m.id;
          }
        } else {
          const c = await this.authed('POST', '/v1/conversations', { text });
          if (gen !== this.generation) return;
          this.currentConversationId = c.id;
          this.clearThread();
          this.thread.loaded = true; // the whole thread is in the answer
          const messages = c.messages || [];
          this.store.add(c);
          for (const m of messages) {
            this.store.accept(c.id, m, true);
            this.appendMessage(m);
            this.thread.newestId = m.id;
          }
          await this.refreshConversations(false);
        }
        this.ui.clearInput();
        this.statusText = '';
      } catch (err) {
        if (!(err && err.stale)) this.statusText = this.t('sendFailed');
      } finally {
        this.sending = false;
        this.ui.sendBusy(false);
        this.render();
      }
    }

    showList() {
      this.view = 'list';
      this.currentConversationId = null;
      this.clearThread();
      this.render();
      this.refreshConversations(false).then(() => this.render(), () => {});
      this.ui.focusFirst();
    }

    showThread(id) {
      this.view = 'thread';
      this.currentConversationId = id;
      this.clearThread();
      if (id) this.store.markRead(id);
      this.render();
      this.ui.focusInput();
      if (id) this.refreshMessages().then(() => this.render(), () => {});
    }

    // ---------------------------------------------------------------- rendering

    /** The notice shown instead of the chat, from the state; null when the chat is usable. */
    notice() {
      const s = this.state;
      if (s.name === 'failed') return this.t(s.notice || 'unavailable');
      if (s.name === 'ended' && s.notice) return this.t(s.notice);
      if (!this.usable) return this.t('connecting');
      return null;
    }

    /** data-status on the host: starting, anonymous, authenticated or unavailable. */
    status() {
      if (this.session && this.usable) return this.session.status;
      const s = this.state;
      if (s.name === 'failed' || (s.name === 'ended' && s.notice)) return 'unavailable';
      return 'starting';
    }

    render() {
      if (this.ui.built) this.ui.render();
    }
  }

  // ================================================================ 12. the view (DOM, shadow root)

  const ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  const ICON_DOWN = 'M5.3 8.3a1 1 0 0 1 1.4 0L12 13.6l5.3-5.3a1 1 0 1 1 1.4 1.4l-6 6a1 1 0 0 1-1.4 0l-6-6a1 1 0 0 1 0-1.4z';

  const CSS = `
:host { all: initial; }
*, *::before, *::after { box-sizing: border-box; }
.va-root { --va-accent: ${DEFAULT_COLOR}; --va-on-accent: #fff; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; }
.va-launcher { position: fixed; right: 20px; bottom: 20px; width: 60px; height: 60px; border-radius: 50%;
  border: none; background: var(--va-accent); color: var(--va-on-accent); cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25);
  display: flex; align-items: center; justify-content: center; z-index: 2147483000; }
.va-launcher:hover { filter: brightness(.9); }
.va-launcher:focus-visible, button:focus-visible, textarea:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.va-launcher svg { width: 28px; height: 28px; fill: currentColor; }
.va-badge { position: absolute; top: -2px; right: -2px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #d4351c; color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; }
.va-panel { position: fixed; right: 20px; bottom: 92px; width: 370px; height: min(600px, calc(100vh - 112px));
  background: #fff; border-radius: 14px; box-shadow: 0 12px 40px rgba(0,0,0,.28); display: flex;
  flex-direction: column; overflow: hidden; z-index: 2147483001; }
.va-panel[hidden], [hidden] { display: none !important; }
.va-header { background: var(--va-accent); color: var(--va-on-accent); padding: 14px 16px; display: flex; align-items: center; gap: 10px; }
.va-header h2 { font-size: 17px; margin: 0; font-weight: 650; }
.va-who { font-size: 13px; opacity: .9; margin-top: 2px; }
.va-titles { flex: 1; min-width: 0; }
.va-icon-btn { background: transparent; border: none; color: inherit; cursor: pointer; font-size: 22px;
  line-height: 1; padding: 6px 9px; border-radius: 8px; }
.va-icon-btn:hover { background: rgba(255,255,255,.18); }
.va-body { flex: 1; overflow-y: auto; padding: 12px; background: #f5f7fb; }
.va-notice { padding: 24px 16px; text-align: center; color: #4a5160; }
.va-new { width: 100%; padding: 10px 12px; border-radius: 10px; border: 1px dashed var(--va-accent); background: #fff;
  color: #1d2330; font: inherit; font-weight: 600; cursor: pointer; margin-bottom: 10px; }
.va-list { list-style: none; margin: 0; padding: 0; }
.va-list li { margin: 0 0 8px; }
.va-conv { width: 100%; text-align: left; padding: 10px 12px; border-radius: 10px; border: 1px solid #dde2ec;
  background: #fff; font: inherit; color: inherit; cursor: pointer; display: block; position: relative; }
.va-conv:hover { border-color: var(--va-accent); }
.va-conv-title { font-weight: 600; display: block; padding-right: 34px; }
.va-conv-preview { display: block; color: #2c3342; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.va-conv-meta { font-size: 12.5px; color: #5b6272; display: block; }
.va-conv-unread { position: absolute; top: 10px; right: 10px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
  background: #d4351c; color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; text-align: center; }
.va-log { display: flex; flex-direction: column; gap: 8px; }
.va-msg { max-width: 82%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.va-msg-visitor { align-self: flex-end; background: var(--va-accent); color: var(--va-on-accent); border-bottom-right-radius: 4px; }
.va-msg-agent { align-self: flex-start; background: #fff; border: 1px solid #dde2ec; border-bottom-left-radius: 4px; }
.va-msg-meta { display: block; font-size: 11.5px; opacity: .8; margin-top: 3px; }
.va-empty { color: #5b6272; text-align: center; margin: 24px 8px; }
.va-earlier { display: block; margin: 0 auto 10px; padding: 6px 12px; border-radius: 10px; border: 1px solid #dde2ec;
  background: #fff; color: #1d2330; font: inherit; font-size: 13px; cursor: pointer; }
.va-form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e7ef; background: #fff; }
.va-form textarea { flex: 1; resize: none; height: 44px; max-height: 120px; padding: 10px; border-radius: 10px;
  border: 1px solid #c6ccd8; font: inherit; color: inherit; }
.va-send { border: none; border-radius: 10px; background: var(--va-accent); color: var(--va-on-accent); font: inherit; font-weight: 600;
  padding: 0 16px; cursor: pointer; }
.va-send:disabled { opacity: .6; cursor: default; }
.va-status { font-size: 12.5px; color: #b3261e; padding: 0 12px 8px; background: #fff; }
.va-sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0,0,0,0); border: 0; }
@media (max-width: 480px) {
  .va-panel { right: 0; bottom: 0; left: 0; top: 0; width: 100%; height: 100%; border-radius: 0; }
  .va-launcher { right: 14px; bottom: 14px; }
}
`;

  /** The widget's DOM in a shadow root; renders from the widget's state, never decides it. */
  class WidgetView {
    constructor(widget) {
      this.w = widget;
      this.built = false;
      this.lastListSignature = null;
    }

    get document() { return this.w.document; }

    el(tag, attrs, children) {
      const node = this.document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) {
        if (k === 'text') node.textContent = v;
        else if (k === 'className') node.className = v;
        else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v);
      }
      for (const c of children || []) node.appendChild(c);
      return node;
    }

    icon() {
      const ns = 'http://www.w3.org/2000/svg';
      const svg = this.document.createElementNS(ns, 'svg');
      svg.setAttribute('viewBox', '0 0 24 24');
      svg.setAttribute('aria-hidden', 'true');
      svg.setAttribute('focusable', 'false');
      this.launcherIcon = this.document.createElementNS(ns, 'path');
      this.launcherIcon.setAttribute('d', ICON_CHAT);
      svg.appendChild(this.launcherIcon);
      return svg;
    }

    build() {
      const w = this.w;
      const t = w.t;
      const host = this.el('div', { id: 'visitorauth-widget', 'data-status': 'starting', 'data-state': w.state.name, lang: t.locale });
      const root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
      this.root = root;
      const style = this.document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);

      this.host = host;
      this.badge = this.el('span', { className: 'va-badge', hidden: '', 'aria-hidden': 'true' });
      this.launcher = this.el('button', {
        type: 'button', className: 'va-launcher', 'aria-label': t('openChat'), 'aria-expanded': 'false', 'aria-controls': 'va-panel',
        onclick: () => (w.isOpen ? w.close() : w.open())
      }, [this.icon(), this.badge]);

      this.title = this.el('h2', { id: 'va-title', text: t('title') });
      this.who = this.el('div', { className: 'va-who', id: 'va-who', text: '' });
      this.back = this.el('button', { type: 'button', className: 'va-icon-btn va-back', 'aria-label': t('back'), hidden: '', onclick: () => w.showList(), text: '\u2190' });
      this.closeButton = this.el('button', { type: 'button', className: 'va-icon-btn va-close', 'aria-label': t('close'), onclick: () => w.close(), text: '\u00d7' });
      const header = this.el('div', { className: 'va-header' }, [this.back, this.el('div', { className: 'va-titles' }, [this.title, this.who]), this.closeButton]);

      this.noticeNode = this.el('p', { className: 'va-notice', role: 'status', hidden: '' });
      this.newButton = this.el('button', { type: 'button', className: 'va-new', text: t('newConversation'), onclick: () => w.showThread(null) });
      this.list = this.el('ul', { className: 'va-list', 'aria-label': t('yourConversations') });
      this.listView = this.el('div', { className: 'va-list-view', hidden: '' }, [this.newButton, this.list]);
      this.empty = this.el('p', { className: 'va-empty', text: t('empty') });
      this.log = this.el('div', { className: 'va-log', role: 'log', 'aria-live': 'polite', 'aria-label': t('messages') });
      this.earlier = this.el('button', { type: 'button', className: 'va-earlier', text: t('loadEarlier'), hidden: '', onclick: () => w.loadEarlier() });
      this.threadView = this.el('div', { className: 'va-thread-view', hidden: '' }, [this.empty, this.earlier, this.log]);
      this.body = this.el('div', { className: 'va-body' }, [this.noticeNode, this.listView, this.threadView]);

      this.input = this.el('textarea', { id: 'va-input', rows: '1', placeholder: t('placeholder'), 'aria-label': t('message') });
      this.input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
          e.preventDefault();
          w.send(this.input.value);
        }
      });
      this.sendButton = this.el('button', { type: 'submit', className: 'va-send', text: t('send') });
      this.form = this.el('form', {
        className: 'va-form', hidden: '', onsubmit: (e) => { e.preventDefault(); w.send(this.input.value); }
      }, [this.el('label', { className: 'va-sr', for: 'va-input', text: t('message') }), this.input, this.sendButton]);
      this.statusLine = this.el('div', { className: 'va-status', role: 'alert', hidden: '' });

      this.panel = this.el('div', {
        id: 'va-panel', className: 'va-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'va-title', 'aria-describedby': 'va-who', hidden: ''
      }, [header, this.body, this.statusLine, this.form]);
      this.wrapper = this.el('div', { className: 'va-root' }, [this.launcher, this.panel]);
      this.wrapper.addEventListener('keydown', (e) => {
        if (e.key === 'Escape' && w.isOpen) { e.stopPropagation(); w.close(); }
      });
      root.appendChild(this.wrapper);
      this.document.body.appendChild(host);
      this.applyColor();
      this.built = true;
    }

    /** The colour setting as a custom property (never spliced into CSS text), with readable text on it. */
    applyColor() {
      if (!this.w.color) return;
      this.wrapper.style.setProperty('--va-accent', this.w.color);
      try {
        const view = this.document.defaultView;
        const computed = view && view.getComputedStyle ? view.getComputedStyle(this.launcher).backgroundColor : '';
        this.wrapper.style.setProperty('--va-on-accent', textColorOn(computed));
      } catch (e) { /* keep white */ }
    }

    activeElement() {
      return this.host.shadowRoot ? this.host.shadowRoot.activeElement : this.document.activeElement;
    }

    focusLauncher() { this.launcher.focus(); }
    focusInput() { this.input.focus(); }
    clearInput() { this.input.value = ''; }

    focusFirst() {
      const w = this.w;
      if (!w.usable) { this.closeButton.focus(); return; }
      if (w.view === 'thread') { this.input.focus(); return; }
      (this.list.querySelector('button') || this.newButton).focus();
    }

    sendBusy(busy) {
      this.sendButton.disabled = busy;
      if (!busy) this.input.focus();
    }

    earlierBusy(busy) { this.earlier.disabled = busy; }

    showEarlierButton() {
      if (this.earlier) this.earlier.hidden = !(this.w.currentConversationId && this.w.thread.olderAvailable);
    }

    clearThread() {
      if (!this.built) return;
      while (this.log.firstChild) this.log.removeChild(this.log.firstChild);
      this.empty.hidden = false;
      this.showEarlierButton();
    }

    formatTime(iso) {
      try {
        const d = new Date(iso);
        const now = new Date();
        const locale = this.w.settings.locale ? this.w.t.locale : undefined; // default: the browser's
        return d.toDateString() === now.toDateString()
          ? d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
          : d.toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
      } catch (e) {
        return '';
      }
    }

    messageNode(m) {
      const t = this.w.t;
      const agent = m.author === 'agent';
      const agentName = agent && typeof m.agentName === 'string' && m.agentName.trim() ? m.agentName.trim() : null;
      const who = agent ? (agentName || t('agent')) : t('you');
      const meta = who + ' · ' + this.formatTime(m.createdAt) + (!agent && m.authenticated ? ' · ' + t('verified') : '');
      const attrs = {
        className: 'va-msg va-msg-' + (agent ? 'agent' : 'visitor'),
        'data-message-id': m.id, 'data-author': m.author, 'data-authenticated': String(!!m.authenticated)
      };
      if (agentName) attrs['data-agent-name'] = agentName;
      const node = this.el('div', attrs);
      const text = this.el('span', { className: 'va-msg-text' });
      text.textContent = m.text; // never innerHTML
      node.appendChild(text);
      node.appendChild(this.el('span', { className: 'va-msg-meta', text: meta }));
      return node;
    }

    appendMessage(m) {
      this.log.appendChild(this.messageNode(m));
      this.empty.hidden = true;
      this.body.scrollTop = this.body.scrollHeight;
    }

    prependMessages(messages) {
      const first = this.log.firstChild;
      const height = this.body.scrollHeight;
      for (const m of messages) this.log.insertBefore(this.messageNode(m), first);
      this.body.scrollTop += this.body.scrollHeight - height; // keep what the visitor was reading in place
    }

    renderList() {
      const w = this.w;
      const t = w.t;
      const store = w.store;
      const list = store.list;
      const signature = list.map((c) => [c.id, store.count(c), store.lastActivity(c), store.unreadOf(c.id), store.previewOf(c.id)].join(':')).join('|');
      if (signature === this.lastListSignature && this.list.childNodes.length === list.length) return;
      this.lastListSignature = signature;
      // Rebuilt only when something changed; the focused conversation keeps the focus.
      const active = this.activeElement();
      const focusedId = active && active.getAttribute ? active.getAttribute('data-conversation-id') : null;
      while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
      list.forEach((c, i) => {
        const count = store.count(c);
        const unread = store.unreadOf(c.id);
        const preview = store.previewOf(c.id);
        const meta = t.count('messages', count) + ' · ' + t('lastAt', { time: this.formatTime(store.lastActivity(c)) }) +
          (unread ? ' · ' + t.count('unread', unread) : '');
        const parts = [this.el('span', { className: 'va-conv-title', text: t('conversationN', { n: list.length - i }) })];
        if (preview) parts.push(this.el('span', { className: 'va-conv-preview', text: preview }));
        parts.push(this.el('span', { className: 'va-conv-meta', text: meta }));
        if (unread) parts.push(this.el('span', { className: 'va-conv-unread', text: String(unread), 'aria-hidden': 'true' }));
        const button = this.el('button', {
          type: 'button', className: 'va-conv', 'data-conversation-id': c.id, 'data-unread': String(unread), onclick: () => w.showThread(c.id)
        }, parts);
        this.list.appendChild(this.el('li', null, [button]));
        if (c.id === focusedId) button.focus();
      });
    }

    render() {
      const w = this.w;
      const t = w.t;
      this.host.setAttribute('data-status', w.status());
      this.host.setAttribute('data-state', w.state.name);
      this.panel.hidden = !w.isOpen;
      this.launcher.setAttribute('aria-expanded', String(w.isOpen));
      this.launcherIcon.setAttribute('d', w.isOpen ? ICON_DOWN : ICON_CHAT);
      const unread = w.isOpen || !w.usable ? 0 : w.store.totalUnread();
      this.badge.hidden = unread === 0;
      this.badge.textContent = unread ? String(unread) : '';
      this.launcher.setAttribute('aria-label', w.isOpen ? t('closeChat') : unread ? t.count('openChatUnread', unread) : t('openChat'));
      const notice = w.notice();
      const usable = notice == null;
      this.noticeNode.hidden = usable;
      this.noticeNode.textContent = notice || '';
      if (usable && w.view === 'list' && w.store.loaded && w.store.list.length === 0) w.view = 'thread';
      this.listView.hidden = !usable || w.view !== 'list';
      this.threadView.hidden = !usable || w.view !== 'thread';
      this.form.hidden = !usable || w.view !== 'thread';
      this.back.hidden = !usable || w.view !== 'thread' || w.store.list.length === 0;
      this.title.textContent = usable && w.view === 'thread' && !w.currentConversationId ? t('newConversation') : t('title');
      this.statusLine.textContent = w.statusText;
      this.statusLine.hidden = !w.statusText;
      if (usable && w.view === 'list') this.renderList();
      if (!usable) { this.clearListNodes(); }
      const s = w.session;
      if (s && usable && s.status === 'authenticated' && s.user) this.who.textContent = t('signedInAs', { name: s.user.name || s.user.email || s.user.id });
      else if (s && usable) this.who.textContent = t('guest');
      else this.who.textContent = '';
    }

    clearListNodes() {
      while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
      this.lastListSignature = null;
    }
  }

  // ================================================================ 13. boot (browser) or exports (Node)

  const parts = {
    STRINGS, pickLocale, translator, parseColor, textColorOn, SseParser, ApiError, Api, TokenSource, STATES, transition,
    backoffDelay, StreamClient, Poller, TabChannel, previewOf, ConversationStore, Widget, WidgetView
  };

  if (typeof window === 'undefined') {
    if (typeof module === 'object' && module && module.exports) module.exports = parts;
    return;
  }

  if (window.__visitorauthWidgetLoaded) return;
  window.__visitorauthWidgetLoaded = true;

  const currentScript = document.currentScript;
  let scriptOrigin = window.location.origin;
  try {
    if (currentScript && currentScript.src) scriptOrigin = new URL(currentScript.src, window.location.href).origin;
  } catch (e) { /* the page's origin */ }

  const boot = () => {
    const widget = new Widget({ window, document, fetch: (...a) => window.fetch(...a), settings: window.algomoSettings || {}, scriptOrigin });
    const queued = Array.prototype.slice.call((window.Algomo && window.Algomo.q) || []);
    if (widget.boot(queued)) window.Algomo = (...args) => widget.command(...args);
  };

  if (document.body) boot();
  else document.addEventListener('DOMContentLoaded', boot);
})();
