/*!
 * visitorauth chat widget.
 *
 * One plain script, no framework, no build step. A site includes it with
 *
 *   <script>
 *     window.algomoSettings = { widgetId: "wgt_…", visitorToken: "<token from your server>" };
 *   </script>
 *   <script async src="https://<visitorauth server>/widget.js"></script>
 *
 * Settings (window.algomoSettings, read once when the script runs):
 *   widgetId      required; the widget's public id.
 *   visitorToken  optional; a visitor token (string), or a function returning a token or a promise
 *                 of one. A function is called at start and again whenever a fresh token is needed
 *                 (after token_expired, after the session ended, on 'login').
 *   apiBase       optional; the visitorauth server. Default: the origin this script was loaded from.
 *   onAuthError   optional; called with {code, claim, detail, status, hint, docs} when a token is refused.
 *
 * Commands (queued when called before the script has loaded, with the snippet
 *   window.Algomo = window.Algomo || function () { (window.Algomo.q = window.Algomo.q || []).push(arguments); };):
 *   Algomo('login', tokenOrFunction)  link this browser's visitor to the signed-in user
 *   Algomo('logout')                  end the session, forget the visitor, start a new anonymous one
 *   Algomo('open') / Algomo('close')  show or hide the chat panel
 *
 * Storage: the visitor id in localStorage ("visitorauth:<widgetId>:visitorId"); the session token in
 * memory only; whether the panel is open in sessionStorage. New agent replies are fetched by polling
 * (every 3 s while the panel is open, every 15 s while it is closed, for the unread badge); a poll
 * asks only for the messages after the newest one it has (`after=<message id>`), so it stays small
 * however long the thread grows. Opening a thread loads its newest 50 messages; "Load earlier
 * messages" pages back with `before=<oldest message id>`.
 *
 * Safety: user and agent text is only ever set with textContent, never parsed as HTML.
 */
(function () {
  'use strict';

  if (window.__visitorauthWidgetLoaded) {
    return;
  }
  window.__visitorauthWidgetLoaded = true;

  var LOG_PREFIX = '[visitorauth]';
  var POLL_OPEN_MS = 3000;
  var POLL_CLOSED_MS = 15000;

  /** Token codes (401) that mean the site's integration sent a token we refused. */
  var TOKEN_CODES = {
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
    missing_claim: 'Add the claim.',
    invalid_claim: "Fix that claim's value or type.",
    token_required: 'This widget is in required mode: sign the user in and pass a visitorToken, or set the widget to optional.'
  };
  var OTHER_HINTS = {
    widget_not_found: 'Check widgetId in window.algomoSettings.',
    origin_not_allowed: "Add this page's origin (scheme, host and port) to the widget's allowedOrigins.",
    invalid_request: 'The widget sent a request the server refused; check widgetId and apiBase.'
  };

  // ---------------------------------------------------------------- settings

  var settings = window.algomoSettings || {};
  var currentScript = document.currentScript;
  var scriptOrigin = (function () {
    try {
      if (currentScript && currentScript.src) {
        return new URL(currentScript.src, window.location.href).origin;
      }
    } catch (e) { /* fall through */ }
    return window.location.origin;
  })();
  var apiBase = String(settings.apiBase || scriptOrigin).replace(/\/+$/, '');
  var widgetId = settings.widgetId == null ? '' : String(settings.widgetId);
  var DOCS_URL = apiBase + '/docs/integrating.md#error-codes';
  var tokenSource = settings.visitorToken == null || settings.visitorToken === '' ? null : settings.visitorToken;
  var onAuthError = typeof settings.onAuthError === 'function' ? settings.onAuthError : null;

  var VISITOR_KEY = 'visitorauth:' + widgetId + ':visitorId';
  var OPEN_KEY = 'visitorauth:' + widgetId + ':open';

  // ---------------------------------------------------------------- storage (never throws)

  var memoryStore = {};
  function storageGet(store, key) {
    try { return window[store].getItem(key); } catch (e) { return memoryStore[store + key] || null; }
  }
  function storageSet(store, key, value) {
    try { window[store].setItem(key, value); } catch (e) { memoryStore[store + key] = value; }
  }
  function storageRemove(store, key) {
    try { window[store].removeItem(key); } catch (e) { /* ignore */ }
    delete memoryStore[store + key];
  }

  // ---------------------------------------------------------------- state

  var session = null;          // the start response: {sessionToken, visitorId, status, user, expiresAt}
  var generation = 0;          // bumps on every new session; stale responses are dropped
  var chain = Promise.resolve(); // session changes run one after another
  var conversations = [];
  var currentConversationId = null; // null: the composer starts a new conversation
  var view = 'list';            // 'list' | 'thread'
  var isOpen = false;
  var notice = null;            // a message shown instead of the chat when it cannot be used
  var pollTimer = null;
  var renderedMessageIds = {};
  var seenCounts = {};          // conversation id -> messages the visitor has seen, for the unread badge
  var knownCounts = {};         // conversation id -> messages fetched so far (the list's count may lag)
  var newestShownIds = {};      // conversation id -> newest message fetched; later polls ask only for what is after it
  var oldestShownIds = {};      // conversation id -> oldest message fetched; "Load earlier" asks for what is before it
  var olderAvailable = {};      // conversation id -> whether older messages exist than those shown
  var sending = false;

  // ---------------------------------------------------------------- HTTP

  function ApiError(status, problem) {
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || null;
    this.message = (this.code || ('HTTP ' + status)) + (this.problem.detail ? ': ' + this.problem.detail : '');
  }

  function request(method, path, body, sessionToken) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (sessionToken) headers.Authorization = 'Bearer ' + sessionToken;
    return fetch(apiBase + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store'
    }).then(function (res) {
      if (res.status === 204) return null;
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!res.ok) {
          var err = new ApiError(res.status, json);
          err.retryAfter = Number(res.headers.get('Retry-After')) || null;
          throw err;
        }
        return json;
      });
    });
  }

  function authed(method, path, body) {
    if (!session) return Promise.reject(new ApiError(401, { code: 'unauthenticated' }));
    var gen = generation;
    return request(method, path, body, session.sessionToken).then(function (json) {
      if (gen !== generation) throw new StaleError();
      return json;
    }, function (err) {
      if (gen !== generation) throw new StaleError();
      if (err instanceof ApiError && err.status === 401) {
        // The session expired or was revoked (e.g. this visitor was opened elsewhere): start again.
        sessionLost();
      }
      throw err;
    });
  }

  function StaleError() { this.stale = true; }

  // ---------------------------------------------------------------- tokens and session start

  function resolveToken(source) {
    if (source == null || source === '') return Promise.resolve(null);
    if (typeof source === 'function') {
      return Promise.resolve().then(function () { return source(); }).then(function (t) {
        return t == null || t === '' ? null : String(t);
      }, function (e) {
        console.error(LOG_PREFIX + ' The visitorToken function failed, so the widget starts as an anonymous visitor.', e);
        return null;
      });
    }
    return Promise.resolve(String(source));
  }

  function reportAuthError(err) {
    var code = err.code || 'unknown';
    var hint = TOKEN_CODES[code] || OTHER_HINTS[code] || '';
    var info = {
      code: code,
      claim: err.problem.claim || null,
      detail: err.problem.detail || null,
      status: err.status,
      hint: hint,
      docs: DOCS_URL
    };
    var fallback = code === 'token_required' ? 'The chat stays closed to anonymous visitors.'
      : TOKEN_CODES[code] ? 'The widget carries on as a new anonymous visitor.' : 'The chat is unavailable.';
    console.error(LOG_PREFIX + (TOKEN_CODES[code] ? ' Visitor authentication failed: ' : ' The chat could not start: ') + code +
      (info.claim ? ' (claim "' + info.claim + '")' : '') + '. ' +
      (info.detail ? info.detail + ' ' : '') +
      (hint ? 'What to fix: ' + hint + ' ' : '') +
      fallback + ' Error codes: ' + DOCS_URL);
    if (onAuthError && (TOKEN_CODES[code])) {
      try { onAuthError(info); } catch (e) { console.error(LOG_PREFIX + ' onAuthError threw', e); }
    }
  }

  function postStart(visitorId, token) {
    var body = {};
    if (visitorId) body.visitorId = visitorId;
    if (token) body.visitorToken = token;
    return request('POST', '/v1/widgets/' + encodeURIComponent(widgetId) + '/sessions', body);
  }

  /**
   * Starts (or restarts) the session with the current token source. restart: the previous session
   * was lost mid-page, so an expired string token is not an integration error.
   */
  function start(restart) {
    var gen = ++generation;
    session = null;
    stopPolling();
    var source = tokenSource;
    return resolveToken(source).then(function (token) {
      var visitorId = storageGet('localStorage', VISITOR_KEY);
      return postStart(visitorId, token).catch(function (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.code === 'token_expired' && token) {
          if (typeof source === 'function') {
            // One more try with a fresh token from the site.
            return resolveToken(source).then(function (fresh) {
              return postStart(visitorId, fresh);
            });
          }
          if (restart) {
            err.endedSession = true;
          }
        }
        throw err;
      }).catch(function (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.endedSession) {
          throw err;
        }
        if (err.status === 401 && TOKEN_CODES[err.code] && err.code !== 'token_required') {
          // The token was refused: never carry on with this visitor (it may be locked to a user).
          reportAuthError(err);
          storageRemove('localStorage', VISITOR_KEY);
          return postStart(null, null).catch(function (again) {
            if (again instanceof ApiError) again.reported = true; // one console error per failure
            throw again;
          });
        }
        throw err;
      });
    }).then(function (s) {
      if (gen !== generation) return;
      session = s;
      storageSet('localStorage', VISITOR_KEY, s.visitorId);
      notice = null;
      conversations = [];
      seenCounts = {};
      knownCounts = {};
      if (currentConversationId) {
        // Keep the open thread only if it is still this visitor's (checked by the next refresh).
        view = 'thread';
      }
      renderHeader();
      return refreshConversations(true).then(function () {
        if (gen !== generation) return;
        if (!isOpen) markAllSeen();
        render();
        schedulePoll();
      });
    }).catch(function (err) {
      if (gen !== generation || (err && err.stale)) return;
      session = null;
      if (err instanceof ApiError) {
        if (err.endedSession) {
          notice = 'Your chat session has ended. Reload the page to continue.';
        } else if (err.code === 'token_required') {
          if (!err.reported) reportAuthError(err);
          notice = 'Please sign in to chat with us.';
        } else if (err.code === 'rate_limited' || err.status === 503 || err.status >= 500) {
          notice = 'The chat is temporarily unavailable. Retrying…';
          setTimeout(function () { if (gen === generation) enqueue(function () { return start(restart); }); },
            Math.min(60, err.retryAfter || 10) * 1000);
        } else {
          if (!err.reported) reportAuthError(err);
          notice = 'The chat is unavailable on this page.';
        }
      } else {
        console.error(LOG_PREFIX + ' Could not reach the chat server at ' + apiBase + '.', err);
        notice = 'The chat server cannot be reached. Retrying…';
        setTimeout(function () { if (gen === generation) enqueue(function () { return start(restart); }); }, 10000);
      }
      renderHeader();
      render();
    });
  }

  var restarting = false;
  function sessionLost() {
    if (restarting) return;
    restarting = true;
    enqueue(function () {
      return start(true).then(function () { restarting = false; });
    });
  }

  function enqueue(fn) {
    chain = chain.then(fn, fn).catch(function (e) {
      console.error(LOG_PREFIX + ' unexpected error', e);
    });
    return chain;
  }

  // ---------------------------------------------------------------- data

  function refreshConversations(first) {
    return authed('GET', '/v1/conversations').then(function (json) {
      conversations = (json && json.conversations) || [];
      if (currentConversationId && !conversations.some(function (c) { return c.id === currentConversationId; })) {
        currentConversationId = null;
        view = 'list';
        clearThread();
      }
      if (first && conversations.length === 0) {
        view = 'thread';
      }
    }).catch(ignoreStale);
  }

  /**
   * The open thread's messages: the newest page first (the server's default, 50), then only what is
   * after the newest message already fetched (`after=<id>`), page after page while `hasMore`. Older
   * messages load on request ("Load earlier", `before=<oldest id>`).
   */
  function refreshMessages() {
    if (!currentConversationId) return Promise.resolve();
    var id = currentConversationId;
    var after = newestShownIds[id];
    var path = '/v1/conversations/' + encodeURIComponent(id) + '/messages' +
      (after ? '?after=' + encodeURIComponent(after) : '');
    return authed('GET', path).then(function (json) {
      if (id !== currentConversationId) return;
      var messages = (json && json.messages) || [];
      messages.forEach(appendMessage);
      if (messages.length) newestShownIds[id] = messages[messages.length - 1].id;
      if (!after) {
        if (messages.length) oldestShownIds[id] = messages[0].id;
        olderAvailable[id] = !!(json && json.hasMore);
        showEarlierButton();
      }
      knownCounts[id] = after ? (knownCounts[id] || 0) + messages.length : Math.max(messages.length, listedCount(id));
      if (isOpen) seenCounts[id] = knownCounts[id];
      if (after && json && json.hasMore) return refreshMessages();
    }).catch(ignoreStale);
  }

  /** Prepends the page before the oldest message shown. */
  function loadEarlier() {
    var id = currentConversationId;
    var before = id && oldestShownIds[id];
    if (!before) return Promise.resolve();
    ui.earlier.disabled = true;
    return authed('GET', '/v1/conversations/' + encodeURIComponent(id) + '/messages?before=' + encodeURIComponent(before))
      .then(function (json) {
        if (id !== currentConversationId) return;
        var messages = (json && json.messages) || [];
        var first = ui.log.firstChild;
        var height = ui.body.scrollHeight;
        messages.forEach(function (m) {
          if (renderedMessageIds[m.id]) return;
          renderedMessageIds[m.id] = true;
          ui.log.insertBefore(messageNode(m), first);
        });
        ui.body.scrollTop += ui.body.scrollHeight - height; // keep what the visitor was reading in place
        if (messages.length) oldestShownIds[id] = messages[0].id;
        olderAvailable[id] = !!(json && json.hasMore);
      }).catch(ignoreStale).then(function () {
        ui.earlier.disabled = false;
        showEarlierButton();
      });
  }

  function showEarlierButton() {
    if (ui.earlier) ui.earlier.hidden = !(currentConversationId && olderAvailable[currentConversationId]);
  }

  function listedCount(id) {
    var listed = conversations.filter(function (c) { return c.id === id; })[0];
    return listed ? listed.messageCount || 0 : 0;
  }

  function ignoreStale(err) {
    if (err && err.stale) return;
    if (err instanceof ApiError && err.status === 401) return; // sessionLost() restarts
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
      // The conversation is not this visitor's (any more).
      currentConversationId = null;
      view = 'list';
      clearThread();
      return;
    }
    throw err;
  }

  function countOf(c) {
    return Math.max(c.messageCount || 0, knownCounts[c.id] || 0);
  }

  function markAllSeen() {
    conversations.forEach(function (c) { if (seenCounts[c.id] == null) seenCounts[c.id] = countOf(c); });
  }

  function unreadCount() {
    var n = 0;
    conversations.forEach(function (c) {
      var seen = seenCounts[c.id];
      if (seen != null && countOf(c) > seen) n += countOf(c) - seen;
    });
    return n;
  }

  function send(text) {
    text = text.trim();
    if (!text || !session || sending) return Promise.resolve();
    sending = true;
    ui.sendButton.disabled = true;
    var gen = generation;
    var p;
    if (currentConversationId) {
      var id = currentConversationId;
      p = authed('POST', '/v1/conversations/' + encodeURIComponent(id) + '/messages', { text: text })
        .then(function (m) { if (id === currentConversationId) appendMessage(m); });
    } else {
      p = authed('POST', '/v1/conversations', { text: text }).then(function (c) {
        if (gen !== generation) return;
        currentConversationId = c.id;
        clearThread();
        (c.messages || []).forEach(appendMessage);
        knownCounts[c.id] = seenCounts[c.id] = (c.messages || []).length;
        return refreshConversations(false);
      });
    }
    return p.then(function () {
      ui.input.value = '';
      setStatusLine('');
    }, function (err) {
      if (err && err.stale) return;
      setStatusLine('Your message could not be sent. Please try again.');
    }).then(function () {
      sending = false;
      ui.sendButton.disabled = false;
      ui.input.focus();
      render();
    });
  }

  // ---------------------------------------------------------------- polling

  function schedulePoll() {
    stopPolling();
    if (!session) return;
    var gen = generation;
    pollTimer = setTimeout(function () {
      if (gen !== generation) return;
      // The open thread is fetched even while the panel is closed, for the badge.
      var work = view === 'thread' && currentConversationId ? refreshMessages() : Promise.resolve();
      work.then(function () { return refreshConversations(false); }).then(function () {
        if (gen !== generation) return;
        render();
      }, function () { /* transient failure: try again next time */ }).then(function () {
        if (gen === generation) schedulePoll();
      });
    }, isOpen ? POLL_OPEN_MS : POLL_CLOSED_MS);
  }

  function stopPolling() {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  }

  // ---------------------------------------------------------------- commands

  function login(source) {
    tokenSource = source == null || source === '' ? null : source;
    return enqueue(function () { return start(false); });
  }

  function logout() {
    return enqueue(function () {
      var old = session;
      generation++;
      session = null;
      stopPolling();
      tokenSource = null;
      storageRemove('localStorage', VISITOR_KEY);
      currentConversationId = null;
      view = 'list';
      clearThread();
      conversations = [];
      render();
      var end = old ? request('DELETE', '/v1/session', undefined, old.sessionToken).catch(function () { /* already ended */ })
        : Promise.resolve();
      return end.then(function () { return start(false); });
    });
  }

  function open() {
    if (isOpen) return;
    isOpen = true;
    storageSet('sessionStorage', OPEN_KEY, '1');
    if (view === 'thread' && currentConversationId && knownCounts[currentConversationId] != null) {
      seenCounts[currentConversationId] = knownCounts[currentConversationId];
    }
    render();
    if (view === 'thread') refreshMessages().then(render, function () {});
    focusFirst();
    schedulePoll();
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    storageRemove('sessionStorage', OPEN_KEY);
    markAllSeen(); // replies from now on count for the badge
    render();
    ui.launcher.focus();
    schedulePoll();
  }

  function command(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    switch (name) {
      case 'login': return login(args[0]);
      case 'logout': return logout();
      case 'open': open(); return Promise.resolve();
      case 'close': close(); return Promise.resolve();
      default:
        console.warn(LOG_PREFIX + ' Unknown command "' + name + '". Commands: login, logout, open, close.');
        return Promise.resolve();
    }
  }

  // ---------------------------------------------------------------- UI

  var CSS = [
    ':host { all: initial; }',
    '*, *::before, *::after { box-sizing: border-box; }',
    '.va-root { font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; }',
    '.va-launcher { position: fixed; right: 20px; bottom: 20px; width: 60px; height: 60px; border-radius: 50%;',
    '  border: none; background: #2f5bea; color: #fff; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25);',
    '  display: flex; align-items: center; justify-content: center; z-index: 2147483000; }',
    '.va-launcher:hover { background: #2549c4; }',
    '.va-launcher:focus-visible, button:focus-visible, textarea:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }',
    '.va-launcher svg { width: 28px; height: 28px; fill: currentColor; }',
    '.va-badge { position: absolute; top: -2px; right: -2px; min-width: 22px; height: 22px; padding: 0 6px;',
    '  border-radius: 11px; background: #d4351c; color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; }',
    '.va-panel { position: fixed; right: 20px; bottom: 92px; width: 370px; height: min(600px, calc(100vh - 112px));',
    '  background: #fff; border-radius: 14px; box-shadow: 0 12px 40px rgba(0,0,0,.28); display: flex;',
    '  flex-direction: column; overflow: hidden; z-index: 2147483001; }',
    '.va-panel[hidden], [hidden] { display: none !important; }',
    '.va-header { background: #2f5bea; color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 10px; }',
    '.va-header h2 { font-size: 17px; margin: 0; font-weight: 650; }',
    '.va-who { font-size: 13px; opacity: .9; margin-top: 2px; }',
    '.va-titles { flex: 1; min-width: 0; }',
    '.va-icon-btn { background: transparent; border: none; color: inherit; cursor: pointer; font-size: 22px;',
    '  line-height: 1; padding: 6px 9px; border-radius: 8px; }',
    '.va-icon-btn:hover { background: rgba(255,255,255,.18); }',
    '.va-body { flex: 1; overflow-y: auto; padding: 12px; background: #f5f7fb; }',
    '.va-notice { padding: 24px 16px; text-align: center; color: #4a5160; }',
    '.va-new { width: 100%; padding: 10px 12px; border-radius: 10px; border: 1px dashed #2f5bea; background: #fff;',
    '  color: #2f5bea; font: inherit; font-weight: 600; cursor: pointer; margin-bottom: 10px; }',
    '.va-list { list-style: none; margin: 0; padding: 0; }',
    '.va-list li { margin: 0 0 8px; }',
    '.va-conv { width: 100%; text-align: left; padding: 10px 12px; border-radius: 10px; border: 1px solid #dde2ec;',
    '  background: #fff; font: inherit; color: inherit; cursor: pointer; display: block; }',
    '.va-conv:hover { border-color: #2f5bea; }',
    '.va-conv-title { font-weight: 600; display: block; }',
    '.va-conv-meta { font-size: 12.5px; color: #5b6272; display: block; }',
    '.va-log { display: flex; flex-direction: column; gap: 8px; }',
    '.va-msg { max-width: 82%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }',
    '.va-msg-visitor { align-self: flex-end; background: #2f5bea; color: #fff; border-bottom-right-radius: 4px; }',
    '.va-msg-agent { align-self: flex-start; background: #fff; border: 1px solid #dde2ec; border-bottom-left-radius: 4px; }',
    '.va-msg-meta { display: block; font-size: 11.5px; opacity: .8; margin-top: 3px; }',
    '.va-empty { color: #5b6272; text-align: center; margin: 24px 8px; }',
    '.va-earlier { display: block; margin: 0 auto 10px; padding: 6px 12px; border-radius: 10px; border: 1px solid #dde2ec;',
    '  background: #fff; color: #2f5bea; font: inherit; font-size: 13px; cursor: pointer; }',
    '.va-form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e7ef; background: #fff; }',
    '.va-form textarea { flex: 1; resize: none; height: 44px; max-height: 120px; padding: 10px; border-radius: 10px;',
    '  border: 1px solid #c6ccd8; font: inherit; color: inherit; }',
    '.va-send { border: none; border-radius: 10px; background: #2f5bea; color: #fff; font: inherit; font-weight: 600;',
    '  padding: 0 16px; cursor: pointer; }',
    '.va-send:disabled { opacity: .6; cursor: default; }',
    '.va-status { font-size: 12.5px; color: #b3261e; padding: 0 12px 8px; background: #fff; }',
    '.va-sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0,0,0,0); border: 0; }',
    '@media (max-width: 480px) {',
    '  .va-panel { right: 0; bottom: 0; left: 0; top: 0; width: 100%; height: 100%; border-radius: 0; }',
    '  .va-launcher { right: 14px; bottom: 14px; }',
    '}'
  ].join('\n');

  var ui = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') node.textContent = attrs[k];
        else if (k === 'className') node.className = attrs[k];
        else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), attrs[k]);
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  var ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  var ICON_DOWN = 'M5.3 8.3a1 1 0 0 1 1.4 0L12 13.6l5.3-5.3a1 1 0 1 1 1.4 1.4l-6 6a1 1 0 0 1-1.4 0l-6-6a1 1 0 0 1 0-1.4z';

  function svgIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    ui.launcherIcon = document.createElementNS(ns, 'path');
    ui.launcherIcon.setAttribute('d', ICON_CHAT);
    svg.appendChild(ui.launcherIcon);
    return svg;
  }

  function buildUi() {
    var host = el('div', { id: 'visitorauth-widget', 'data-status': 'starting' });
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    var style = document.createElement('style');
    style.textContent = CSS;
    root.appendChild(style);

    ui.host = host;
    ui.badge = el('span', { className: 'va-badge', hidden: '', 'aria-hidden': 'true' });
    ui.launcher = el('button', {
      type: 'button', className: 'va-launcher', 'aria-label': 'Open support chat',
      'aria-expanded': 'false', 'aria-controls': 'va-panel', onclick: function () { isOpen ? close() : open(); }
    }, [svgIcon(), ui.badge]);

    ui.title = el('h2', { id: 'va-title', text: 'Support' });
    ui.who = el('div', { className: 'va-who', id: 'va-who', text: '' });
    ui.back = el('button', {
      type: 'button', className: 'va-icon-btn va-back', 'aria-label': 'Back to conversations', hidden: '',
      onclick: function () { showList(); }
    });
    ui.back.textContent = '\u2190';
    ui.closeButton = el('button', {
      type: 'button', className: 'va-icon-btn va-close', 'aria-label': 'Close chat', onclick: function () { close(); }
    });
    ui.closeButton.textContent = '\u00d7';
    var header = el('div', { className: 'va-header' }, [ui.back, el('div', { className: 'va-titles' }, [ui.title, ui.who]), ui.closeButton]);

    ui.notice = el('p', { className: 'va-notice', role: 'status', hidden: '' });
    ui.newButton = el('button', { type: 'button', className: 'va-new', text: 'New conversation', onclick: function () { showThread(null); } });
    ui.list = el('ul', { className: 'va-list', 'aria-label': 'Your conversations' });
    ui.listView = el('div', { className: 'va-list-view', hidden: '' }, [ui.newButton, ui.list]);
    ui.empty = el('p', { className: 'va-empty', text: 'Ask us anything. We usually reply in a few minutes.' });
    ui.log = el('div', { className: 'va-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages' });
    ui.earlier = el('button', {
      type: 'button', className: 'va-earlier', text: 'Load earlier messages', hidden: '',
      onclick: function () { loadEarlier(); }
    });
    ui.threadView = el('div', { className: 'va-thread-view', hidden: '' }, [ui.empty, ui.earlier, ui.log]);
    ui.body = el('div', { className: 'va-body' }, [ui.notice, ui.listView, ui.threadView]);

    ui.input = el('textarea', { id: 'va-input', rows: '1', placeholder: 'Write a message…', 'aria-label': 'Message' });
    ui.input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        send(ui.input.value);
      }
    });
    ui.sendButton = el('button', { type: 'submit', className: 'va-send', text: 'Send' });
    ui.form = el('form', {
      className: 'va-form', hidden: '', onsubmit: function (e) { e.preventDefault(); send(ui.input.value); }
    }, [el('label', { className: 'va-sr', for: 'va-input', text: 'Message' }), ui.input, ui.sendButton]);
    ui.statusLine = el('div', { className: 'va-status', role: 'alert', hidden: '' });

    ui.panel = el('div', {
      id: 'va-panel', className: 'va-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'va-title',
      'aria-describedby': 'va-who', hidden: ''
    }, [header, ui.body, ui.statusLine, ui.form]);
    var wrapper = el('div', { className: 'va-root' }, [ui.launcher, ui.panel]);
    wrapper.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && isOpen) { e.stopPropagation(); close(); }
    });
    root.appendChild(wrapper);
    document.body.appendChild(host);
  }

  function setStatusLine(text) {
    ui.statusLine.textContent = text;
    ui.statusLine.hidden = !text;
  }

  function renderHeader() {
    var status = session ? session.status : (notice ? 'unavailable' : 'starting');
    ui.host.setAttribute('data-status', status);
    if (session && session.status === 'authenticated' && session.user) {
      var u = session.user;
      ui.who.textContent = 'Signed in as ' + (u.name || u.email || u.id);
    } else if (session) {
      ui.who.textContent = 'Chatting as a guest';
    } else {
      ui.who.textContent = '';
    }
  }

  function formatTime(iso) {
    try {
      var d = new Date(iso);
      var now = new Date();
      return d.toDateString() === now.toDateString()
        ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
        : d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    } catch (e) {
      return '';
    }
  }

  var lastListSignature = null;

  function renderList() {
    var signature = conversations.map(function (c) {
      return c.id + ':' + countOf(c) + ':' + c.lastMessageAt + ':' + seenCounts[c.id];
    }).join('|');
    if (signature === lastListSignature && ui.list.childNodes.length === conversations.length) return;
    lastListSignature = signature;
    // Rebuilt only when something changed; the focused conversation keeps the focus.
    var active = ui.host.shadowRoot ? ui.host.shadowRoot.activeElement : document.activeElement;
    var focusedId = active && active.getAttribute ? active.getAttribute('data-conversation-id') : null;
    while (ui.list.firstChild) ui.list.removeChild(ui.list.firstChild);
    conversations.forEach(function (c, i) {
      var count = countOf(c);
      var unread = seenCounts[c.id] != null && count > seenCounts[c.id];
      var label = 'Conversation ' + (conversations.length - i);
      var meta = count + (count === 1 ? ' message' : ' messages') + ' · last ' +
        formatTime(c.lastMessageAt || c.createdAt) + (unread ? ' · new reply' : '');
      var button = el('button', {
        type: 'button', className: 'va-conv', 'data-conversation-id': c.id,
        onclick: function () { showThread(c.id); }
      }, [el('span', { className: 'va-conv-title', text: label }), el('span', { className: 'va-conv-meta', text: meta })]);
      ui.list.appendChild(el('li', null, [button]));
      if (c.id === focusedId) button.focus();
    });
  }

  function appendMessage(m) {
    if (!m || renderedMessageIds[m.id]) return;
    renderedMessageIds[m.id] = true;
    ui.log.appendChild(messageNode(m));
    ui.empty.hidden = true;
    ui.body.scrollTop = ui.body.scrollHeight;
  }

  function messageNode(m) {
    var who = m.author === 'agent' ? 'Agent' : 'You';
    var meta = who + ' · ' + formatTime(m.createdAt) + (m.author !== 'agent' && m.authenticated ? ' · verified' : '');
    var node = el('div', {
      className: 'va-msg va-msg-' + (m.author === 'agent' ? 'agent' : 'visitor'),
      'data-message-id': m.id, 'data-author': m.author, 'data-authenticated': String(!!m.authenticated)
    });
    var text = el('span', { className: 'va-msg-text' });
    text.textContent = m.text; // never innerHTML
    node.appendChild(text);
    node.appendChild(el('span', { className: 'va-msg-meta', text: meta }));
    return node;
  }

  function clearThread() {
    renderedMessageIds = {};
    newestShownIds = {};
    oldestShownIds = {};
    olderAvailable = {};
    showEarlierButton();
    if (ui.log) {
      while (ui.log.firstChild) ui.log.removeChild(ui.log.firstChild);
      ui.empty.hidden = false;
    }
  }

  function showList() {
    view = 'list';
    currentConversationId = null;
    clearThread();
    render();
    refreshConversations(false).then(render, function () {});
    var first = ui.list.querySelector('button') || ui.newButton;
    first.focus();
  }

  function showThread(id) {
    view = 'thread';
    currentConversationId = id;
    clearThread();
    render();
    ui.input.focus();
    if (id) {
      refreshMessages().then(render, function () {});
    }
  }

  function focusFirst() {
    if (notice) { ui.closeButton.focus(); return; }
    if (view === 'thread') { ui.input.focus(); return; }
    var first = ui.list.querySelector('button') || ui.newButton;
    first.focus();
  }

  function render() {
    if (!ui.host) return;
    ui.panel.hidden = !isOpen;
    ui.launcher.setAttribute('aria-expanded', String(isOpen));
    ui.launcher.setAttribute('aria-label', isOpen ? 'Close support chat' : 'Open support chat');
    ui.launcherIcon.setAttribute('d', isOpen ? ICON_DOWN : ICON_CHAT);
    var unread = isOpen ? 0 : unreadCount();
    ui.badge.hidden = unread === 0;
    ui.badge.textContent = unread ? String(unread) : '';
    if (unread) ui.launcher.setAttribute('aria-label', 'Open support chat, ' + unread + ' new ' + (unread === 1 ? 'reply' : 'replies'));
    var usable = !!session && !notice;
    ui.notice.hidden = usable;
    ui.notice.textContent = notice || 'Connecting…';
    if (usable && view === 'list' && conversations.length === 0) view = 'thread';
    ui.listView.hidden = !usable || view !== 'list';
    ui.threadView.hidden = !usable || view !== 'thread';
    ui.form.hidden = !usable || view !== 'thread';
    ui.back.hidden = !usable || view !== 'thread' || conversations.length === 0;
    ui.title.textContent = usable && view === 'thread' && !currentConversationId ? 'New conversation' : 'Support';
    if (usable && view === 'list') renderList();
    renderHeader();
  }

  // ---------------------------------------------------------------- boot

  function boot() {
    if (!widgetId) {
      console.error(LOG_PREFIX + ' window.algomoSettings.widgetId is missing: set it before the widget script loads. See ' + DOCS_URL);
      return;
    }
    buildUi();
    var queued = Array.prototype.slice.call((window.Algomo && window.Algomo.q) || []);
    window.Algomo = command;
    isOpen = storageGet('sessionStorage', OPEN_KEY) === '1';
    // Commands queued before the script loaded shape the first start instead of restarting it.
    queued.forEach(function (args) {
      var name = args[0];
      if (name === 'login') {
        tokenSource = args[1] == null || args[1] === '' ? null : args[1];
      } else if (name === 'logout') {
        tokenSource = null;
        storageRemove('localStorage', VISITOR_KEY);
      } else if (name === 'open' || name === 'close') {
        isOpen = name === 'open';
        if (isOpen) storageSet('sessionStorage', OPEN_KEY, '1'); else storageRemove('sessionStorage', OPEN_KEY);
      } else {
        command.apply(null, Array.prototype.slice.call(args));
      }
    });
    render();
    enqueue(function () { return start(false); });
  }

  if (document.body) {
    boot();
  } else {
    document.addEventListener('DOMContentLoaded', boot);
  }
})();
