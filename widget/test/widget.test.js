'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { flush, FakeTimers, FakeServer, frame, json, bootWidget, shownMessages } = require('./helpers');

async function openThread(w, root, id) {
  w.widget.open();
  await flush();
  if (!root.querySelector('.va-list-view').hidden) {
    root.querySelector(".va-conv[data-conversation-id='" + id + "']").click();
  } else {
    w.widget.showThread(id);
  }
  await flush();
}

test('push first: the widget reads the stream, and an agent reply shows in the open thread', async () => {
  const server = new FakeServer();
  server.addConversation('c1', [['visitor', 'Hello']]);
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  assert.equal(w.widget.state.name, 'live');
  assert.equal(w.root.host.getAttribute('data-state'), 'live');
  await openThread(w, w.root, 'c1');
  assert.deepEqual(shownMessages(w.root), ['visitor: Hello']);

  server.lastStream.send(frame('e1', 'message.created', server.reply('c1', 'Hi, how can I help?', { agentName: 'Grace' })));
  await flush();
  assert.deepEqual(shownMessages(w.root), ['visitor: Hello', 'agent: Hi, how can I help?']);
  const meta = w.root.querySelector(".va-msg[data-author='agent'] .va-msg-meta").textContent;
  assert.match(meta, /^Grace · /, 'the agent name is shown on the reply');
  assert.equal(server.callsTo('GET', '/v1/conversations/c1/messages?after').length, 0, 'no polling while live');
});

test('the same message twice (a replay after reconnect, or the own post echoed) is shown once', async () => {
  const server = new FakeServer();
  server.addConversation('c1', [['visitor', 'Hello']]);
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  await openThread(w, w.root, 'c1');
  const reply = server.reply('c1', 'Reply one');
  server.lastStream.send(frame('e1', 'message.created', reply));
  await flush();
  server.lastStream.close();
  await flush();
  await timers.advance(1000);
  assert.equal(server.lastStream.headers['Last-Event-ID'], 'e1');
  server.lastStream.send(frame('e1', 'message.created', reply)); // replayed
  await flush();
  await w.widget.send('Thanks');
  await flush();
  const own = server.messages.get('c1').slice(-1)[0];
  server.lastStream.send(frame('e2', 'message.created', Object.assign({ conversationId: 'c1' }, own)));
  await flush();
  assert.deepEqual(shownMessages(w.root), ['visitor: Hello', 'agent: Reply one', 'visitor: Thanks']);
});

test('no stream on the server (404): the widget polls, and reports the polling state', async () => {
  const server = new FakeServer({ streamStatus: 404 });
  server.addConversation('c1', [['visitor', 'Hello']]);
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  assert.equal(w.widget.state.name, 'polling');
  await openThread(w, w.root, 'c1');
  server.reply('c1', 'Polled reply');
  await timers.advance(3000);
  assert.deepEqual(shownMessages(w.root), ['visitor: Hello', 'agent: Polled reply']);
  assert.ok(server.callsTo('GET', '/v1/conversations/c1/messages?after=').length >= 1, 'asked only for what is new');
  assert.deepEqual(w.console.errors, [], 'a server without a stream is not an error');

  server.streamStatus = 200; // upgraded: the next probe finds the stream
  await timers.advance(60000);
  assert.equal(w.widget.state.name, 'live');
  const polls = server.callsTo('GET', '/v1/conversations/c1/messages?after=').length;
  await timers.advance(30000);
  assert.equal(server.callsTo('GET', '/v1/conversations/c1/messages?after=').length, polls, 'polling stopped once live');
});

test('the unread badge follows events while the panel is closed, and opening the thread marks it read on the server', async () => {
  const server = new FakeServer();
  server.addConversation('c1', [['visitor', 'Hello']]);
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  await openThread(w, w.root, 'c1');
  const readsWhileShown = server.callsTo('POST', '/v1/conversations/c1/read').length;
  assert.equal(readsWhileShown, 1, 'shown, so read');
  w.widget.close();
  await flush();
  const badge = w.root.querySelector('.va-badge');
  assert.equal(badge.hidden, true);
  const r1 = server.reply('c1', 'One');
  server.lastStream.send(frame('e1', 'message.created', r1));
  server.lastStream.send(frame('e2', 'message.created', server.reply('c1', 'Two')));
  await flush();
  assert.equal(badge.hidden, false);
  assert.equal(badge.textContent, '2');
  assert.equal(w.root.querySelector('.va-launcher').getAttribute('aria-label'), 'Open support chat, 2 new replies');
  assert.equal(server.callsTo('POST', '/v1/conversations/c1/read').length, readsWhileShown, 'not read while closed');

  w.widget.open();
  await flush();
  assert.equal(badge.hidden, true);
  const reads = server.callsTo('POST', '/v1/conversations/c1/read');
  assert.equal(reads.length, readsWhileShown + 1);
  assert.deepEqual(reads[reads.length - 1].body, { messageId: server.messages.get('c1').slice(-1)[0].id });
});

test('unreadCount and preview from the server drive the list; conversation.read from another device clears it', async () => {
  const server = new FakeServer({ unreadCounts: true });
  server.addConversation('c1', [['visitor', 'Old question'], ['agent', 'Answer line one\nline two']], { unreadCount: 1, preview: 'Answer line one' });
  server.addConversation('c2', [['visitor', 'Other']], { unreadCount: 0, preview: 'Other' });
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  const badge = w.root.querySelector('.va-badge');
  assert.equal(badge.textContent, '1', 'the server\'s count, the same on every device');
  w.widget.open();
  await flush();
  const c1 = w.root.querySelector(".va-conv[data-conversation-id='c1']");
  assert.equal(c1.querySelector('.va-conv-preview').textContent, 'Answer line one');
  assert.equal(c1.getAttribute('data-unread'), '1');
  assert.equal(c1.querySelector('.va-conv-unread').textContent, '1');

  server.lastStream.send(frame('e1', 'conversation.read', { conversationId: 'c1', messageId: 'm2' }));
  await flush();
  assert.equal(w.root.querySelector(".va-conv[data-conversation-id='c1']").getAttribute('data-unread'), '0');

  server.lastStream.send(frame('e2', 'message.created', server.reply('c2', 'New answer\nmore')));
  await flush();
  const c2 = w.root.querySelector(".va-conv[data-conversation-id='c2']");
  assert.equal(c2.querySelector('.va-conv-preview').textContent, 'New answer', 'the preview follows the event');
  assert.equal(c2.getAttribute('data-unread'), '1');
  assert.equal(w.root.querySelectorAll('.va-conv')[0], c2, 'the conversation with the newest activity comes first');
});

test('marking read ignores a 404 from an older server', async () => {
  const server = new FakeServer({ streamStatus: 404 });
  server.readStatus = 404;
  server.addConversation('c1', [['visitor', 'Hello'], ['agent', 'Hi']]);
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  await openThread(w, w.root, 'c1');
  assert.equal(server.callsTo('POST', '/v1/conversations/c1/read').length, 1);
  assert.equal(w.widget.state.name, 'polling');
  assert.deepEqual(shownMessages(w.root), ['visitor: Hello', 'agent: Hi']);
  assert.deepEqual(w.console.errors, []);
});

test('a token function is called again when a start is refused with token_expired, and with token_revoked', async () => {
  for (const code of ['token_expired', 'token_revoked']) {
    const server = new FakeServer();
    server.startResponses.push(() => json(401, { code }));
    const timers = new FakeTimers();
    let calls = 0;
    const w = await bootWidget(server, timers, { settings: { visitorToken: async () => 'tok' + ++calls } });
    assert.equal(calls, 2, code);
    assert.deepEqual(server.callsTo('POST', '/v1/widgets/').map((c) => c.body.visitorToken), ['tok1', 'tok2']);
    assert.equal(w.root.host.getAttribute('data-status'), 'authenticated');
    assert.deepEqual(w.console.errors, [], 'retried, so not an error');
  }
});

test('still refused after the retry: reported once through onAuthError, carrying on anonymous without the stored visitor', async () => {
  const server = new FakeServer();
  server.startResponses.push(() => json(401, { code: 'token_revoked' }), () => json(401, { code: 'token_revoked', detail: 'revoked' }));
  const timers = new FakeTimers();
  const authErrors = [];
  const dom = new (require('jsdom').JSDOM)('<!doctype html><body></body>', { url: 'https://shop.example/' });
  dom.window.localStorage.setItem('visitorauth:wgt_1:visitorId', 'v_linked');
  const w = await bootWidget(server, timers, { dom, settings: { visitorToken: () => 'tok', onAuthError: (code, detail, error) => authErrors.push([code, detail, error.code]) } });
  assert.deepEqual(authErrors, [['token_revoked', 'revoked', 'token_revoked']], 'called as (code, detail, error), spec 11');
  assert.equal(w.console.errors.length, 1);
  assert.match(w.console.errors[0], /token_revoked/);
  const starts = server.callsTo('POST', '/v1/widgets/');
  assert.deepEqual(starts[2].body, {}, 'a fresh anonymous visitor');
  assert.equal(w.root.host.getAttribute('data-status'), 'anonymous');
});

test('a session that expires asks the token function again; a token string is used once', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  let calls = 0;
  const w = await bootWidget(server, timers, { settings: { visitorToken: () => 'fresh' + ++calls } });
  server.lastStream.send(frame('e1', 'session.ended', { reason: 'expired' }));
  await flush();
  await w.widget.chain;
  await flush();
  assert.equal(calls, 2);
  assert.equal(server.callsTo('POST', '/v1/widgets/').slice(-1)[0].body.visitorToken, 'fresh2');
  assert.equal(w.widget.state.name, 'live');

  const server2 = new FakeServer();
  const w2 = await bootWidget(server2, new FakeTimers(), { settings: { visitorToken: 'a-string-token' } });
  assert.equal(w2.root.host.getAttribute('data-status'), 'authenticated');
  server2.lastStream.send(frame('e1', 'session.ended', { reason: 'expired' }));
  await flush();
  await w2.widget.chain;
  assert.equal(server2.callsTo('POST', '/v1/widgets/').length, 1, 'the string is not sent again');
  assert.equal(w2.widget.state.name, 'ended');
  assert.equal(w2.root.host.getAttribute('data-status'), 'unavailable');
  assert.equal(w2.root.querySelector('.va-notice').textContent, 'Your chat session has ended. Reload the page to continue.');
});

test('a 401 on a session call also counts as the session ending: one restart with a fresh token', async () => {
  const server = new FakeServer({ streamStatus: 404 });
  server.addConversation('c1', [['visitor', 'Hello']]);
  const timers = new FakeTimers();
  let calls = 0;
  const w = await bootWidget(server, timers, { settings: { visitorToken: () => 'tok' + ++calls } });
  const handle = server.handle.bind(server);
  let refuse = 2;
  server.fetch = (url, init) => (refuse-- > 0 && /\/v1\/conversations/.test(url)
    ? Promise.resolve(json(401, { code: 'unauthenticated' })) : handle(url, init || {}));
  w.widget.api.fetch = server.fetch;
  await Promise.all([w.widget.refreshConversations(false), w.widget.refreshConversations(false)]);
  await flush();
  await w.widget.chain;
  await flush();
  assert.equal(calls, 2, 'two 401s, one restart');
  assert.equal(w.root.host.getAttribute('data-status'), 'authenticated');
});

test('session.ended revoked: nothing of the user stays on screen; the widget carries on anonymous', async () => {
  const server = new FakeServer();
  server.addConversation('c1', [['visitor', 'Private question']]);
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers, { settings: { visitorToken: 'tok' } });
  await openThread(w, w.root, 'c1');
  assert.deepEqual(shownMessages(w.root), ['visitor: Private question']);
  server.conversations = []; // the new anonymous visitor has none
  server.lastStream.send(frame('e1', 'session.ended', { reason: 'revoked' }));
  await flush();
  assert.deepEqual(shownMessages(w.root), [], 'cleared at once');
  await w.widget.chain;
  await flush();
  assert.equal(w.root.host.getAttribute('data-status'), 'anonymous');
  assert.deepEqual(server.callsTo('POST', '/v1/widgets/').slice(-1)[0].body, {}, 'without the revoked visitor or token');
  assert.equal(w.window.localStorage.getItem('visitorauth:wgt_1:visitorId'), 'v2');
});

test('logout in one tab ends the session in every tab (BroadcastChannel), and no chat stays on screen', async (t) => {
  const server = new FakeServer();
  server.addConversation('c1', [['visitor', 'Ada\'s question']]);
  const timers = new FakeTimers();
  const { JSDOM } = require('jsdom');
  const tabA = await bootWidget(server, timers, { settings: { visitorToken: () => 'tok' }, BroadcastChannel, dom: new JSDOM('<body></body>', { url: 'https://shop.example/a' }) });
  const tabB = await bootWidget(server, timers, { settings: { visitorToken: () => 'tok' }, BroadcastChannel, dom: new JSDOM('<body></body>', { url: 'https://shop.example/b' }) });
  t.after(() => { tabA.widget.tabs.close(); tabB.widget.tabs.close(); });
  await openThread(tabB, tabB.root, 'c1');
  assert.deepEqual(shownMessages(tabB.root), ["visitor: Ada's question"]);
  const tokenB = 'Bearer ' + tabB.widget.session.sessionToken;
  server.conversations = [];

  const done = tabA.widget.command('logout');
  await flush();
  assert.deepEqual(shownMessages(tabB.root), [], 'the other tab cleared at once');
  await done;
  await flush(40);
  await tabB.widget.chain;
  await flush();
  assert.ok(server.deleted.includes(tokenB), 'the other tab ended its own session');
  assert.equal(tabA.root.host.getAttribute('data-status'), 'anonymous');
  assert.equal(tabB.root.host.getAttribute('data-status'), 'anonymous');
  assert.equal(tabB.widget.session.visitorId, tabA.widget.session.visitorId, 'both tabs share the new anonymous visitor');
});

test('without BroadcastChannel, a storage event carries the logout to the other tab', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const tabB = await bootWidget(server, timers, { settings: { visitorToken: () => 'tok' } });
  assert.equal(typeof tabB.window.BroadcastChannel, 'undefined');
  const tokenB = 'Bearer ' + tabB.widget.session.sessionToken;
  // What another tab's post writes: the storage event this tab receives.
  const event = new tabB.window.StorageEvent('storage', { key: 'visitorauth:wgt_1:tabs', newValue: JSON.stringify({ type: 'logout', nonce: 'x' }) });
  tabB.window.dispatchEvent(event);
  await flush();
  await timers.advance(3000);
  await tabB.widget.chain;
  await flush();
  assert.ok(server.deleted.includes(tokenB));
  assert.equal(tabB.root.host.getAttribute('data-status'), 'anonymous');
  // And its own post writes that key (and removes it at once).
  const writes = [];
  const proto = tabB.window.Storage.prototype;
  const setItem = proto.setItem;
  proto.setItem = function (k, v) { writes.push([k, k === 'visitorauth:wgt_1:tabs' ? JSON.parse(v).type : v]); return setItem.call(this, k, v); };
  try {
    tabB.widget.tabs.post({ type: 'logout' });
  } finally {
    proto.setItem = setItem;
  }
  assert.deepEqual(writes, [['visitorauth:wgt_1:tabs', 'logout']]);
  assert.equal(tabB.window.localStorage.getItem('visitorauth:wgt_1:tabs'), null);
});

test('locale: German strings with locale "de-DE"; an unknown locale falls back to English with a warning', async () => {
  const server = new FakeServer();
  const w = await bootWidget(server, new FakeTimers(), { settings: { locale: 'de-DE' } });
  assert.equal(w.root.querySelector('.va-launcher').getAttribute('aria-label'), 'Support-Chat öffnen');
  assert.equal(w.root.querySelector('#va-who').textContent, 'Sie chatten als Gast');
  assert.equal(w.root.querySelector('.va-send').textContent, 'Senden');
  assert.equal(w.root.host.getAttribute('lang'), 'de');
  assert.deepEqual(w.console.warnings, []);

  const en = await bootWidget(new FakeServer(), new FakeTimers(), { settings: { locale: 'xx-YY' } });
  assert.equal(en.root.querySelector('.va-launcher').getAttribute('aria-label'), 'Open support chat');
  assert.equal(en.console.warnings.length, 1);
  assert.match(en.console.warnings[0], /locale "xx-YY"/);
});

test('colour: a valid CSS colour is applied as a custom property; an invalid one warns and keeps the default', async () => {
  const w = await bootWidget(new FakeServer(), new FakeTimers(), { settings: { color: '#0a7d38' } });
  assert.equal(w.root.querySelector('.va-root').style.getPropertyValue('--va-accent'), '#0a7d38');
  assert.deepEqual(w.console.warnings, []);

  for (const bad of ['red; background: url(https://evil.example/x)', 'not-a-colour', 'inherit', 'var(--brand)', 42]) {
    const b = await bootWidget(new FakeServer(), new FakeTimers(), { settings: { color: bad } });
    assert.equal(b.root.querySelector('.va-root').style.getPropertyValue('--va-accent'), '', String(bad));
    assert.equal(b.console.warnings.length, 1, String(bad));
    assert.match(b.console.warnings[0], /algomoSettings\.color/);
  }
});

test('a new conversation: the first message goes out, and the agent reply on the stream shows under it', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  w.widget.open();
  await flush();
  assert.equal(w.root.querySelector('.va-form').hidden, false, 'a new visitor goes straight to the composer');
  await w.widget.send('First question');
  await flush();
  const id = w.widget.currentConversationId;
  server.lastStream.send(frame('e1', 'conversation.created', { id, createdAt: '2026-12-01T10:00:00Z', messageCount: 1 }));
  server.lastStream.send(frame('e2', 'message.created', Object.assign({ conversationId: id }, server.messages.get(id)[0])));
  server.lastStream.send(frame('e3', 'message.created', server.reply(id, 'Answer')));
  await flush();
  assert.deepEqual(shownMessages(w.root), ['visitor: First question', 'agent: Answer']);
});

test('a reply that arrives while the thread is still loading is shown after its history, not above it', async () => {
  const server = new FakeServer();
  server.addConversation('c1', [['visitor', 'Hello'], ['agent', 'Earlier answer']]);
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const handle = server.fetch;
  w.widget.api.fetch = async (url, init) => {
    if (/\/v1\/conversations\/c1\/messages$/.test(url)) {
      const res = await handle(url, init); // the page as it was when asked
      await gate;
      return res;
    }
    return handle(url, init);
  };
  w.widget.open();
  await flush();
  w.widget.showThread('c1');
  await flush();
  server.lastStream.send(frame('e1', 'message.created', server.reply('c1', 'Live answer')));
  await flush();
  release();
  await flush(40);
  assert.deepEqual(shownMessages(w.root), ['visitor: Hello', 'agent: Earlier answer', 'agent: Live answer']);
});

test('commands queued before the script loaded shape the first start: login with a function, open without moving the focus', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  let calls = 0;
  const w = await bootWidget(server, timers, { queued: [['login', () => 'queued' + ++calls], ['open']] });
  assert.equal(calls, 1);
  assert.deepEqual(server.callsTo('POST', '/v1/widgets/').map((c) => c.body.visitorToken), ['queued1'], 'one start, with the queued token');
  assert.equal(w.root.host.getAttribute('data-status'), 'authenticated');
  assert.equal(w.root.querySelector('.va-panel').hidden, false);
  assert.equal(w.window.sessionStorage.getItem('visitorauth:wgt_1:open'), '1');
  assert.equal(w.root.activeElement, null, 'the page keeps its focus');

  const out = await bootWidget(new FakeServer(), new FakeTimers(), { settings: { visitorToken: 'tok' }, queued: [['logout']] });
  assert.equal(out.root.host.getAttribute('data-status'), 'anonymous', 'a queued logout drops the token');
});

test('the list cannot be fetched right after the start (network): the widget still goes on, and the next poll brings it', async () => {
  const server = new FakeServer({ streamStatus: 404 });
  server.addConversation('c1', [['visitor', 'Hello']]);
  const timers = new FakeTimers();
  const handle = server.fetch;
  let failList = true;
  server.fetch = (url, init) => {
    if (failList && /\/v1\/conversations$/.test(url)) { failList = false; return Promise.reject(new TypeError('Failed to fetch')); }
    return handle(url, init);
  };
  const w = await bootWidget(server, timers);
  assert.equal(w.widget.state.name, 'polling');
  await timers.advance(15000);
  w.widget.open();
  await flush();
  assert.ok(w.root.querySelector(".va-conv[data-conversation-id='c1']"), 'listed after the poll');
});

test('a list answered before a reply but arriving after its event does not undo it; a list that has the reply does not count it twice', async () => {
  const server = new FakeServer({ unreadCounts: true });
  server.addConversation('c1', [['visitor', 'Hello']], { unreadCount: 0, preview: 'Hello' });
  const timers = new FakeTimers();
  const w = await bootWidget(server, timers);
  const handle = server.fetch;
  let release;
  w.widget.api.fetch = async (url, init) => {
    if (/\/v1\/conversations$/.test(url) && release === undefined) {
      const res = await handle(url, init); // answered now, before the reply exists
      await new Promise((resolve) => { release = resolve; });
      return res;
    }
    return handle(url, init);
  };
  const refresh = w.widget.refreshConversations(false);
  await flush();
  server.lastStream.send(frame('e1', 'message.created', server.reply('c1', 'Late news', { createdAt: '2026-12-01T10:00:00Z' })));
  await flush();
  release();
  await refresh;
  w.widget.render();
  assert.equal(w.widget.store.unreadOf('c1'), 1, 'the reply still counts');
  assert.equal(w.widget.store.previewOf('c1'), 'Late news');
  assert.equal(w.root.querySelector('.va-badge').textContent, '1');

  // A list asked for before a reply but answered after it (it has the reply, and its lastMessageAt
  // is the reply's): the reply is counted once, not twice.
  let answer;
  w.widget.api.fetch = async (url, init) => {
    if (/\/v1\/conversations$/.test(url)) await new Promise((resolve) => { answer = resolve; });
    return handle(url, init);
  };
  const again = w.widget.refreshConversations(false);
  await flush();
  const second = server.reply('c1', 'More news', { createdAt: '2026-12-01T10:05:00Z' });
  server.conversations[0].lastMessageAt = '2026-12-01T10:05:00Z';
  server.conversations[0].preview = 'More news';
  server.lastStream.send(frame('e2', 'message.created', second));
  await flush();
  answer();
  await again;
  assert.equal(w.widget.store.unreadOf('c1'), 2, 'Late news and More news, each once');
  assert.equal(w.widget.store.count(w.widget.store.get('c1')), 3);
});
