'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parts, flush, FakeTimers, FakeServer, frame } = require('./helpers');

const { StreamClient, backoffDelay } = parts;

function client(server, timers, extra = {}) {
  const log = [];
  const c = new StreamClient(Object.assign({
    fetch: server.fetch, url: 'https://chat.example/v1/stream', token: 'st1', timers, random: () => 0.5,
    on: {
      onOpen: () => log.push('open'),
      onEvent: (f) => log.push('event ' + f.id),
      onLost: () => log.push('lost'),
      onUnavailable: () => log.push('unavailable'),
      onUnauthorized: () => log.push('unauthorized')
    }
  }, extra));
  return { c, log };
}

test('the token goes in the Authorization header, never in the URL', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const { c } = client(server, timers);
  c.start();
  await flush();
  const call = server.callsTo('GET', '/v1/stream')[0];
  assert.equal(call.path, '/v1/stream');
  assert.equal(call.headers.Authorization, 'Bearer st1');
  assert.equal(call.headers.Accept, 'text/event-stream');
  assert.equal(call.headers['Last-Event-ID'], undefined);
  c.stop();
});

test('a reconnect sends Last-Event-ID with the last id seen', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const { c, log } = client(server, timers);
  c.start();
  await flush();
  server.lastStream.send(frame('e1', 'message.created', {}) + frame('e2', 'message.created', {}));
  await flush();
  server.lastStream.close(); // e.g. the server restarted
  await flush();
  assert.deepEqual(log, ['open', 'event e1', 'event e2', 'lost']);
  await timers.advance(1000);
  assert.equal(server.streams.length, 2);
  assert.equal(server.streams[1].headers['Last-Event-ID'], 'e2');
  assert.deepEqual(log.slice(4), ['open']);
  c.stop();
});

test('no byte for the heartbeat timeout: the connection is dropped and opened again at once, resuming', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const { c, log } = client(server, timers, { heartbeatTimeoutMs: 45000 });
  c.start();
  await flush();
  server.lastStream.send(frame('e9', 'conversation.read', {}));
  await flush();
  await timers.advance(30000);
  server.lastStream.send(': heartbeat\n\n'); // any byte re-arms the watchdog
  await flush();
  await timers.advance(44000);
  assert.equal(server.streams.length, 1, 'a heartbeat within the timeout keeps the connection');
  await timers.advance(1000);
  assert.equal(server.streams[0].closed, true, 'the silent connection was aborted');
  assert.equal(server.streams.length, 2);
  assert.equal(server.streams[1].headers['Last-Event-ID'], 'e9');
  assert.deepEqual(log, ['open', 'event e9', 'lost', 'open']);
  c.stop();
});

test('404, 405 and 501 mean no streaming here: unavailable at once, probed again later, back when it works', async () => {
  for (const status of [404, 405, 501]) {
    const server = new FakeServer({ streamStatus: status });
    const timers = new FakeTimers();
    const { c, log } = client(server, timers);
    c.start();
    await flush();
    assert.deepEqual(log, ['unavailable']);
    assert.deepEqual(timers.delays(), [60000]);
    await timers.advance(60000);
    assert.deepEqual(timers.delays(), [120000], 'the probe backs off');
    assert.deepEqual(log, ['unavailable'], 'reported once');
    server.streamStatus = 200; // the server was upgraded
    await timers.advance(120000);
    assert.deepEqual(log, ['unavailable', 'open']);
    c.stop();
  }
});

test('a 200 that is not an event stream (a catch-all page) is no streaming either', async () => {
  const timers = new FakeTimers();
  const fetch = async () => new Response('<html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
  const { c, log } = client({ fetch }, timers);
  c.start();
  await flush();
  assert.deepEqual(log, ['unavailable']);
  c.stop();
});

test('failures back off exponentially with jitter, and after three in a row the widget falls back', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  let failing = false;
  const fetch = (url, init) => (failing ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(url, init));
  const { c, log } = client({ fetch }, timers);
  c.start();
  await flush();
  server.lastStream.send(': hi\n\n');
  await flush();
  server.lastStream.close();
  failing = true;
  await flush();
  assert.deepEqual(timers.delays(), [750]); // 1 s * (0.5 + 0.5 * 0.5)
  await timers.advance(750);
  assert.deepEqual(timers.delays(), [750]);
  await timers.advance(750);
  assert.deepEqual(timers.delays(), [1500]);
  await timers.advance(1500);
  assert.deepEqual(log, ['open', 'lost', 'unavailable']);
  assert.deepEqual(timers.delays(), [3000]);
  failing = false;
  await timers.advance(3000);
  assert.deepEqual(log, ['open', 'lost', 'unavailable', 'open']);
  c.stop();
});

test('the backoff delay: doubles, is capped, and the jitter keeps it between half and all of it', () => {
  assert.equal(backoffDelay(1, () => 1), 1000);
  assert.equal(backoffDelay(4, () => 1), 8000);
  assert.equal(backoffDelay(20, () => 1), 30000);
  assert.equal(backoffDelay(20, () => 0), 15000);
  assert.equal(backoffDelay(3, () => 0, 1000, 60000), 2000);
});

test('401 means the session is gone: reported, and no reconnect', async () => {
  const timers = new FakeTimers();
  const fetch = async () => new Response('{"code":"unauthenticated"}', { status: 401, headers: { 'Content-Type': 'application/problem+json' } });
  const { c, log } = client({ fetch }, timers);
  c.start();
  await flush();
  assert.deepEqual(log, ['unauthorized']);
  assert.deepEqual(timers.delays(), []);
});

test('stop aborts the open connection and cancels what was scheduled', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const { c, log } = client(server, timers);
  c.start();
  await flush();
  c.stop();
  await flush();
  assert.equal(server.lastStream.closed, true);
  assert.deepEqual(log, ['open']);
  assert.deepEqual(timers.delays(), []);
});

test('a stream that opens and closes without a byte backs off like a failure, instead of reconnecting every second', async () => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const { c, log } = client(server, timers);
  c.start();
  await flush();
  server.lastStream.close();
  await flush();
  assert.deepEqual(timers.delays(), [750]);
  await timers.advance(750);
  server.lastStream.close();
  await flush();
  assert.deepEqual(timers.delays(), [1500], 'the delay grows');
  await timers.advance(1500);
  server.lastStream.close();
  await flush();
  assert.deepEqual(timers.delays(), [3000]);
  assert.equal(log.filter((l) => l === 'unavailable').length, 1, 'and after three in a row the widget polls');
  c.stop();
});
